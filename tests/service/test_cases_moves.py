"""Moving cases between offices: take-over only from above, designation only within the
designating office's subtree, transfers sideways with a reason; each re-routes the assignee."""

from __future__ import annotations

import pytest

from netgov.errors import ConflictError, InvalidRequestError, PermissionDeniedError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.service.cases import designate, take_over, transfer
from tests.service import cases_country
from tests.service.cases_country import EAST, Country

country = cases_country.country


def _transfer(country: Country, username: str, case_id: str, office: str, reason: str) -> None:
    country.run(transfer, username, case_id=case_id, office_id=country.office(office), reason=reason)


def _designate(country: Country, username: str, case_id: str, office: str) -> None:
    country.run(designate, username, case_id=case_id, office_id=country.office(office), reason="closer to it")


def test_a_higher_office_takes_a_case_over(country: Country) -> None:
    case = country.open(EAST)
    country.run(take_over, "officer_north", case_id=case.id, reason="serious")
    row = country.case(case.id)
    assert row.office_id == country.office("north")
    assert country.username(row.assignee_id) == "officer_north"
    moved = [(e.from_office, e.to_office, e.reason) for e in country.timeline(case.id) if e.kind == "taken_over"]
    assert moved == [(country.office("east"), country.office("north"), "serious")]
    assert "case.take_over" in country.audited(case.id)


def test_an_office_below_cannot_take_over(country: Country) -> None:
    case = country.open(".north.harbour")
    with pytest.raises(PermissionDeniedError):
        country.run(take_over, "officer_east", case_id=case.id, reason="mine")


def test_an_office_cannot_take_over_its_own_case(country: Country) -> None:
    case = country.open(".north")
    with pytest.raises(PermissionDeniedError, match="not above"):
        country.run(take_over, "officer_north", case_id=case.id, reason="mine")


def test_a_supervisor_designates_an_office_in_their_subtree(country: Country) -> None:
    case = country.open(".north")
    _designate(country, "supervisor", case.id, "east")
    row = country.case(case.id)
    assert (row.office_id, country.username(row.assignee_id)) == (country.office("east"), "officer_east")
    assert "case.designate" in country.audited(case.id)


def test_designation_needs_case_assign(country: Country) -> None:
    case = country.open(".north.harbour")
    with pytest.raises(PermissionDeniedError, match=r"case\.assign"):
        _designate(country, "officer_north", case.id, "east")


def test_designating_an_unknown_office_or_the_same_one_is_refused(country: Country) -> None:
    case = country.open(EAST)
    with pytest.raises(InvalidRequestError, match="no office"):
        _designate(country, "supervisor", case.id, "nowhere")
    with pytest.raises(InvalidRequestError, match="already held"):
        _designate(country, "supervisor", case.id, "east")


def test_a_transfer_needs_a_reason(country: Country) -> None:
    case = country.open(".north.harbour")
    with pytest.raises(InvalidRequestError, match="reason"):
        _transfer(country, "reviewer_harbour", case.id, "east", " ")


def test_the_assignee_transfers_a_case_to_an_office_they_may_work_in(country: Country) -> None:
    case = country.open(".north.harbour")
    _transfer(country, "reviewer_harbour", case.id, "east", "an east county matter")
    row = country.case(case.id)
    assert (row.office_id, country.username(row.assignee_id)) == (country.office("east"), "officer_east")
    assert [e.reason for e in country.timeline(case.id) if e.kind == "transferred"] == ["an east county matter"]
    assert "case.transfer" in country.audited(case.id)


def test_a_supervisor_transfers_sideways_between_provinces(country: Country) -> None:
    case = country.open(".north")
    _transfer(country, "supervisor", case.id, "south", "the seller is in the south")
    assert country.case(case.id).office_id == country.office("south")


def test_someone_else_than_the_assignee_may_not_transfer_without_case_assign(country: Country) -> None:
    case = country.open(".north.harbour")
    with pytest.raises(PermissionDeniedError, match="assigned to someone else"):
        _transfer(country, "officer_north", case.id, "east", "mine now")


def test_a_transfer_to_an_office_outside_ones_scope_is_refused(country: Country) -> None:
    case = country.open(".north.harbour")
    with pytest.raises(PermissionDeniedError, match="south"):
        _transfer(country, "reviewer_harbour", case.id, "south", "elsewhere")


def test_a_move_keeps_the_deadline(country: Country) -> None:
    case = country.open(EAST)
    country.run(take_over, "officer_north", case_id=case.id, reason="serious")
    assert country.case(case.id).deadline_at == case.deadline_at


def test_a_closed_case_is_not_moved(country: Country) -> None:
    case = country.open(EAST)
    country.step("officer_east", case.id, CaseState.CLOSED, CaseOutcome.WITHDRAWN)
    with pytest.raises(ConflictError, match="closed"):
        country.run(take_over, "officer_north", case_id=case.id, reason="too late")
