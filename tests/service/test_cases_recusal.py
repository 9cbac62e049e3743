"""Recusal is enforced, not preferred: routing skips the recused, and every way of working,
taking, being assigned or moving the case refuses them, supervisors included."""

from __future__ import annotations

import pytest

from netgov.errors import PermissionDeniedError
from netgov.governance.case_states import CaseState
from netgov.service.cases import assign_case, designate, step_case, take_case, take_over, transfer
from netgov.store.tables import CaseRow
from tests.service import cases_country
from tests.service.cases_country import EAST, Country

country = cases_country.country


def _id(country: Country, username: str) -> str:
    with country.world.runtime.uow() as uow:
        row = uow.identity.staff_by_username(country.name(username))
        assert row is not None
        return row.id


def _recusing(country: Country, *usernames: str, suffix: str = EAST) -> CaseRow:
    return country.open(suffix, recused=tuple(_id(country, name) for name in usernames))


def test_routing_skips_the_recused_member(country: Country) -> None:
    country.seat("reviewer_east", "east", EAST)
    case = _recusing(country, "officer_east")
    assert country.username(country.case(case.id).assignee_id) == "reviewer_east"
    assert country.case(case.id).recused == f" {_id(country, 'officer_east')} "


def test_with_only_the_recused_member_the_case_waits_in_the_queue(country: Country) -> None:
    case = _recusing(country, "officer_east")
    assert country.case(case.id).assignee_id is None
    assert [e.kind for e in country.timeline(case.id)] == ["opened", "unassigned"]


def test_the_recused_member_cannot_take_work_or_be_assigned_the_case(country: Country) -> None:
    case = _recusing(country, "officer_east")
    with pytest.raises(PermissionDeniedError, match="recused from case"):
        country.run(take_case, "officer_east", case_id=case.id)
    with pytest.raises(PermissionDeniedError, match="may not work it"):
        country.step("officer_east", case.id, CaseState.INVESTIGATING)
    with pytest.raises(PermissionDeniedError, match="may not be assigned it"):
        country.run(assign_case, "supervisor", case_id=case.id, staff=country.name("officer_east"), reason="try")


def test_a_recused_supervisor_is_refused_every_act_on_the_case(country: Country) -> None:
    case = _recusing(country, "supervisor", suffix=".north.harbour")
    harbour_case = case.id
    refusals = [
        (take_case, {}),
        (step_case, {"to": CaseState.INVESTIGATING, "reason": "go"}),
        (assign_case, {"staff": country.name("reviewer_harbour"), "reason": "to them"}),
        (assign_case, {"staff": None, "reason": "by workload"}),
        (designate, {"office_id": country.office("east"), "reason": "closer"}),
        (transfer, {"office_id": country.office("east"), "reason": "sideways"}),
        (take_over, {"reason": "from above"}),
    ]
    for action, arguments in refusals:
        with pytest.raises(PermissionDeniedError, match="is recused from case"):
            country.run(action, "supervisor", case_id=harbour_case, **arguments)
    assert country.username(country.case(harbour_case).assignee_id) == "reviewer_harbour"


def test_an_unrecused_supervisor_still_works_the_case(country: Country) -> None:
    case = _recusing(country, "officer_east")
    country.run(take_case, "supervisor", case_id=case.id)
    assert country.username(country.case(case.id).assignee_id) == "supervisor"


def test_a_move_reroutes_past_the_recused_member(country: Country) -> None:
    case = _recusing(country, "officer_east", suffix=".north.harbour")
    country.run(designate, "supervisor", case_id=case.id, office_id=country.office("east"), reason="county matter")
    row = country.case(case.id)
    assert row.office_id == country.office("east")
    assert row.assignee_id is None
