"""Cases move only along the procedure's steps, each recorded with who, when and why."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from netgov.core.taxonomy import Category
from netgov.errors import ConflictError, IllegalTransitionError, InvalidRequestError
from netgov.governance.case_states import TRANSITIONS, CaseState
from netgov.governance.cases import (
    Case,
    CaseSource,
    ContentRef,
    LegalBasis,
    Transition,
    assign,
    open_case,
    transition,
)

OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def a_case(**overrides: object) -> Case:
    fields: dict[str, object] = {
        "id": "case-1",
        "source": CaseSource.HOLD,
        "jurisdiction": "ex.north.harbour",
        "office": "harbour-office",
        "category": Category.SCAMS_AND_FRAUD,
        "priority": 2,
        "legal_basis": LegalBasis(regulation="examplia-online-safety-act", article="12"),
        "content_ref": ContentRef(platform="chirp", content_id="post-9", decision_id="dec-4"),
        "opened_at": OPENED,
    }
    fields.update(overrides)
    return open_case(**fields)  # type: ignore[arg-type]


def walk(case: Case, *states: CaseState) -> Case:
    for hour, state in enumerate(states, start=1):
        case = transition(case, state, actor="staff:ana", at=OPENED + timedelta(hours=hour), reason=f"to {state}")
    return case


def test_a_new_case_is_filed_with_an_empty_history() -> None:
    case = a_case()
    assert case.state is CaseState.FILED
    assert case.history == ()
    assert case.assignee is None


def test_the_full_procedure_ends_closed() -> None:
    case = walk(
        a_case(),
        CaseState.INVESTIGATING,
        CaseState.UNDER_REVIEW,
        CaseState.DECIDED,
        CaseState.SERVED,
        CaseState.EXECUTED,
        CaseState.CLOSED,
    )
    assert case.state is CaseState.CLOSED
    assert [t.to_state for t in case.history][-1] is CaseState.CLOSED
    assert len(case.history) == 6


def test_a_transition_records_who_when_and_why() -> None:
    at = OPENED + timedelta(minutes=5)
    case = transition(a_case(), CaseState.INVESTIGATING, actor="staff:ana", at=at, reason="report looks credible")
    assert case.history == (
        Transition(
            from_state=CaseState.FILED,
            to_state=CaseState.INVESTIGATING,
            actor="staff:ana",
            at=at,
            reason="report looks credible",
        ),
    )


def test_a_transition_leaves_the_original_case_unchanged() -> None:
    case = a_case()
    transition(case, CaseState.INVESTIGATING, actor="staff:ana", at=OPENED, reason="triaged")
    assert case.state is CaseState.FILED


def test_an_illegal_transition_names_the_current_requested_and_allowed_states() -> None:
    with pytest.raises(IllegalTransitionError) as caught:
        transition(a_case(), CaseState.EXECUTED, actor="staff:ana", at=OPENED, reason="hurry")
    message = str(caught.value)
    assert "is filed" in message
    assert "cannot move to executed" in message
    assert "investigating, closed" in message


def test_an_illegal_transition_is_a_conflict() -> None:
    assert IllegalTransitionError.status == 409
    assert issubclass(IllegalTransitionError, ConflictError)


def test_a_case_cannot_be_served_before_it_is_decided() -> None:
    case = walk(a_case(), CaseState.INVESTIGATING, CaseState.UNDER_REVIEW)
    with pytest.raises(IllegalTransitionError):
        transition(case, CaseState.SERVED, actor="staff:ana", at=OPENED + timedelta(days=1), reason="serve")


def test_a_case_may_be_closed_without_action_before_a_decision() -> None:
    case = walk(a_case(), CaseState.INVESTIGATING)
    closed = transition(case, CaseState.CLOSED, actor="staff:ana", at=OPENED + timedelta(days=1), reason="no violation")
    assert closed.state is CaseState.CLOSED
    assert closed.history[-1].reason == "no violation"


def test_a_decided_case_cannot_be_closed_without_being_served_and_executed() -> None:
    case = walk(a_case(), CaseState.INVESTIGATING, CaseState.UNDER_REVIEW, CaseState.DECIDED)
    with pytest.raises(IllegalTransitionError):
        transition(case, CaseState.CLOSED, actor="staff:ana", at=OPENED + timedelta(days=1), reason="done")


def test_reconsideration_sends_a_decided_case_back_to_review() -> None:
    case = walk(
        a_case(),
        CaseState.INVESTIGATING,
        CaseState.UNDER_REVIEW,
        CaseState.DECIDED,
        CaseState.SERVED,
        CaseState.RECONSIDERATION,
        CaseState.UNDER_REVIEW,
    )
    assert case.state is CaseState.UNDER_REVIEW


def test_nothing_leaves_closed() -> None:
    case = walk(a_case(), CaseState.CLOSED)
    for state in CaseState:
        with pytest.raises(IllegalTransitionError, match="none, the case is closed"):
            transition(case, state, actor="staff:ana", at=OPENED + timedelta(days=1), reason="reopen")


def test_the_table_lists_every_state() -> None:
    assert set(TRANSITIONS) == set(CaseState)


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_transition_without_a_reason_is_refused(reason: str) -> None:
    with pytest.raises(InvalidRequestError, match="needs a reason"):
        transition(a_case(), CaseState.CLOSED, actor="staff:ana", at=OPENED, reason=reason)


def test_a_transition_dated_before_the_last_step_is_refused() -> None:
    case = walk(a_case(), CaseState.INVESTIGATING)
    with pytest.raises(InvalidRequestError, match="time cannot run backwards"):
        transition(case, CaseState.UNDER_REVIEW, actor="staff:ana", at=OPENED, reason="reviewed")


def test_a_transition_dated_before_the_case_was_opened_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="time cannot run backwards"):
        transition(a_case(), CaseState.INVESTIGATING, actor="a", at=OPENED - timedelta(seconds=1), reason="r")


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="must carry a timezone"):
        transition(a_case(), CaseState.INVESTIGATING, actor="a", at=datetime(2026, 3, 3), reason="r")


def test_assigning_records_the_assignee_and_the_hand_over() -> None:
    at = OPENED + timedelta(hours=1)
    case = assign(a_case(), "staff:bo", actor="staff:ana", at=at, reason="bo handles scams")
    assert case.assignee == "staff:bo"
    assert case.assignments[-1].staff_id == "staff:bo"
    assert case.assignments[-1].reason == "bo handles scams"
    assert case.state is CaseState.FILED


def test_assigning_needs_a_reason() -> None:
    with pytest.raises(InvalidRequestError, match="needs a reason"):
        assign(a_case(), "staff:bo", actor="staff:ana", at=OPENED, reason="")


def test_a_closed_case_cannot_be_assigned() -> None:
    case = walk(a_case(), CaseState.CLOSED)
    with pytest.raises(ConflictError, match="closed"):
        assign(case, "staff:bo", actor="staff:ana", at=OPENED + timedelta(days=1), reason="late")


def test_a_transition_cannot_be_dated_before_an_assignment() -> None:
    case = assign(a_case(), "staff:bo", actor="staff:ana", at=OPENED + timedelta(hours=2), reason="bo")
    with pytest.raises(InvalidRequestError, match="time cannot run backwards"):
        transition(case, CaseState.INVESTIGATING, actor="staff:bo", at=OPENED + timedelta(hours=1), reason="r")


def test_a_jurisdiction_must_be_a_dotted_code() -> None:
    with pytest.raises(InvalidRequestError, match="dotted code"):
        a_case(jurisdiction="ex..north")


def test_a_deadline_before_the_opening_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="deadline"):
        a_case(deadline=OPENED - timedelta(hours=1))
