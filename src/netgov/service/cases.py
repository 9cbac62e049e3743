"""Enforcement cases: opening, taking, stepping through the procedure and assigning.

    case = open_case(uow, actor=SYSTEM, source=CaseSource.REPORT, source_ref="notice-7",
                     jurisdiction="ex.north.harbour.west", category=..., severity=...,
                     regulation="dsa", article="16", at=now)
    step_case(uow, actor=officer, case_id=case.id, to=CaseState.INVESTIGATING, reason="triaged", at=now)
    uow.commit()

A case goes to the lowest office covering its jurisdiction and, within it, to the
least-loaded eligible member (``netgov.service.case_routing``). Every change writes a
timeline line and an audit event in the caller's unit of work; the caller commits. Opening
lives in ``case_opening``, moves between offices in ``case_moves``, referrals in
``case_referrals``; all are re-exported here.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from netgov.core.actions import Severity
from netgov.core.taxonomy import Category
from netgov.errors import ConflictError, InvalidRequestError, PermissionDeniedError
from netgov.governance.case_outcomes import CaseOutcome, check_outcome
from netgov.governance.case_states import CaseState, require_allowed
from netgov.governance.cases import CaseSource
from netgov.governance.deadline_rules import DeadlineRules
from netgov.governance.recusal import refuse_recused
from netgov.identity.authorization import authorize
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.case_consequences import Settled, apply_consequences
from netgov.service.case_deadlines import due_at
from netgov.service.case_moves import designate, take_over, transfer
from netgov.service.case_opening import NewCase, Opened, open_case_once
from netgov.service.case_referrals import refer, update_referral
from netgov.service.case_routing import (
    CaseNetwork,
    assign_by_workload,
    case_resource,
    may_work_in,
    refuse_recused_actor,
    require_worker,
)
from netgov.service.case_timeline import found_case, note, reason_given
from netgov.service.permissions import require
from netgov.service.statement_grounds import StatementPolicy
from netgov.store.tables import CaseRow, StaffRow
from netgov.store.unit_of_work import UnitOfWork

__all__ = [
    "CaseOutcome",
    "CaseSource",
    "CaseState",
    "NewCase",
    "Opened",
    "assign_case",
    "designate",
    "open_case",
    "open_case_once",
    "refer",
    "step_case",
    "take_case",
    "take_over",
    "transfer",
    "update_referral",
]


def open_case(
    uow: UnitOfWork,
    *,
    actor: Principal,
    source: CaseSource,
    source_ref: str,
    jurisdiction: str,
    category: Category,
    severity: Severity,
    regulation: str,
    article: str,
    platform_id: str | None = None,
    content_id: str | None = None,
    decision_id: str | None = None,
    rule_id: str | None = None,
    summary: str = "",
    trusted_flagger: bool = False,
    recused: tuple[str, ...] = (),
    at: datetime,
    network: CaseNetwork | None = None,
    rules: DeadlineRules | None = None,
) -> CaseRow:
    """Open a case (or return the one already opened for ``source`` and ``source_ref``),
    routed to an office and, where someone is eligible, to a member of its staff other than
    the ``recused`` (staff ids)."""
    new = NewCase(
        source=source,
        source_ref=source_ref,
        jurisdiction=jurisdiction,
        category=category,
        severity=severity,
        regulation=regulation,
        article=article,
        platform_id=platform_id,
        content_id=content_id,
        decision_id=decision_id,
        rule_id=rule_id,
        summary=summary,
        trusted_flagger=trusted_flagger,
        recused=recused,
    )
    opened = open_case_once(uow, actor=actor, new=new, at=at, network=network, rules=rules)
    return opened.case


def take_case(uow: UnitOfWork, *, actor: Principal, case_id: str, at: datetime, reason: str = "") -> CaseRow:
    """Assign the case to the actor themself. They must be staff who may work cases in the
    case's office; a case assigned to someone else needs ``case.assign`` (a supervisor)."""
    case, office = found_case(uow, case_id, lock=True)
    member = _staff_of(uow, actor)
    require(actor, Activity.CASE_WORK, case_resource(office, case.id))
    refuse_recused(case.recused, member.id, who=actor.name, case_id=case.id, doing="take")
    _open_or_refuse(case, "taken")
    if case.assignee_id == member.id:
        return case
    if case.assignee_id is not None and not authorize(actor, Activity.CASE_ASSIGN, case_resource(office, case.id)):
        raise PermissionDeniedError(
            f"case {case.id} is assigned to someone else; only they or a supervisor (case.assign) may take it"
        )
    case.assignee_id = member.id
    why = reason.strip() or f"taken by {actor.name}"
    note(uow, case, kind="assigned", action="case.assign", actor=actor, reason=why, at=at, staff_id=member.id)
    return case


