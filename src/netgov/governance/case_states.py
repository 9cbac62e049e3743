"""The formal procedure a case follows, as one table of allowed steps.

    filed → investigating → under_review → decided → served → executed → closed

From decided, served or executed a reconsideration may be opened, which sends the case back
to under_review. Before a decision (filed, investigating, under_review) a case may be closed
without action, e.g. "no violation". Nothing leaves closed.

Every step carries a reason, so the history explains itself to whoever reviews the case.
``TRANSITIONS`` is the single source of truth: the code checks against it and the docs print it.
"""

from __future__ import annotations

from enum import StrEnum

from netgov.errors import IllegalTransitionError


class CaseState(StrEnum):
    FILED = "filed"
    INVESTIGATING = "investigating"
    UNDER_REVIEW = "under_review"
    DECIDED = "decided"
    SERVED = "served"
    EXECUTED = "executed"
    CLOSED = "closed"
    RECONSIDERATION = "reconsideration"


TRANSITIONS: dict[CaseState, tuple[CaseState, ...]] = {
    CaseState.FILED: (CaseState.INVESTIGATING, CaseState.CLOSED),
    CaseState.INVESTIGATING: (CaseState.UNDER_REVIEW, CaseState.CLOSED),
    CaseState.UNDER_REVIEW: (CaseState.DECIDED, CaseState.CLOSED),
    CaseState.DECIDED: (CaseState.SERVED, CaseState.RECONSIDERATION),
    CaseState.SERVED: (CaseState.EXECUTED, CaseState.RECONSIDERATION),
    CaseState.EXECUTED: (CaseState.CLOSED, CaseState.RECONSIDERATION),
    CaseState.RECONSIDERATION: (CaseState.UNDER_REVIEW,),
    CaseState.CLOSED: (),
}
"""The states a case may move to from each state; the order is the order docs list them in."""


def allowed_from(state: CaseState) -> tuple[CaseState, ...]:
    """The states a case in ``state`` may move to next (none once closed)."""
    return TRANSITIONS[state]


def is_allowed(from_state: CaseState, to_state: CaseState) -> bool:
    return to_state in TRANSITIONS[from_state]


def require_allowed(case_id: str, from_state: CaseState, to_state: CaseState) -> None:
    """Return when the step is allowed; else IllegalTransitionError naming the allowed ones."""
    if not is_allowed(from_state, to_state):
        allowed = ", ".join(allowed_from(from_state)) or "none, the case is closed"
        raise IllegalTransitionError(
            f"case {case_id} is {from_state}; it cannot move to {to_state}. Allowed from {from_state}: {allowed}"
        )
