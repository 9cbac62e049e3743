"""Issuing orders (DSA Art. 9 and 10): who may, for which office, and every field the order
must carry, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from netgov.errors import InvalidRequestError, PermissionDeniedError
from netgov.governance.orders import OrderItem, OrderKind, RequestedAction
from netgov.service.permissions import SYSTEM
from netgov.store.tables import CaseRow
from tests.order_factories import act_request, information_request, issued, platform_principal
from tests.service.support import audit_actions, staff
from tests.service_world import START, World


def test_an_officer_issues_an_order_for_the_office_they_sit_in(shared_world: World) -> None:
    row = issued(shared_world, staff(shared_world, "officer_north"))
    assert row.id.startswith("ord_")
    assert row.status == "issued"
    assert row.office_id == "office-north"
    assert row.issuing_authority == "North Province Office, North Province"
    assert row.issued_by == "staff:officer_north"
    assert json.loads(row.territorial_scope) == ["ex.north"]
    assert f"order:{row.id}" in audit_actions(shared_world, "order.issue")


def test_a_deadline_in_working_hours_counts_on_the_office_calendar(shared_world: World) -> None:
    # Monday 09:00 plus 10 working hours of a 09:00-17:00 office: Tuesday 11:00.
    row = issued(shared_world, staff(shared_world, "officer_north"), act_request(deadline_hours=10))
    assert row.deadline_at == START + timedelta(days=1, hours=2)


def test_an_explicit_deadline_is_kept(shared_world: World) -> None:
    due = START + timedelta(days=3)
    row = issued(shared_world, staff(shared_world, "officer_north"), act_request(deadline_hours=None, deadline_at=due))
    assert row.deadline_at == due


def test_the_default_redress_names_the_office_the_review_and_the_courts(shared_world: World) -> None:
    row = issued(shared_world, staff(shared_world, "officer_north"))
    assert "North Province Office" in row.redress
    assert "National Online Content Office to review" in row.redress
    assert "courts of North Province" in row.redress


def test_an_officer_may_issue_for_an_office_below_their_own(shared_world: World) -> None:
    row = issued(shared_world, staff(shared_world, "officer_north"), act_request(office="office-harbour"))
    assert row.office_id == "office-harbour"
    assert row.issuing_authority == "Harbour City Office, Harbour City"


def test_an_officer_of_another_subtree_is_refused(shared_world: World) -> None:
    with pytest.raises(PermissionDeniedError, match=re.escape("ex.north.harbour.east")):
        issued(shared_world, staff(shared_world, "officer_east"), act_request(office="office-north"))


def test_a_reviewer_cannot_issue_orders(shared_world: World) -> None:
    with pytest.raises(PermissionDeniedError, match=re.escape("no role that may order.issue")):
        issued(shared_world, staff(shared_world, "reviewer_harbour"))


def test_a_platform_cannot_issue_orders(shared_world: World) -> None:
    with pytest.raises(PermissionDeniedError, match=re.escape("no role that may order.issue")):
        issued(shared_world, platform_principal(shared_world, "chirp"))


def test_staff_without_a_seat_must_name_the_office(shared_world: World) -> None:
    with pytest.raises(InvalidRequestError, match="office: you sit in no office"):
        issued(shared_world, staff(shared_world, "admin"))
    assert (
        issued(shared_world, staff(shared_world, "admin"), act_request(office="office-south")).office_id
        == "office-south"
    )


def test_the_operator_issues_for_a_named_office(shared_world: World) -> None:
    assert issued(shared_world, SYSTEM, act_request(office="office-east")).issued_by == "system:netgov"


def test_an_unknown_platform_is_refused_by_name(shared_world: World) -> None:
    with pytest.raises(InvalidRequestError, match="platform: no platform 'nowhere'"):
        issued(shared_world, staff(shared_world, "officer_north"), act_request(platform="nowhere"))


def test_an_unknown_office_is_refused_by_name(shared_world: World) -> None:
    with pytest.raises(InvalidRequestError, match="office: no office 'office-moon'"):
        issued(shared_world, staff(shared_world, "supervisor"), act_request(office="office-moon"))


PAST = START - timedelta(hours=1)

INVALID: list[tuple[str, dict[str, Any]]] = [
    ("regulation: the legal basis needs", {"regulation": " "}),
    ("article: the legal basis needs", {"article": ""}),
    ("article: MOSR has no article 99 in force", {"article": "99"}),
    ("provisions: cite at least one", {"provisions": ()}),
    ("provisions: cite at least one", {"provisions": ("MOSR Art. 9", " ")}),
    ("reasons: the statement of reasons is required", {"reasons": "  "}),
    ("items: name at least one exact item", {"items": ()}),
    ("items[1].content_id: 'post-1' is listed twice", {"items": (OrderItem(content_id="post-1"),) * 2}),
    ("items[0].content_id: required", {"items": (OrderItem(content_id=" "),)}),
    ("items[0].url: must be an http(s) URL", {"items": (OrderItem(content_id="p", url="javascript:x"),)}),
    ("action_requested: an act order says", {"action_requested": None}),
    ("information_requested: only an information order", {"information_requested": "who?"}),
    ("territorial_scope: ex.south lies outside", {"territorial_scope": ("ex.south",)}),
    ("territorial_scope: no jurisdiction 'ex.moon'", {"territorial_scope": ("ex.moon",)}),
    ("deadline_at: 2026-06-01T08:00:00+00:00 is not in the future", {"deadline_hours": None, "deadline_at": PAST}),
    ("deadline_at: give either", {"deadline_at": START + timedelta(days=1)}),
    ("deadline_at: give either", {"deadline_hours": None}),
    ("deadline_hours: must be more than 0", {"deadline_hours": 0}),
    ("deadline_hours: must be more than 0", {"deadline_hours": float("inf")}),
    ("redress: say how the platform may seek redress", {"redress": " "}),
]


@pytest.mark.parametrize(
    ("message", "changes"), INVALID, ids=[f"{n}-{m.split(':')[0]}" for n, (m, _) in enumerate(INVALID)]
)
def test_each_missing_or_invalid_field_is_refused_by_name(
    shared_world: World, message: str, changes: dict[str, Any]
) -> None:
    with pytest.raises(InvalidRequestError, match=re.escape(message)):
        issued(shared_world, staff(shared_world, "officer_north"), act_request(**changes))


def test_every_fault_of_a_draft_is_named_at_once(shared_world: World) -> None:
    with pytest.raises(InvalidRequestError) as refused:
        issued(shared_world, staff(shared_world, "officer_north"), act_request(reasons="", items=(), provisions=()))
    assert [part.split(":")[0] for part in str(refused.value).split("; ")] == ["items", "provisions", "reasons"]


def test_an_information_order_must_say_what_it_asks(shared_world: World) -> None:
    officer = staff(shared_world, "officer_north")
    with pytest.raises(InvalidRequestError, match="information_requested: an information order says"):
        issued(shared_world, officer, information_request(information_requested=" "))
    with pytest.raises(InvalidRequestError, match="action_requested: only an act order"):
        issued(shared_world, officer, information_request(action_requested=RequestedAction.REMOVE))


def test_an_information_order_is_issued_with_its_request(shared_world: World) -> None:
    row = issued(shared_world, staff(shared_world, "officer_north"), information_request())
    assert (row.kind, row.action_requested) == (OrderKind.INFORMATION, None)
    assert row.information_requested is not None
    assert "contact details" in row.information_requested


def test_a_regulation_outside_the_rulebook_is_taken_as_cited(shared_world: World) -> None:
    row = issued(
        shared_world, staff(shared_world, "officer_north"), act_request(regulation="Examplia Media Act", article="12a")
    )
    assert (row.regulation, row.article) == ("Examplia Media Act", "12a")


def test_a_territorial_scope_within_the_office_is_kept_without_repeats(shared_world: World) -> None:
    scope = ("ex.north.harbour", "ex.north.harbour.east", "ex.north.harbour")
    row = issued(shared_world, staff(shared_world, "officer_north"), act_request(territorial_scope=scope))
    assert json.loads(row.territorial_scope) == ["ex.north.harbour", "ex.north.harbour.east"]


def _case(world: World, case_id: str, *, platform: str | None = "chirp", office: str = "office-north") -> str:
    with world.runtime.uow(write=True) as uow:
        uow.cases.add(
            CaseRow(
                id=case_id,
                source="report",
                source_ref=case_id,
                state="investigating",
                jurisdiction_code="ex.north",
                office_id=office,
                category="ILLEGAL_GOODS",
                severity="high",
                priority=3,
                regulation="MOSR",
                article="9",
                platform_id=platform,
                content_id="post-1",
                opened_at=START,
                updated_at=START,
            )
        )
        uow.commit()
    return case_id


def test_an_order_issued_from_a_case_is_on_the_case_timeline(shared_world: World) -> None:
    row = issued(
        shared_world, staff(shared_world, "officer_north"), act_request(case_id=_case(shared_world, "case-timeline"))
    )
    with shared_world.runtime.uow() as uow:
        events = [(e.kind, json.loads(e.details)["order"]) for e in uow.cases.events("case-timeline")]
    assert events == [("order_issued", row.id)]


def test_an_unknown_case_is_refused_by_name(shared_world: World) -> None:
    with pytest.raises(InvalidRequestError, match="case_id: no case 'case-404'"):
        issued(shared_world, staff(shared_world, "officer_north"), act_request(case_id="case-404"))


def test_a_case_about_another_platform_is_refused(shared_world: World) -> None:
    case_id = _case(shared_world, "case-marketly", platform="marketly")
    with pytest.raises(InvalidRequestError, match="platform: case case-marketly is about marketly's content"):
        issued(shared_world, staff(shared_world, "officer_north"), act_request(case_id=case_id))


def test_a_case_out_of_the_officer_sight_is_refused(shared_world: World) -> None:
    case_id = _case(shared_world, "case-south", office="office-south")
    with pytest.raises(PermissionDeniedError):
        issued(shared_world, staff(shared_world, "officer_north"), act_request(case_id=case_id))


def test_an_article_not_yet_in_force_is_refused(world: World) -> None:
    # MOSR 1.0 is in force from 2025-01-01: at an earlier time none of its articles is.
    world.clock.now = datetime(2024, 6, 3, 9, tzinfo=UTC)
    with pytest.raises(InvalidRequestError, match="article: MOSR has no article 9 in force"):
        issued(world, staff(world, "officer_north"))