def step_case(
    uow: UnitOfWork,
    *,
    actor: Principal,
    case_id: str,
    to: CaseState,
    reason: str,
    outcome: CaseOutcome | None = None,
    at: datetime,
    rules: DeadlineRules | None = None,
    policy: StatementPolicy | None = None,
) -> CaseRow:
    """Move the case one step along its procedure (``governance.case_states.TRANSITIONS``).

    ``policy`` (``runtime.statement_policy``) is what a decision against content needs to
    issue its statement of reasons (``service.case_statements``)."""
    case, office = found_case(uow, case_id, lock=True)
    require_worker(uow, actor, case, office)
    why = reason_given(reason, what="a step")
    current = CaseState(case.state)
    require_allowed(case.id, current, to)
    recorded = check_outcome(current, to, outcome, source=CaseSource(case.source))
    case.state = to.value
    if recorded is not None:
        case.outcome = recorded.value
    if to is CaseState.CLOSED:
        case.closed_at = at
    if to is CaseState.RECONSIDERATION:
        # A reconsideration is new work: it gets a deadline of its own.
        case.deadline_at = due_at(uow, office, category=case.category, source=case.source, start=at, rules=rules)
        case.warned_at = None
    note(
        uow,
        case,
        kind="transition",
        action="case.transition",
        actor=actor,
        reason=why,
        at=at,
        from_state=current.value,
        to_state=to.value,
        details=msgspec.json.encode({"outcome": recorded}).decode() if recorded else None,
    )
    if recorded is not None:
        settled = Settled(outcome=recorded, to_state=to, actor=actor, reason=why, at=at, policy=policy)
        apply_consequences(uow, case, settled)
    return case


def assign_case(
    uow: UnitOfWork, *, actor: Principal, case_id: str, staff: str | None, reason: str, at: datetime
) -> CaseRow:
    """Hand the case to ``staff`` (a username) in its office, or by workload when None (``case.assign``)."""
    case, office = found_case(uow, case_id, lock=True)
    require(actor, Activity.CASE_ASSIGN, case_resource(office, case.id))
    # Choosing who reviews a decision is part of reviewing it: its decider may not.
    refuse_recused_actor(uow, actor, case, doing="assign")
    why = reason_given(reason, what="an assignment")
    _open_or_refuse(case, "assigned")
    if staff is None:
        assign_by_workload(uow, case, office, actor=actor, reason=why, at=at)
        return case
    member = uow.identity.staff_by_username(staff)
    if member is None:
        raise InvalidRequestError(f"staff: no staff member {staff!r}")
    if member.office_id != office.id or member.disabled:
        raise InvalidRequestError(f"staff: {staff} is not seated in {office.id}, which holds case {case.id}")
    if not may_work_in(member, list(uow.identity.grants_of(member.id)), office):
        raise InvalidRequestError(f"staff: {staff} holds no role that may work cases in {office.id}")
    refuse_recused(case.recused, member.id, who=staff, case_id=case.id, doing="be assigned")
    case.assignee_id = member.id
    note(uow, case, kind="assigned", action="case.assign", actor=actor, reason=why, at=at, staff_id=member.id)
    return case


def _staff_of(uow: UnitOfWork, actor: Principal) -> StaffRow:
    member = uow.identity.staff_by_username(actor.id) if actor.kind == "staff" else None
    if member is None or member.disabled:
        raise PermissionDeniedError(f"{actor.name} is not a staff member; only staff can take cases")
    return member


def _open_or_refuse(case: CaseRow, verb: str) -> None:
    if case.state == CaseState.CLOSED.value:
        raise ConflictError(f"case {case.id} is closed; it cannot be {verb}")
