"""Who works a case: the least-loaded eligible member by workload, the actor who takes it,
or whom a supervisor names."""

from __future__ import annotations

import pytest

from netgov.errors import ConflictError, InvalidRequestError, PermissionDeniedError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.identity.roles import Role
from netgov.service.cases import assign_case, take_case
from tests.service import cases_country
from tests.service.cases_country import EAST, Country

country = cases_country.country


def _take(country: Country, username: str, case_id: str) -> str | None:
    return country.username(country.run(take_case, username, case_id=case_id).assignee_id)


def _assign(
    country: Country, case_id: str, to: str | None, *, by: str = "supervisor", reason: str = "balance"
) -> str | None:
    staff = None if to is None else country.name(to)
    return country.username(country.run(assign_case, by, case_id=case_id, staff=staff, reason=reason).assignee_id)


def test_cases_go_to_the_least_loaded_eligible_member(country: Country) -> None:
    country.seat("bea", "east", EAST)
    names = [country.username(country.open(EAST).assignee_id) for _ in range(3)]
    # Ties go to the smaller staff id; whoever got the first case gets the third only
    # once the other has one too.
    assert sorted(names[:2]) == ["bea", "officer_east"]
    assert names[2] == names[0]


def test_a_member_at_capacity_gets_no_more_cases(country: Country) -> None:
    country.seat("cap", "south", ".south", capacity=1)
    assert country.username(country.open(".south").assignee_id) == "cap"
    assert country.open(".south").assignee_id is None


def test_staff_whose_role_cannot_work_cases_are_not_eligible(country: Country) -> None:
    country.seat("watcher", "south", ".south", role=Role.AUDITOR)
    assert country.open(".south").assignee_id is None


def test_a_member_takes_an_unassigned_case_of_their_office(country: Country) -> None:
    country.seat("sam", "south", ".south", capacity=0)
    case = country.open(".south")
    assert case.assignee_id is None
    assert _take(country, "sam", case.id) == "sam"
    assert country.timeline(case.id)[-1].kind == "assigned"
    assert country.audited(case.id).count("case.assign") == 2


def test_taking_a_case_someone_else_holds_needs_a_supervisor(country: Country) -> None:
    case = country.open(EAST)
    with pytest.raises(PermissionDeniedError, match="assigned to someone else"):
        _take(country, "officer_north", case.id)
    assert _take(country, "supervisor", case.id) == "supervisor"


def test_taking_a_case_outside_ones_scope_is_refused(country: Country) -> None:
    case = country.open(".south")
    with pytest.raises(PermissionDeniedError):
        _take(country, "officer_east", case.id)


def test_a_supervisor_assigns_a_named_member_of_the_office(country: Country) -> None:
    country.seat("bea", "east", EAST)
    case = country.open(EAST)
    other = "bea" if country.username(case.assignee_id) == "officer_east" else "officer_east"
    assert _assign(country, case.id, other) == other


def test_assigning_someone_not_seated_in_the_office_is_refused(country: Country) -> None:
    case = country.open(EAST)
    with pytest.raises(InvalidRequestError, match="not seated in"):
        _assign(country, case.id, "officer_north")
    with pytest.raises(InvalidRequestError, match="no staff member"):
        _assign(country, case.id, "nobody")


def test_assigning_needs_case_assign_and_a_reason(country: Country) -> None:
    case = country.open(EAST)
    with pytest.raises(PermissionDeniedError, match=r"case\.assign"):
        _assign(country, case.id, None, by="officer_east")
    with pytest.raises(InvalidRequestError, match="reason"):
        _assign(country, case.id, None, reason="")


def test_assigning_by_workload_picks_again(country: Country) -> None:
    case = country.open(EAST)
    assert _assign(country, case.id, None) == "officer_east"


def test_a_closed_case_cannot_be_assigned(country: Country) -> None:
    case = country.open(EAST)
    country.step("officer_east", case.id, CaseState.CLOSED, CaseOutcome.WITHDRAWN)
    with pytest.raises(ConflictError, match="closed"):
        _assign(country, case.id, None)
