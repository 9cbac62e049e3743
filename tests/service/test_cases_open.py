"""Opening a case routes it to the lowest covering office and its least-loaded eligible member."""

from __future__ import annotations

import pytest

from netgov.core.actions import Severity
from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError, PermissionDeniedError
from netgov.governance.cases import CaseSource
from netgov.service.permissions import SYSTEM
from netgov.service.places import add_jurisdiction
from tests.service.cases_support import case_row, opened, timeline, username_of
from tests.service.support import audit_actions, staff
from tests.service_world import World


def test_a_case_in_a_county_with_its_own_office_goes_there(world: World) -> None:
    case = opened(world, "ex.north.harbour.east")
    assert case.office_id == "office-east"
    assert username_of(world, case.assignee_id) == "officer_east"


def test_harbour_west_has_no_office_so_its_case_goes_to_the_harbour_office(world: World) -> None:
    case = opened(world, "ex.north.harbour.west")
    assert case.office_id == "office-harbour"
    assert username_of(world, case.assignee_id) == "reviewer_harbour"
    assert "1 level(s) up" in timeline(world, case.id)[0].reason


def test_opening_writes_the_timeline_and_the_audit_log(world: World) -> None:
    case = opened(world)
    assert [e.kind for e in timeline(world, case.id)] == ["opened", "assigned"]
    assert audit_actions(world, "case.open") == [f"case:{case.id}"]
    assert audit_actions(world, "case.assign") == [f"case:{case.id}"]


def test_a_case_id_is_case_and_26_hex_characters(world: World) -> None:
    case = opened(world)
    assert case.id.startswith("case_")
    assert len(case.id) == 31
    int(case.id.removeprefix("case_"), 16)


def test_opening_the_same_source_item_twice_returns_the_first_case(world: World) -> None:
    first = opened(world, source_ref="notice-same")
    second = opened(world, source_ref="notice-same")
    assert second.id == first.id
    assert len(timeline(world, first.id)) == 2


def test_a_jurisdiction_no_office_covers_is_refused_by_name(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        add_jurisdiction(
            uow, actor=SYSTEM, code="zz", name="Elsewhere", level="national", parent=None, at=world.clock()
        )
        uow.commit()
    with pytest.raises(InvalidRequestError, match="'zz'"):
        opened(world, "zz")


def test_an_unknown_jurisdiction_is_refused(world: World) -> None:
    with pytest.raises(InvalidRequestError, match=r"no jurisdiction 'ex\.nowhere'"):
        opened(world, "ex.nowhere")


def test_staff_may_open_cases_only_where_they_may_work_them(world: World) -> None:
    with pytest.raises(PermissionDeniedError):
        opened(world, "ex.south", actor=staff(world, "officer_east"))
    case = opened(world, "ex.north.harbour.east", actor=staff(world, "officer_east"))
    assert case.office_id == "office-east"


def test_nobody_eligible_leaves_the_case_in_the_office_queue(world: World) -> None:
    case = opened(world, "ex.south")
    assert case.office_id == "office-south"
    assert case.assignee_id is None
    last = timeline(world, case.id)[-1]
    assert last.kind == "unassigned"
    assert "nobody in office-south is eligible" in last.reason


def test_priority_puts_trusted_flaggers_then_severity_first(world: World) -> None:
    flagged = opened(world, trusted_flagger=True, severity=Severity.LOW)
    critical = opened(world, severity=Severity.CRITICAL)
    order = opened(world, severity=Severity.MEDIUM, source=CaseSource.ORDER)
    report = opened(world, severity=Severity.MEDIUM, source=CaseSource.REPORT)
    assert flagged.priority > critical.priority > order.priority > report.priority


def test_the_stored_case_keeps_what_it_is_about(world: World) -> None:
    case = opened(world, platform_id="chirp", content_id="post-1", rule_id="scam.advance_fee", summary="a scam")
    row = case_row(world, case.id)
    assert (row.platform_id, row.content_id, row.rule_id, row.summary) == (
        "chirp",
        "post-1",
        "scam.advance_fee",
        "a scam",
    )
    assert row.category == Category.SCAMS_AND_FRAUD.value
    assert row.state == "filed"
