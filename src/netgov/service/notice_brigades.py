"""Evaluating the brigade rule (``netgov.governance.brigades``) each time a notice arrives.

For every target (and every account) the new notice names, the notices on it within the
window are read with their reporters' histories; when the rule fires, every item on that
target in the window is flagged ``brigade`` and each case they belong to gets one timeline
line saying so. Nothing else changes: no content is hidden, no case is closed or decided,
no priority moves. Reviewers see the flag on the case's timeline and in notice listings.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select

from netgov.governance.brigades import BrigadeRule, BrigadeSignal, Report, ReporterRecord, brigade_signal
from netgov.service.case_timeline import note
from netgov.service.permissions import SYSTEM
from netgov.store.repositories.notices import RecentReport
from netgov.store.tables import CaseEventRow, NoticeItemRow
from netgov.store.unit_of_work import UnitOfWork

SIGNAL_KIND = "brigade_signal"


def flag_brigades(
    uow: UnitOfWork, *, platform_id: str, items: list[NoticeItemRow], rule: BrigadeRule, at: datetime
) -> list[BrigadeSignal]:
    """Evaluate the rule on every target and account the items name; returns the signals that fired."""
    uow.session.flush()
    fired: list[BrigadeSignal] = []
    for kind, value in _keys(items):
        signal, reports = _evaluate(uow, platform_id, kind, value, rule=rule, at=at)
        if not signal.suspected:
            continue
        fired.append(signal)
        since = at - rule.window
        if kind == "target":
            uow.notices.flag_brigade(platform_id, since=since, target=value)
        else:
            uow.notices.flag_brigade(platform_id, since=since, account=value)
        for item in items:
            if (item.target if kind == "target" else item.account_id) == value:
                item.brigade = True
        _tell_cases(uow, {r.case_id for r in reports if r.case_id is not None} | _cases_of(items), signal, rule, at)
    return fired


def _keys(items: list[NoticeItemRow]) -> list[tuple[str, str]]:
    keys = {("target", item.target) for item in items}
    keys |= {("account", item.account_id) for item in items if item.account_id is not None}
    return sorted(keys)


def _evaluate(
    uow: UnitOfWork, platform_id: str, kind: str, value: str, *, rule: BrigadeRule, at: datetime
) -> tuple[BrigadeSignal, list[RecentReport]]:
    since = at - rule.window
    if kind == "target":
        recent = uow.notices.recent_reports(platform_id, since=since, target=value)
    else:
        recent = uow.notices.recent_reports(platform_id, since=since, account=value)
    if len(recent) < rule.min_notices:  # cheap way out: most targets are reported a few times
        return brigade_signal([], {}, rule=rule, at=at), recent
    tallies = uow.notices.reporter_tallies(sorted({report.reporter_key for report in recent}))
    records = {
        key: ReporterRecord(first_seen=tally.first_seen, decided=tally.decided, upheld=tally.upheld)
        for key, tally in tallies.items()
    }
    reports = [
        Report(
            notice_id=r.notice_id,
            reporter=r.reporter_key,
            submitted_at=r.submitted_at,
            trusted=r.flagger_id is not None,
        )
        for r in recent
    ]
    return brigade_signal(reports, records, rule=rule, at=at), recent


def _cases_of(items: list[NoticeItemRow]) -> set[str]:
    return {item.case_id for item in items if item.case_id is not None}


def _tell_cases(uow: UnitOfWork, case_ids: set[str], signal: BrigadeSignal, rule: BrigadeRule, at: datetime) -> None:
    """One timeline line per case, the first time a brigade is suspected on it."""
    minutes = rule.window.total_seconds() / 60
    why = (
        f"possible brigade: {signal.notices} notices on this content within {minutes:g} minutes, "
        f"{signal.suspects} ({signal.share:.0%}) from new or historically inaccurate reporters. "
        "A signal for review only: it hides nothing and decides nothing"
    )
    for case_id in sorted(case_ids):
        told = select(exists().where(CaseEventRow.case_id == case_id, CaseEventRow.kind == SIGNAL_KIND))
        if uow.session.scalar(told):
            continue
        case = uow.cases.case(case_id)
        if case is not None:
            note(uow, case, kind=SIGNAL_KIND, action="case.brigade_signal", actor=SYSTEM, reason=why, at=at)
