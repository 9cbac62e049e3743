"""Moving a case between offices: take-over from above, designation within a subtree,
transfer sideways, and escalation on a breached deadline (run by the sweep).

Each move re-routes the assignee by workload in the receiving office. The deadline is a
moment, not a budget: a move neither extends nor shortens it, even when the receiving
office keeps other hours (so a case cannot be moved to buy time). Only an escalation, which
hands the work to a higher office because the deadline passed, gives a fresh deadline on
that office's calendar.
"""

from __future__ import annotations

from datetime import datetime

from netgov.errors import ConflictError, InvalidRequestError, PermissionDeniedError
from netgov.governance.case_states import CaseState
from netgov.governance.escalation import is_above
from netgov.identity.authorization import authorize
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.case_batch import CaseBatch
from netgov.service.case_routing import (
    CaseNetwork,
    assign_by_workload,
    case_resource,
    refuse_recused_actor,
    require_worker,
)
from netgov.service.case_timeline import found_case, note, reason_given
from netgov.service.permissions import require
from netgov.store.tables import CaseRow, OfficeRow
from netgov.store.unit_of_work import UnitOfWork

# The timeline's kind of each move, and the audit log's action for it.
_ACTIONS = {
    "taken_over": "case.take_over",
    "designated": "case.designate",
    "transferred": "case.transfer",
    "escalated": "case.escalate",
}


def take_over(uow: UnitOfWork, *, actor: Principal, case_id: str, reason: str, at: datetime) -> CaseRow:
    """The actor's own office, which must sit above the case's, takes the case over."""
    case, office = _movable(uow, case_id)
    require(actor, Activity.CASE_WORK, case_resource(office, case.id))
    refuse_recused_actor(uow, actor, case, doing="take over")
    why = reason_given(reason, what="a take-over")
    member = uow.identity.staff_by_username(actor.id) if actor.kind == "staff" else None
    if member is None or member.office_id is None:
        raise PermissionDeniedError(
            f"{actor.name} is seated in no office; only an office above {office.id} may take over"
        )
    network = CaseNetwork.load(uow)
    if not is_above(network.directory, member.office_id, office.id):
        raise PermissionDeniedError(
            f"{actor.name}'s office {member.office_id} is not above {office.id}; "
            "only an office on an ancestor jurisdiction may take a case over"
        )
    return _move(uow, case, office, network.office(member.office_id), kind="taken_over", actor=actor, reason=why, at=at)


def designate(uow: UnitOfWork, *, actor: Principal, case_id: str, office_id: str, reason: str, at: datetime) -> CaseRow:
    """A higher office sends the case to ``office_id`` in its own subtree (``case.assign`` over both)."""
    case, office = _movable(uow, case_id)
    require(actor, Activity.CASE_ASSIGN, case_resource(office, case.id))
    refuse_recused_actor(uow, actor, case, doing="designate")
    why = reason_given(reason, what="a designation")
    target = _target(uow, case, office_id)
    require(actor, Activity.CASE_ASSIGN, case_resource(target))
    return _move(uow, case, office, target, kind="designated", actor=actor, reason=why, at=at)


def transfer(uow: UnitOfWork, *, actor: Principal, case_id: str, office_id: str, reason: str, at: datetime) -> CaseRow:
    """Send the case sideways to ``office_id``, which the actor may assign or work cases in."""
    case, office = _movable(uow, case_id)
    require_worker(uow, actor, case, office)
    why = reason_given(reason, what="a transfer")
    target = _target(uow, case, office_id)
    resource = case_resource(target)
    if not authorize(actor, Activity.CASE_ASSIGN, resource):
        require(actor, Activity.CASE_WORK, resource)
    return _move(uow, case, office, target, kind="transferred", actor=actor, reason=why, at=at)


def escalate(batch: CaseBatch, case: CaseRow, *, actor: Principal, at: datetime) -> OfficeRow | None:
    """Move a breached case to the office above (one on an active node) with a fresh deadline;
    at the top, record the breach and leave it. Returns the receiving office, or None at the
    top. The lines are noted in the batch's journal; ``batch.write()`` writes them."""
    office = batch.network.offices[case.office_id]
    target = batch.network.above(office)
    if target is None:
        why = f"deadline {case.deadline_at} passed; {office.id} has no office above it to escalate to"
        batch.journal.note(
            case, kind="breached", action="case.breach", actor=actor, reason=why, at=at, from_office=office.id
        )
        return None
    why = f"deadline {case.deadline_at} passed in {office.id}; escalated to the office above"
    case.escalations += 1
    case.deadline_at = batch.deadlines.due(target, category=case.category, source=case.source, start=at)
    case.warned_at = None
    case.office_id = target.id
    lines = {"from_office": office.id, "to_office": target.id}
    batch.journal.note(case, kind="escalated", action=_ACTIONS["escalated"], actor=actor, reason=why, at=at, **lines)
    assign_by_workload(
        batch.uow,
        case,
        target,
        actor=actor,
        reason=f"escalated to {target.id}",
        at=at,
        staffing=batch.staffing,
        journal=batch.journal,
    )
    return target


def _movable(uow: UnitOfWork, case_id: str) -> tuple[CaseRow, OfficeRow]:
    case, office = found_case(uow, case_id, lock=True)
    if case.state == CaseState.CLOSED.value:
        raise ConflictError(f"case {case.id} is closed; it cannot be moved")
    return case, office


def _target(uow: UnitOfWork, case: CaseRow, office_id: str) -> OfficeRow:
    target = CaseNetwork.load(uow).office(office_id)
    if target.id == case.office_id:
        raise InvalidRequestError(f"office: case {case.id} is already held by {office_id}")
    return target


def _move(
    uow: UnitOfWork,
    case: CaseRow,
    office: OfficeRow,
    target: OfficeRow,
    *,
    kind: str,
    actor: Principal,
    reason: str,
    at: datetime,
) -> CaseRow:
    case.office_id = target.id
    note(
        uow,
        case,
        kind=kind,
        action=_ACTIONS[kind],
        actor=actor,
        reason=reason,
        at=at,
        from_office=office.id,
        to_office=target.id,
    )
    assign_by_workload(uow, case, target, actor=actor, reason=f"{kind.replace('_', ' ')} to {target.id}", at=at)
    return case
