"""Random sequences of steps, legal and not, never leave a case in a state the procedure forbids."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from netgov.core.taxonomy import Category
from netgov.errors import ConflictError, InvalidRequestError
from netgov.governance.case_states import TRANSITIONS, CaseState
from netgov.governance.cases import Case, CaseSource, ContentRef, LegalBasis, assign, open_case, transition

S = CaseState
# The procedure as the regulation words it, written out independently of the code's table.
MAIN_LINE = [S.FILED, S.INVESTIGATING, S.UNDER_REVIEW, S.DECIDED, S.SERVED, S.EXECUTED, S.CLOSED]
EXPECTED_STEPS = (
    set(pairwise(MAIN_LINE))
    | {(s, S.RECONSIDERATION) for s in (S.DECIDED, S.SERVED, S.EXECUTED)}
    | {(S.RECONSIDERATION, S.UNDER_REVIEW)}
    | {(s, S.CLOSED) for s in (S.FILED, S.INVESTIGATING, S.UNDER_REVIEW)}
)
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
offsets = st.integers(min_value=-120, max_value=600).map(lambda m: timedelta(minutes=m))
reasons = st.sampled_from(["", " ", "evidence reviewed", "no violation"])


class CaseProcedure(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.case: Case = open_case(
            id="case-sm",
            source=CaseSource.REPORT,
            jurisdiction="ex.south",
            office="south-office",
            category=Category.VIOLENCE,
            priority=1,
            legal_basis=LegalBasis(regulation="examplia-online-safety-act", article="7"),
            content_ref=ContentRef(platform="marketly", content_id="listing-3"),
            opened_at=START,
        )

    @rule(to=st.sampled_from(CaseState), offset=offsets, reason=reasons)
    def request_transition(self, to: CaseState, offset: timedelta, reason: str) -> None:
        before = self.case
        at = before.last_activity + offset
        acceptable = (before.state, to) in EXPECTED_STEPS and reason.strip() != "" and at >= before.last_activity
        try:
            self.case = transition(before, to, actor="staff:ana", at=at, reason=reason)
        except (ConflictError, InvalidRequestError):
            assert not acceptable
            assert self.case == before
        else:
            assert acceptable
            assert self.case.state is to

    @rule(staff=st.sampled_from(["staff:ana", "staff:bo"]), offset=offsets, reason=reasons)
    def request_assignment(self, staff: str, offset: timedelta, reason: str) -> None:
        before = self.case
        try:
            self.case = assign(before, staff, actor="staff:lead", at=before.last_activity + offset, reason=reason)
        except (ConflictError, InvalidRequestError):
            assert self.case == before
        else:
            assert before.state is not CaseState.CLOSED
            assert self.case.state is before.state
            assert self.case.history == before.history

    @invariant()
    def state_is_in_the_table(self) -> None:
        assert self.case.state in TRANSITIONS

    @invariant()
    def history_is_a_chain_from_filed(self) -> None:
        current, last_at = CaseState.FILED, self.case.opened_at
        for step in self.case.history:
            assert step.from_state is current
            assert step.at >= last_at
            current, last_at = step.to_state, step.at
        assert current is self.case.state

    @invariant()
    def closed_is_terminal(self) -> None:
        assert all(step.from_state is not CaseState.CLOSED for step in self.case.history)

    @invariant()
    def executed_is_reached_only_via_decided_and_served(self) -> None:
        history = self.case.history
        for index, step in enumerate(history):
            if step.to_state is CaseState.EXECUTED:
                assert step.from_state is CaseState.SERVED
                assert history[index - 1].from_state is CaseState.DECIDED


CaseProcedure.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
TestCaseProcedure = CaseProcedure.TestCase
