"""The sweep's deadline steps: warn before a breach, escalate on one.

A case whose deadline runs (``governance.deadline_rules.RUNNING_STATES``) is warned once
when no more than its rule's ``warn_hours`` working hours remain (``warned_at`` records it).
Once the deadline has passed it escalates to the office above, with a new assignee by
workload there and a fresh deadline on that office's calendar (``case_moves.escalate``); at
the top of the tree the breach is recorded once and the case stays. Each case is locked and
checked again before it changes, so two sweepers never warn or escalate a case twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import msgspec

from netgov.governance.calendar import WorkingCalendar
from netgov.governance.case_states import CaseState
from netgov.governance.deadline_rules import RUNNING_STATES, deadline_runs
from netgov.governance.deadlines import DeadlineStatus, deadline_status
from netgov.service.case_deadlines import deadline_rules, office_calendar
from netgov.service.case_moves import escalate
from netgov.service.case_routing import CaseNetwork
from netgov.service.case_timeline import note
from netgov.service.permissions import SYSTEM
from netgov.store.tables import CaseRow
from netgov.store.unit_of_work import UnitOfWork

# How far ahead warnings look, in calendar time: a warning margin of working hours is well
# inside a month even across holidays.
WARN_HORIZON = timedelta(days=31)

_RUNNING = sorted(state.value for state in RUNNING_STATES)


class Escalations(msgspec.Struct, frozen=True, kw_only=True):
    escalated: int
    breached_at_top: int


def warn_due_cases(uow: UnitOfWork, *, at: datetime, limit: int) -> int:
    """Warn the cases (up to ``limit`` candidates, nearest deadline first) now within their
    warning margin; returns how many were warned. The caller commits."""
    rules = deadline_rules(uow)
    calendars: dict[str, WorkingCalendar] = {}
    warned = 0
    for candidate in uow.cases.unwarned(_RUNNING, after=at, before=at + WARN_HORIZON, limit=limit):
        case = uow.cases.case(candidate.id, lock=True)
        if case is None or case.warned_at is not None or not _running(case):
            continue
        office = uow.places.office(case.office_id)
        assert office is not None, "cases.office_id is a foreign key"
        calendar = calendars.setdefault(office.id, office_calendar(uow, office))
        margin = rules.rule_for(case.category, case.source).warn_hours
        assert case.deadline_at is not None, "unwarned() selects cases with a deadline"
        if deadline_status(case.deadline_at, now=at, warn_before_hours=margin, calendar=calendar) is DeadlineStatus.OK:
            continue
        case.warned_at = at
        left = calendar.working_hours_between(at, case.deadline_at)
        why = f"{left:.1f} working hours left before the deadline {case.deadline_at:%Y-%m-%d %H:%M} UTC"
        note(uow, case, kind="warned", action="case.warn", actor=SYSTEM, reason=why, at=at, staff_id=case.assignee_id)
        warned += 1
    return warned


def escalate_breached_cases(uow: UnitOfWork, *, at: datetime, limit: int) -> Escalations:
    """Escalate up to ``limit`` cases whose deadline passed before ``at``. The caller commits."""
    network = CaseNetwork.load(uow)
    rules = deadline_rules(uow)
    escalated = top = 0
    for case_id in uow.cases.breached(_RUNNING, at=at, limit=limit):
        case = uow.cases.case(case_id, lock=True)
        if case is None or not _running(case) or case.deadline_at is None or case.deadline_at >= at:
            continue  # stepped, closed or escalated since the query: nothing to do now
        if uow.cases.breach_recorded(case.id, since=case.deadline_at):
            continue
        if escalate(uow, case, network, actor=SYSTEM, at=at, rules=rules) is None:
            top += 1
        else:
            escalated += 1
    return Escalations(escalated=escalated, breached_at_top=top)


def _running(case: CaseRow) -> bool:
    return case.deadline_at is not None and deadline_runs(CaseState(case.state))
