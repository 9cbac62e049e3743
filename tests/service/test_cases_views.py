"""The queue and the case page: filtered, sorted, paged within the reader's scope; one case
with its legal basis, next steps, timeline, referrals and orders, never the post's text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from netgov.core.actions import Severity
from netgov.errors import InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.deadlines import DeadlineStatus
from netgov.service.case_views import CaseDetail, CaseFilter, CasePage, CaseSort, case_detail, case_queue
from netgov.service.cases import refer
from netgov.store.tables import OrderRow
from tests.service import cases_country
from tests.service.cases_country import EAST, WEST, Country
from tests.service_world import bundled_rulebook

country = cases_country.country


def _queue(
    country: Country,
    reader: str | None,
    *,
    sort: CaseSort = CaseSort.DEADLINE,
    limit: int = 50,
    offset: int = 0,
    **where: Any,
) -> CasePage:
    principal = None if reader is None else country.staff(reader)
    with country.world.runtime.uow() as uow:
        return case_queue(
            uow, principal=principal, filter=CaseFilter(**where), sort=sort, limit=limit, offset=offset, at=country.at
        )


def _ids(page: CasePage) -> list[str]:
    return [case.id for case in page.cases]


def _detail(country: Country, username: str, case_id: str) -> CaseDetail:
    with country.world.runtime.uow() as uow:
        return case_detail(
            uow, principal=country.staff(username), case_id=case_id, at=country.at, rulebook=bundled_rulebook()
        )


def test_a_reader_sees_the_cases_of_offices_in_their_scope_only(country: Country) -> None:
    east, south, west = country.open(EAST), country.open(".south"), country.open(WEST)
    assert _ids(_queue(country, "officer_east")) == [east.id]
    assert set(_ids(_queue(country, "auditor"))) == {east.id, south.id, west.id}
    # Harbour West's case is held by the Harbour office, above the west county's officer.
    assert _queue(country, "officer_west").cases == []
    assert _queue(country, None).total == 0


def test_the_queue_filters_by_office_state_assignee_and_overdue(country: Country) -> None:
    east, south = country.open(EAST), country.open(".south")
    country.step("officer_east", east.id, CaseState.INVESTIGATING)
    assert _ids(_queue(country, "auditor", office=country.office("south"))) == [south.id]
    assert _ids(_queue(country, "auditor", states=(CaseState.INVESTIGATING,))) == [east.id]
    assert _ids(_queue(country, "auditor", assignee=country.name("officer_east"))) == [east.id]
    assert _ids(_queue(country, "auditor", assignee="none")) == [south.id]
    assert _ids(_queue(country, "officer_east", assignee="me")) == [east.id]
    assert _queue(country, "auditor", assignee="nobody-by-that-name").cases == []
    assert _queue(country, "auditor", overdue=True).cases == []
    country.at += timedelta(days=7)
    assert set(_ids(_queue(country, "auditor", overdue=True))) == {east.id, south.id}


def test_the_queue_sorts_by_priority_deadline_or_opening(country: Country) -> None:
    low = country.open(severity=Severity.LOW)
    country.at += timedelta(minutes=5)
    high = country.open(severity=Severity.HIGH)
    assert _ids(_queue(country, "auditor", sort=CaseSort.PRIORITY)) == [high.id, low.id]
    assert _ids(_queue(country, "auditor", sort=CaseSort.DEADLINE)) == [low.id, high.id]
    assert _ids(_queue(country, "auditor", sort=CaseSort.OPENED)) == [high.id, low.id]


def test_the_queue_pages_with_an_offset(country: Country) -> None:
    ids = {country.open().id for _ in range(5)}
    first = _queue(country, "auditor", limit=2, sort=CaseSort.OPENED)
    assert (first.total, first.next_offset) == (5, 2)
    second = _queue(country, "auditor", limit=2, offset=2, sort=CaseSort.OPENED)
    last = _queue(country, "auditor", limit=2, offset=4, sort=CaseSort.OPENED)
    assert last.next_offset is None
    assert set(_ids(first)) | set(_ids(second)) | set(_ids(last)) == ids
    with pytest.raises(InvalidRequestError, match="limit"):
        _queue(country, "auditor", limit=0)


def test_a_summary_names_the_office_the_assignee_and_the_deadline_status(country: Country) -> None:
    country.open()
    (summary,) = _queue(country, "auditor").cases
    assert (summary.office_id, summary.office_name) == (country.office("east"), "East Office")
    assert (summary.assignee, summary.assignee_name) == (
        country.name("officer_east"),
        f"{country.code.title()} Officer East",
    )
    assert summary.deadline_status is DeadlineStatus.OK
    country.at = datetime(2026, 6, 5, 12, tzinfo=UTC)  # 5 working hours left, the margin is 8
    assert _queue(country, "auditor").cases[0].deadline_status is DeadlineStatus.WARNING
    country.at += timedelta(days=1)
    assert _queue(country, "auditor").cases[0].deadline_status is DeadlineStatus.BREACHED


def test_the_case_page_carries_the_article_next_steps_timeline_and_referrals(country: Country) -> None:
    regulation = bundled_rulebook().regulations[0]
    article = regulation.articles[0]
    case = country.open(regulation=regulation.id, article=article.number, platform_id="chirp", content_id="p-1")
    country.run(refer, "officer_east", case_id=case.id, agency="police", reason="fraud")
    detail = _detail(country, "auditor", case.id)
    assert (detail.article_title, detail.article_text) == (article.title, article.text)
    closing = [CaseOutcome.NO_VIOLATION, CaseOutcome.WITHDRAWN, CaseOutcome.DUPLICATE, CaseOutcome.OUT_OF_SCOPE]
    assert [(s.to, s.outcomes) for s in detail.next_steps] == [
        (CaseState.INVESTIGATING, []),
        (CaseState.CLOSED, closing),
    ]
    assert [e.kind for e in detail.timeline] == ["opened", "assigned", "referred"]
    assert detail.timeline[1].staff == country.name("officer_east")
    assert [(r.agency, r.status) for r in detail.referrals] == [("police", "sent")]
    assert detail.orders == []


def test_the_case_page_lists_the_orders_issued_in_the_case(country: Country) -> None:
    case = country.open(platform_id="chirp", content_id="p-2")
    with country.world.runtime.uow(write=True) as uow:
        uow.orders.add(_order(f"ord_{case.id}", case.id, country.office("east"), country.at))
        uow.commit()
    assert [(o.id, o.status) for o in _detail(country, "auditor", case.id).orders] == [(f"ord_{case.id}", "issued")]


def test_the_case_page_refuses_readers_out_of_scope_and_unknown_cases(country: Country) -> None:
    case = country.open(".south")
    with pytest.raises(PermissionDeniedError):
        _detail(country, "officer_east", case.id)
    with pytest.raises(NotFoundError):
        _detail(country, "auditor", "case_missing")


def _order(order_id: str, case_id: str, office: str, at: datetime) -> OrderRow:
    return OrderRow(
        id=order_id[:40],
        kind="act",
        status="issued",
        office_id=office,
        case_id=case_id,
        platform_id="chirp",
        issuing_authority="Harbour East County Office",
        issued_by="staff:officer_east",
        regulation="dsa",
        article="9",
        provisions="[]",
        reasons="illegal scam",
        action_requested="remove",
        territorial_scope='["ex"]',
        redress="appeal to the court",
        issued_at=at,
        deadline_at=at + timedelta(days=1),
    )
