"""The sweep's deadline steps: warn before a breach, escalate on one.

A case whose deadline runs (``governance.deadline_rules.RUNNING_STATES``) is warned once
when no more than its rule's ``warn_hours`` working hours remain (``warned_at`` records it).
Once the deadline has passed it escalates to the office above, with a new assignee by
workload there and a fresh deadline on that office's calendar (``case_moves.escalate``); at
the top of the tree the breach is recorded once and the case stays. Each case is locked and
checked again before it changes, so two sweepers never warn or escalate a case twice. A
batch reads the rules and each office's calendar once, locks its cases with one query, and
writes its timeline lines and audit events together.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import msgspec

from netgov.governance.case_states import CaseState
from netgov.governance.deadline_rules import RUNNING_STATES, deadline_runs
from netgov.governance.deadlines import DeadlineStatus, deadline_status
from netgov.service.case_batch import CaseBatch
from netgov.service.case_deadlines import Deadlines
from netgov.service.case_moves import escalate
from netgov.service.case_timeline import Journal
from netgov.service.permissions import SYSTEM
from netgov.store.tables import CaseRow, OfficeRow
from netgov.store.unit_of_work import UnitOfWork

# How far ahead warnings look at most, in calendar time: a warning margin of working hours is
# well inside a month even across holidays (each tick reads only up to the nearest line it
# can prove, see ``_horizon``).
WARN_HORIZON = timedelta(days=31)

_RUNNING = sorted(state.value for state in RUNNING_STATES)


class Escalations(msgspec.Struct, frozen=True, kw_only=True):
    escalated: int
    breached_at_top: int


def warn_due_cases(uow: UnitOfWork, *, at: datetime, limit: int) -> int:
    """Warn the cases (up to ``limit`` candidates, nearest deadline first) now within their
    warning margin; returns how many were warned. The caller commits."""
    deadlines = Deadlines.everywhere(uow)
    offices = {row.id: row for row in uow.places.offices()}
    candidates = uow.cases.unwarned(_RUNNING, after=at, before=_horizon(deadlines, offices.values(), at), limit=limit)
    # Only the candidates now due a warning are locked and read again.
    due = [case.id for case in candidates if _warning_due(deadlines, offices[case.office_id], case, at)]
    journal = Journal()
    for case in _locked(uow, due):
        office = offices[case.office_id]
        if case.warned_at is not None or not _warning_due(deadlines, office, case, at):
            continue  # warned, stepped or escalated by someone else since the query
        assert case.deadline_at is not None, "_warning_due passes only cases whose deadline runs"
        case.warned_at = at
        left = deadlines.calendar(office).working_hours_between(at, case.deadline_at)
        why = f"{left:.1f} working hours left before the deadline {case.deadline_at:%Y-%m-%d %H:%M} UTC"
        journal.note(
            case, kind="warned", action="case.warn", actor=SYSTEM, reason=why, at=at, staff_id=case.assignee_id
        )
    warned = len(journal)
    journal.write(uow)
    return warned


def escalate_breached_cases(uow: UnitOfWork, *, at: datetime, limit: int) -> Escalations:
    """Escalate up to ``limit`` cases whose deadline passed before ``at``. The caller commits."""
    cases = _locked(uow, uow.cases.breached(_RUNNING, at=at, limit=limit))
    if not cases:
        return Escalations(escalated=0, breached_at_top=0)
    batch = CaseBatch.load(uow)
    breaches = uow.cases.last_breaches([case.id for case in cases])
    escalated = top = 0
    for case in cases:
        if not _running(case) or case.deadline_at is None or case.deadline_at >= at:
            continue  # stepped, closed or escalated since the query: nothing to do now
        if case.id in breaches and breaches[case.id] >= case.deadline_at:
            continue  # the breach at the top was recorded since the query
        if escalate(batch, case, actor=SYSTEM, at=at) is None:
            top += 1
        else:
            escalated += 1
    batch.write()
    return Escalations(escalated=escalated, breached_at_top=top)


def _horizon(deadlines: Deadlines, offices: Iterable[OfficeRow], at: datetime) -> datetime:
    """The latest deadline that may be due a warning at ``at``: the furthest warning line of
    any office for the widest margin of any rule (at most ``WARN_HORIZON`` ahead). The
    query reads only the cases due by then, so a tick does not reread every case's calendar."""
    widest = max(rule.warn_hours for rule in deadlines.rules.rules)
    lines = (deadlines.warning_line(office, warn_hours=widest, at=at) for office in offices)
    return min(max(lines, default=at), at + WARN_HORIZON)


def _warning_due(deadlines: Deadlines, office: OfficeRow, case: CaseRow, at: datetime) -> bool:
    """Whether the case's deadline runs and no more than its rule's warning margin is left."""
    if not _running(case):
        return False
    assert case.deadline_at is not None, "_running checks it"
    margin = deadlines.rules.rule_for(case.category, case.source).warn_hours
    status = deadline_status(case.deadline_at, now=at, warn_before_hours=margin, calendar=deadlines.calendar(office))
    return status is not DeadlineStatus.OK


def _locked(uow: UnitOfWork, case_ids: list[str]) -> list[CaseRow]:
    """The cases locked and read again, in the order of ``case_ids`` (gone ones left out)."""
    rows = {row.id: row for row in uow.cases.locked(case_ids)}
    return [rows[case_id] for case_id in case_ids if case_id in rows]


def _running(case: CaseRow) -> bool:
    return case.deadline_at is not None and deadline_runs(CaseState(case.state))
