"""Stepping a case through its procedure: allowed steps only, with a reason, an outcome
where the procedure needs one, by the assignee or a supervisor, each step audited."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netgov.errors import IllegalTransitionError, InvalidRequestError, PermissionDeniedError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.service.case_routing import eligible_staff
from netgov.service.cases import step_case
from tests.service import cases_country
from tests.service.cases_country import Country

country = cases_country.country
S = CaseState


def test_the_assignee_walks_a_case_from_filed_to_closed(country: Country) -> None:
    case = country.open()
    for to in (S.INVESTIGATING, S.UNDER_REVIEW):
        country.step("officer_east", case.id, to)
    country.step("officer_east", case.id, S.DECIDED, CaseOutcome.VIOLATION)
    for to in (S.SERVED, S.EXECUTED, S.CLOSED):
        country.step("officer_east", case.id, to)
    row = country.case(case.id)
    assert (row.state, row.outcome, row.closed_at) == ("closed", "violation", country.at)
    transitions = [(e.from_state, e.to_state) for e in country.timeline(case.id) if e.kind == "transition"]
    assert transitions == [
        ("filed", "investigating"),
        ("investigating", "under_review"),
        ("under_review", "decided"),
        ("decided", "served"),
        ("served", "executed"),
        ("executed", "closed"),
    ]
    assert country.audited(case.id).count("case.transition") == 6


def test_an_illegal_step_is_refused_naming_the_allowed_ones(country: Country) -> None:
    case = country.open()
    with pytest.raises(IllegalTransitionError, match="Allowed from filed: investigating, closed"):
        country.step("officer_east", case.id, S.DECIDED, CaseOutcome.VIOLATION)
    assert country.case(case.id).state == "filed"


def test_deciding_needs_an_outcome(country: Country) -> None:
    case = country.open()
    country.step("officer_east", case.id, S.INVESTIGATING)
    country.step("officer_east", case.id, S.UNDER_REVIEW)
    with pytest.raises(InvalidRequestError, match="needs one of violation, partial_violation, no_violation"):
        country.step("officer_east", case.id, S.DECIDED)


def test_closing_before_a_decision_needs_a_reason_to_close(country: Country) -> None:
    case = country.open()
    with pytest.raises(InvalidRequestError, match="outcome"):
        country.step("officer_east", case.id, S.CLOSED)
    with pytest.raises(InvalidRequestError, match="outcome"):
        country.step("officer_east", case.id, S.CLOSED, CaseOutcome.VIOLATION)
    assert country.step("officer_east", case.id, S.CLOSED, CaseOutcome.DUPLICATE).outcome == "duplicate"


def test_a_step_that_takes_no_outcome_refuses_one(country: Country) -> None:
    case = country.open()
    with pytest.raises(InvalidRequestError, match="takes no outcome"):
        country.step("officer_east", case.id, S.INVESTIGATING, CaseOutcome.VIOLATION)


def test_every_step_needs_a_reason(country: Country) -> None:
    case = country.open()
    with pytest.raises(InvalidRequestError, match="reason"):
        country.run(step_case, "officer_east", case_id=case.id, to=S.INVESTIGATING, reason=" ")


def test_reconsideration_returns_a_decided_case_to_review_with_a_fresh_deadline(country: Country) -> None:
    case = country.open()
    for to in (S.INVESTIGATING, S.UNDER_REVIEW):
        country.step("officer_east", case.id, to)
    country.step("officer_east", case.id, S.DECIDED, CaseOutcome.NO_VIOLATION)
    country.at += timedelta(days=7)
    country.step("officer_east", case.id, S.RECONSIDERATION)
    row = country.case(case.id)
    assert row.deadline_at is not None
    assert row.deadline_at > country.at
    assert country.step("officer_east", case.id, S.UNDER_REVIEW).state == "under_review"


def test_only_the_assignee_or_a_supervisor_may_step_an_assigned_case(country: Country) -> None:
    case = country.open()
    with pytest.raises(PermissionDeniedError, match="assigned to someone else"):
        country.step("officer_north", case.id, S.INVESTIGATING)
    assert country.step("supervisor", case.id, S.INVESTIGATING).state == "investigating"


def test_anyone_who_may_work_an_unassigned_case_may_step_it(country: Country) -> None:
    case = country.open(".south")
    assert country.step("supervisor", case.id, S.INVESTIGATING).state == "investigating"


def test_staff_outside_the_case_office_may_not_step_it(country: Country) -> None:
    case = country.open(".south")
    with pytest.raises(PermissionDeniedError):
        country.step("officer_east", case.id, S.INVESTIGATING)


def test_an_auditor_may_read_but_not_step(country: Country) -> None:
    case = country.open(".south")
    with pytest.raises(PermissionDeniedError, match=r"case\.work"):
        country.step("auditor", case.id, S.INVESTIGATING)


def test_closing_a_case_releases_its_assignee_workload(country: Country) -> None:
    case = country.open()

    def load() -> int:
        with country.world.runtime.uow() as uow:
            office = uow.places.office(country.office("east"))
            assert office is not None
            return eligible_staff(uow, office)[0].open_cases

    assert load() == 1
    country.step("officer_east", case.id, S.CLOSED, CaseOutcome.WITHDRAWN)
    assert load() == 0


def test_a_closed_case_takes_no_step(country: Country) -> None:
    case = country.open()
    country.step("officer_east", case.id, S.CLOSED, CaseOutcome.WITHDRAWN)
    with pytest.raises(IllegalTransitionError, match="none, the case is closed"):
        country.step("officer_east", case.id, S.INVESTIGATING)
