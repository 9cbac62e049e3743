"""Property-based: random sequences of service calls (open, step, take, assign, take over,
designate, transfer) never leave a case in a state its procedure does not allow.

Hypothesis drives the real service on each database backend; after every call it checks:
each case's transitions form a path through ``TRANSITIONS`` ending in its state; a closed
case never changes again; the assignee is seated in the case's office (or took the case
themselves, or there is none); the timeline and the audit log tell the same story.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from netgov.errors import ServiceError
from netgov.governance.case_outcomes import CaseOutcome, outcomes_for
from netgov.governance.case_states import TRANSITIONS, CaseState
from netgov.governance.cases import CaseSource
from netgov.service.cases import assign_case, designate, step_case, take_case, take_over, transfer
from netgov.store.tables import AuditEventRow, CaseEventRow, CaseRow, StaffRow
from tests.service.cases_country import EAST, WEST, Country, make_country
from tests.service_world import World

STAFF = ["supervisor", "officer_north", "reviewer_harbour", "officer_east", "officer_west", "auditor"]
OFFICES = ["ex", "north", "harbour", "east", "south"]
# The supervisor may do anything in the country; the others are refused often, which is tested too.
ACTORS = st.sampled_from(["supervisor", "supervisor", *STAFF])
PLACES = ["", ".north", ".north.harbour", EAST, WEST, ".south"]
# The audit action each timeline kind is written with.
ACTIONS = {
    "opened": "case.open",
    "assigned": "case.assign",
    "unassigned": "case.assign",
    "transition": "case.transition",
    "taken_over": "case.take_over",
    "designated": "case.designate",
    "transferred": "case.transfer",
}


class CaseProcedure(RuleBasedStateMachine):
    cases = Bundle("cases")

    def __init__(self, world: World) -> None:
        super().__init__()
        self.country: Country = make_country(world)
        self.closed: dict[str, tuple[Any, ...]] = {}
        self.opened = 1

    @initialize(target=cases, place=st.sampled_from(PLACES))
    def first(self, place: str) -> str:
        return self.country.open(place).id

    # A few cases, each taken far along its procedure, find more than many barely touched.
    @precondition(lambda self: self.opened < 3)
    @rule(target=cases, place=st.sampled_from(PLACES))
    def open(self, place: str) -> str:
        self.opened += 1
        return self.country.open(place).id

    @rule(case_id=cases, actor=ACTORS, data=st.data())
    def step(self, case_id: str, actor: str, data: st.DataObject) -> None:
        # Mostly a step the procedure allows with a fitting outcome, sometimes anything at all.
        current = CaseState(self.country.case(case_id).state)
        allowed = st.sampled_from(TRANSITIONS[current]) if TRANSITIONS[current] else st.nothing()
        to = data.draw(allowed | st.sampled_from(list(CaseState)), label="to")
        fitting = outcomes_for(current, to, source=CaseSource.REPORT)
        outcome = data.draw(
            (st.sampled_from(fitting) if fitting else st.none()) | st.none() | st.sampled_from(list(CaseOutcome)),
            label="outcome",
        )
        self._try(step_case, actor, case_id=case_id, to=to, reason="random step", outcome=outcome)

    @rule(case_id=cases, steps=st.integers(1, 4), data=st.data())
    def advance(self, case_id: str, steps: int, data: st.DataObject) -> None:
        """Steps the procedure allows, by the supervisor, so that cases get far along it."""
        for _ in range(steps):
            current = CaseState(self.country.case(case_id).state)
            if not TRANSITIONS[current]:
                return
            # Forward more often than closing, or few cases would get past their first step.
            forward = [state for state in TRANSITIONS[current] if state is not CaseState.CLOSED]
            to = data.draw(st.sampled_from([*forward * 3, *TRANSITIONS[current]]), label="to")
            fitting = outcomes_for(current, to, source=CaseSource.REPORT)
            outcome = data.draw(st.sampled_from(fitting), label="outcome") if fitting else None
            self._try(step_case, "supervisor", case_id=case_id, to=to, reason="next step", outcome=outcome)

    @rule(case_id=cases, actor=ACTORS)
    def take(self, case_id: str, actor: str) -> None:
        self._try(take_case, actor, case_id=case_id)

    @rule(case_id=cases, actor=ACTORS, to=st.none() | st.sampled_from(STAFF))
    def assign(self, case_id: str, actor: str, to: str | None) -> None:
        staff = None if to is None else self.country.name(to)
        self._try(assign_case, actor, case_id=case_id, staff=staff, reason="random assignment")

    @rule(case_id=cases, actor=ACTORS)
    def take_over(self, case_id: str, actor: str) -> None:
        self._try(take_over, actor, case_id=case_id, reason="random take-over")

    @rule(case_id=cases, actor=ACTORS, office=st.sampled_from(OFFICES), sideways=st.booleans())
    def move(self, case_id: str, actor: str, office: str, sideways: bool) -> None:
        action = transfer if sideways else designate
        self._try(action, actor, case_id=case_id, office_id=self.country.office(office), reason="random move")

    @rule()
    def later(self) -> None:
        self.country.at += timedelta(hours=5)

    def _try(self, action: Any, actor: str, **arguments: Any) -> None:
        # A refusal is fine: the invariants check that nothing changed where it must not.
        with contextlib.suppress(ServiceError):
            self.country.run(action, actor, **arguments)

    @invariant()
    def every_case_follows_its_procedure(self) -> None:
        cases, events, audited, seats = self._read()
        for case in cases:
            timeline = events.get(case.id, [])
            state = CaseState.FILED
            for event in (e for e in timeline if e.kind == "transition"):
                assert event.from_state == state
                assert CaseState(event.to_state) in TRANSITIONS[state]
                state = CaseState(event.to_state)
            assert case.state == state
            self._closed_stays_closed(case, len(timeline))
            self._assignee_belongs(case, timeline, seats)
            assert audited.get(f"case:{case.id}", []) == [ACTIONS[e.kind] for e in timeline]

    def _closed_stays_closed(self, case: CaseRow, events: int) -> None:
        seen = (case.state, case.office_id, case.assignee_id, case.outcome, case.closed_at, events)
        if case.id in self.closed:
            assert self.closed[case.id] == seen
        elif case.state == CaseState.CLOSED:
            assert case.outcome is not None
            self.closed[case.id] = seen

    def _assignee_belongs(self, case: CaseRow, timeline: list[CaseEventRow], seats: dict[str, StaffRow]) -> None:
        if case.assignee_id is None:
            return
        member = seats[case.assignee_id]
        last = [e for e in timeline if e.kind in {"assigned", "unassigned"}][-1]
        took_it = last.actor == f"staff:{member.username}"
        assert member.office_id == case.office_id or took_it

    def _read(self) -> tuple[list[CaseRow], dict[str, list[CaseEventRow]], dict[str, list[str]], dict[str, StaffRow]]:
        """The country's cases, their timelines, their audit actions and their assignees, in four queries."""
        offices = [self.country.office(name) for name in OFFICES]
        with self.country.world.runtime.uow() as uow:
            cases = list(uow.session.scalars(select(CaseRow).where(CaseRow.office_id.in_(offices))))
            ids = [case.id for case in cases]
            events: dict[str, list[CaseEventRow]] = {}
            for event in uow.session.scalars(
                select(CaseEventRow).where(CaseEventRow.case_id.in_(ids)).order_by(CaseEventRow.id)
            ):
                events.setdefault(event.case_id, []).append(event)
            objects = [f"case:{case_id}" for case_id in ids]
            audit = select(AuditEventRow.object, AuditEventRow.action).where(AuditEventRow.object.in_(objects))
            audited: dict[str, list[str]] = {}
            for obj, action in uow.session.execute(audit.order_by(AuditEventRow.seq)):
                audited.setdefault(obj, []).append(action)
            assignees = {case.assignee_id for case in cases if case.assignee_id}
            seats = {row.id: row for row in uow.session.scalars(select(StaffRow).where(StaffRow.id.in_(assignees)))}
        return cases, events, audited, seats


def test_no_sequence_of_calls_reaches_an_illegal_state(shared_world: World) -> None:
    run_state_machine_as_test(
        lambda: CaseProcedure(shared_world),
        settings=settings(
            max_examples=10,
            stateful_step_count=30,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),
    )
