"""What a case concluded, and when the procedure asks for it.

Deciding a case names its outcome (was there a violation?); closing a case before a decision
names why it ends without one (no violation, withdrawn, a duplicate, out of scope). Any other
step takes no outcome, so the outcome a case shows is always the one its procedure recorded.
An appeal case asks a different question (was the decision appealed right?), so its decision
is upheld or overturned, and it cannot close early as "no violation".
"""

from __future__ import annotations

from enum import StrEnum

from netgov.errors import InvalidRequestError
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource


class CaseOutcome(StrEnum):
    VIOLATION = "violation"
    PARTIAL_VIOLATION = "partial_violation"
    NO_VIOLATION = "no_violation"
    WITHDRAWN = "withdrawn"
    DUPLICATE = "duplicate"
    OUT_OF_SCOPE = "out_of_scope"
    # An appeal case's decision: the decision appealed stands, or it is reverted.
    UPHELD = "upheld"
    OVERTURNED = "overturned"


DECISION_OUTCOMES = (CaseOutcome.VIOLATION, CaseOutcome.PARTIAL_VIOLATION, CaseOutcome.NO_VIOLATION)
"""The outcomes a decision may have."""

EARLY_CLOSE_OUTCOMES = (
    CaseOutcome.NO_VIOLATION,
    CaseOutcome.WITHDRAWN,
    CaseOutcome.DUPLICATE,
    CaseOutcome.OUT_OF_SCOPE,
)
"""Why a case may be closed before it was decided."""

APPEAL_DECISION_OUTCOMES = (CaseOutcome.UPHELD, CaseOutcome.OVERTURNED)
"""The outcomes an appeal case's decision may have."""

APPEAL_EARLY_CLOSE_OUTCOMES = (CaseOutcome.WITHDRAWN, CaseOutcome.DUPLICATE, CaseOutcome.OUT_OF_SCOPE)
"""Why an appeal case may be closed before it was decided: "no violation" answers a question
an appeal does not ask."""

BEFORE_DECISION = frozenset({CaseState.FILED, CaseState.INVESTIGATING, CaseState.UNDER_REVIEW})


def outcomes_for(from_state: CaseState, to_state: CaseState, *, source: CaseSource) -> tuple[CaseOutcome, ...]:
    """The outcomes the step of a case from ``source`` needs one of; empty when it takes none."""
    appeal = source is CaseSource.APPEAL
    if to_state is CaseState.DECIDED:
        return APPEAL_DECISION_OUTCOMES if appeal else DECISION_OUTCOMES
    if to_state is CaseState.CLOSED and from_state in BEFORE_DECISION:
        return APPEAL_EARLY_CLOSE_OUTCOMES if appeal else EARLY_CLOSE_OUTCOMES
    return ()


def check_outcome(
    from_state: CaseState, to_state: CaseState, outcome: CaseOutcome | None, *, source: CaseSource
) -> CaseOutcome | None:
    """The outcome to record for the step, or None when it records none; refuses a missing,
    misplaced or unfitting outcome with a message listing the fitting ones."""
    wanted = outcomes_for(from_state, to_state, source=source)
    if not wanted:
        if outcome is not None:
            raise InvalidRequestError(
                f"outcome: a step from {from_state} to {to_state} takes no outcome; "
                "give one only when deciding or when closing before a decision"
            )
        return None
    if outcome not in wanted:
        given = "none was given" if outcome is None else f"not {outcome}"
        kind = "an appeal case" if source is CaseSource.APPEAL else "a step"
        raise InvalidRequestError(
            f"outcome: {kind} from {from_state} to {to_state} needs one of {', '.join(wanted)}; {given}"
        )
    return outcome
