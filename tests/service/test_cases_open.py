"""Opening a case routes it to the lowest covering office and its least-loaded eligible member."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import select

from netgov.core.actions import Severity
from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError, PermissionDeniedError
from netgov.governance.cases import CaseSource
from netgov.service.cases import NewCase, Opened, open_case, open_case_once
from netgov.service.permissions import SYSTEM
from netgov.service.places import add_jurisdiction
from netgov.store.tables import CaseRow
from tests.service import cases_country
from tests.service.cases_country import EAST, WEST, Country

country = cases_country.country


def test_a_case_in_a_county_with_its_own_office_goes_there(country: Country) -> None:
    case = country.open(EAST)
    assert case.office_id == country.office("east")
    assert country.username(case.assignee_id) == "officer_east"


def test_harbour_west_has_no_office_so_its_case_goes_to_the_harbour_office(country: Country) -> None:
    case = country.open(WEST)
    assert case.office_id == country.office("harbour")
    assert country.username(case.assignee_id) == "reviewer_harbour"
    assert "1 level(s) up" in country.timeline(case.id)[0].reason


def test_opening_writes_the_timeline_and_the_audit_log(country: Country) -> None:
    case = country.open()
    assert [e.kind for e in country.timeline(case.id)] == ["opened", "assigned"]
    assert country.audited(case.id) == ["case.open", "case.assign"]


def test_a_case_id_is_case_and_26_hex_characters(country: Country) -> None:
    case = country.open()
    assert case.id.startswith("case_")
    assert len(case.id) == 31
    int(case.id.removeprefix("case_"), 16)


def test_opening_the_same_source_item_twice_returns_the_first_case(country: Country) -> None:
    first = country.open(source_ref=f"{country.code}-same")
    second = country.open(source_ref=f"{country.code}-same")
    assert second.id == first.id
    assert len(country.timeline(first.id)) == 2


def test_a_jurisdiction_no_office_covers_is_refused_by_name(country: Country) -> None:
    code = f"z{country.code}"
    with country.world.runtime.uow(write=True) as uow:
        add_jurisdiction(uow, actor=SYSTEM, code=code, name="Elsewhere", level="national", parent=None, at=country.at)
        uow.commit()
    with (
        country.world.runtime.uow(write=True) as uow,
        pytest.raises(InvalidRequestError, match=f"no office covers '{code}'"),
    ):
        open_case(
            uow,
            actor=SYSTEM,
            source=CaseSource.REPORT,
            source_ref="uncovered",
            jurisdiction=code,
            category=Category.SCAMS_AND_FRAUD,
            severity=Severity.LOW,
            regulation="dsa",
            article="16",
            at=country.at,
        )


def test_an_unknown_jurisdiction_is_refused(country: Country) -> None:
    with pytest.raises(InvalidRequestError, match=r"no jurisdiction 't\d+\.nowhere'"):
        country.open(".nowhere")


def test_staff_may_open_cases_only_where_they_may_work_them(country: Country) -> None:
    east = country.staff("officer_east")
    with pytest.raises(PermissionDeniedError):
        country.open(".south", actor=east)
    assert country.open(EAST, actor=east).office_id == country.office("east")


def test_nobody_eligible_leaves_the_case_in_the_office_queue(country: Country) -> None:
    case = country.open(".south")
    assert case.office_id == country.office("south")
    assert case.assignee_id is None
    last = country.timeline(case.id)[-1]
    assert last.kind == "unassigned"
    assert f"nobody in {country.office('south')} is eligible" in last.reason


def test_priority_puts_trusted_flaggers_then_severity_then_source_first(country: Country) -> None:
    flagged = country.open(trusted_flagger=True, severity=Severity.LOW)
    critical = country.open(severity=Severity.CRITICAL)
    order = country.open(severity=Severity.MEDIUM, source=CaseSource.ORDER)
    report = country.open(severity=Severity.MEDIUM, source=CaseSource.REPORT)
    assert flagged.priority > critical.priority > order.priority > report.priority


def test_the_stored_case_keeps_what_it_is_about(country: Country) -> None:
    case = country.open(platform_id="chirp", content_id="post-1", rule_id="scam.advance_fee", summary="a scam")
    row = country.case(case.id)
    assert (row.platform_id, row.content_id, row.rule_id, row.summary) == (
        "chirp",
        "post-1",
        "scam.advance_fee",
        "a scam",
    )
    assert (row.category, row.state) == (Category.SCAMS_AND_FRAUD.value, "filed")


def test_an_unknown_platform_or_an_overlong_field_is_refused_by_name(country: Country) -> None:
    with pytest.raises(InvalidRequestError, match="platform_id: no platform 'nope'"):
        country.open(platform_id="nope")
    with pytest.raises(InvalidRequestError, match="article: at most 80 characters"):
        country.open(article="9" * 81)


def test_two_transactions_opening_the_same_item_at_once_open_one_case(country: Country) -> None:
    fields: dict[str, Any] = {
        "source": CaseSource.REPORT,
        "source_ref": f"{country.code}-raced",
        "jurisdiction": country.place(EAST),
        "category": Category.SCAMS_AND_FRAUD,
        "severity": Severity.LOW,
        "regulation": "dsa",
        "article": "16",
    }
    results: list[Opened] = []

    def second() -> None:
        with country.world.runtime.uow(write=True) as uow:
            results.append(open_case_once(uow, actor=SYSTEM, new=NewCase(**fields), at=country.at))
            uow.commit()

    with country.world.runtime.uow(write=True) as uow:
        first = open_case_once(uow, actor=SYSTEM, new=NewCase(**fields), at=country.at)
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)  # the second one is now waiting on the first's lock or key
        uow.commit()
    thread.join(timeout=30)
    assert [(r.case.id, r.created) for r in results] == [(first.case.id, False)]
    with country.world.runtime.uow() as uow:
        rows = uow.session.scalars(select(CaseRow).where(CaseRow.source_ref == fields["source_ref"])).all()
    assert len(rows) == 1
