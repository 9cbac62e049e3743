"""Enforcement cases: what a regulator office is handling, and every step it took.

A ``Case`` is an immutable value. ``transition`` and ``assign`` return a new case with the
step appended to its record, or refuse with an error that says what would be allowed, so a
case's history is always one the procedure in ``netgov.governance.case_states`` permits.

    case = open_case(id="case-1", source=CaseSource.REPORT, jurisdiction="ex.north", ...)
    case = transition(case, CaseState.INVESTIGATING, actor="staff:ana", at=now, reason="triaged")
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import msgspec

from netgov.core.taxonomy import Category
from netgov.errors import ConflictError, IllegalTransitionError, InvalidRequestError
from netgov.governance.case_states import CaseState, allowed_from, is_allowed

__all__ = [
    "Assignment",
    "Case",
    "CaseSource",
    "CaseState",
    "ContentRef",
    "LegalBasis",
    "Transition",
    "assign",
    "open_case",
    "transition",
]


class CaseSource(StrEnum):
    """How the case reached the office."""

    HOLD = "hold"  # an engine decision held for human review
    REPORT = "report"
    ORDER = "order"
    APPEAL = "appeal"
    INSPECTION = "inspection"


class LegalBasis(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    regulation: str
    article: str


class ContentRef(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """The content the case is about; ``decision_id`` when an engine decision started it."""

    platform: str
    content_id: str
    decision_id: str | None = None


class Transition(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    from_state: CaseState
    to_state: CaseState
    actor: str
    at: datetime
    reason: str


class Assignment(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    staff_id: str
    actor: str
    at: datetime
    reason: str


class Case(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    id: str
    source: CaseSource
    state: CaseState
    jurisdiction: str
    office: str
    category: Category
    priority: int
    legal_basis: LegalBasis
    content_ref: ContentRef
    opened_at: datetime
    assignee: str | None = None
    deadline: datetime | None = None
    history: tuple[Transition, ...] = ()
    assignments: tuple[Assignment, ...] = ()

    @property
    def last_activity(self) -> datetime:
        """When anything last happened to the case; later steps may not be dated before it."""
        times = [self.opened_at, *(t.at for t in self.history), *(a.at for a in self.assignments)]
        return max(times)


def open_case(
    *,
    id: str,
    source: CaseSource,
    jurisdiction: str,
    office: str,
    category: Category,
    priority: int,
    legal_basis: LegalBasis,
    content_ref: ContentRef,
    opened_at: datetime,
    assignee: str | None = None,
    deadline: datetime | None = None,
) -> Case:
    """A new case in state filed, with an empty history."""
    _require_text(id=id, jurisdiction=jurisdiction, office=office)
    if any(not part for part in jurisdiction.split(".")):
        raise InvalidRequestError(f"jurisdiction {jurisdiction!r} is not a dotted code like 'ex.north'")
    _require_aware(opened_at, "opened_at")
    if deadline is not None:
        _require_aware(deadline, "deadline")
        if deadline < opened_at:
            raise InvalidRequestError("a case's deadline cannot fall before it was opened")
    return Case(
        id=id,
        source=source,
        state=CaseState.FILED,
        jurisdiction=jurisdiction,
        office=office,
        category=category,
        priority=priority,
        legal_basis=legal_basis,
        content_ref=content_ref,
        opened_at=opened_at,
        assignee=assignee,
        deadline=deadline,
    )


def transition(case: Case, to: CaseState, *, actor: str, at: datetime, reason: str) -> Case:
    """The case moved to ``to``, with the step recorded; refuses steps the procedure does not allow."""
    if not is_allowed(case.state, to):
        allowed = ", ".join(allowed_from(case.state)) or "none, the case is closed"
        raise IllegalTransitionError(
            f"case {case.id} is {case.state}; it cannot move to {to}. Allowed from {case.state}: {allowed}"
        )
    _check_step(case, actor=actor, at=at, reason=reason)
    step = Transition(from_state=case.state, to_state=to, actor=actor, at=at, reason=reason)
    return msgspec.structs.replace(case, state=to, history=(*case.history, step))


def assign(case: Case, staff_id: str, *, actor: str, at: datetime, reason: str) -> Case:
    """The case handed to ``staff_id``, with the hand-over recorded; a closed case stays as it is."""
    if case.state is CaseState.CLOSED:
        raise ConflictError(f"case {case.id} is closed; it cannot be assigned")
    _require_text(staff_id=staff_id)
    _check_step(case, actor=actor, at=at, reason=reason)
    record = Assignment(staff_id=staff_id, actor=actor, at=at, reason=reason)
    return msgspec.structs.replace(case, assignee=staff_id, assignments=(*case.assignments, record))


def _check_step(case: Case, *, actor: str, at: datetime, reason: str) -> None:
    _require_text(actor=actor)
    if not reason.strip():
        raise InvalidRequestError(f"a step on case {case.id} needs a reason; none was given")
    _require_aware(at, "at")
    if at < case.last_activity:
        raise InvalidRequestError(
            f"a step on case {case.id} dated {at.isoformat()} is earlier than its last one "
            f"({case.last_activity.isoformat()}); time cannot run backwards"
        )


def _require_text(**fields: str) -> None:
    for name, value in fields.items():
        if not value.strip():
            raise InvalidRequestError(f"{name} must not be empty")


def _require_aware(moment: datetime, name: str) -> None:
    # Naive and aware datetimes cannot be compared; refusing here keeps that a 422, not a crash later.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidRequestError(f"{name} must carry a timezone")
