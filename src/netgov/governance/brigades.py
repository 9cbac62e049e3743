"""Mass-report (brigade) detection: a burst of notices on one item or account, mostly from
reporters who are new or have been wrong before.

    signal = brigade_signal(reports, records, rule=rule, at=now)
    signal.suspected   # True: show reviewers a possible brigade

The rule: within ``rule.window`` before ``at``, at least ``rule.min_notices`` notices name the
same target, and of them at least ``rule.suspect_share`` come from suspect reporters. A
reporter is suspect when their first notice ever is less than ``rule.new_for`` old (new), or
when at least ``rule.judged_after`` of their notices were decided and less than
``rule.accurate_share`` of those were upheld (historically inaccurate). Trusted flaggers are
never suspect: an office vetted them and tracks their accuracy.

A signal is only a signal: it hides nothing and decides nothing. Reviewers see it beside the
case and the notices; the content is judged on what it is, however many reported it.

Pure domain code: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

import msgspec

from netgov.governance.flaggers import upheld_share


class BrigadeRule(msgspec.Struct, frozen=True, kw_only=True):
    window: timedelta
    min_notices: int
    suspect_share: float
    new_for: timedelta = timedelta(days=7)
    judged_after: int = 3
    accurate_share: float = 0.25


class Report(msgspec.Struct, frozen=True, kw_only=True):
    """One notice naming the target: who sent it (a keyed hash) and when."""

    notice_id: str
    reporter: str
    submitted_at: datetime
    trusted: bool = False


class ReporterRecord(msgspec.Struct, frozen=True, kw_only=True):
    """A reporter's history: their first notice, and how many were decided and upheld."""

    first_seen: datetime
    decided: int = 0
    upheld: int = 0


class BrigadeSignal(msgspec.Struct, frozen=True, kw_only=True):
    suspected: bool
    notices: int  # distinct notices on the target within the window
    suspects: int  # of them, from new or inaccurate reporters
    share: float  # suspects / notices (0 when there are none)


def brigade_signal(
    reports: Sequence[Report], records: Mapping[str, ReporterRecord], *, rule: BrigadeRule, at: datetime
) -> BrigadeSignal:
    """Whether the reports within the window before ``at`` look like a brigade."""
    start = at - rule.window
    recent = {report.notice_id: report for report in reports if start <= report.submitted_at <= at}
    notices = len(recent)
    suspects = sum(1 for report in recent.values() if _suspect(report, records.get(report.reporter), rule, at))
    share = suspects / notices if notices else 0.0
    return BrigadeSignal(
        suspected=notices >= rule.min_notices and share >= rule.suspect_share,
        notices=notices,
        suspects=suspects,
        share=share,
    )


def is_new(record: ReporterRecord | None, *, rule: BrigadeRule, at: datetime) -> bool:
    """No history, or a first notice within ``rule.new_for``."""
    return record is None or record.first_seen > at - rule.new_for


def is_inaccurate(record: ReporterRecord | None, *, rule: BrigadeRule) -> bool:
    """Enough decided notices to judge, and too few of them upheld."""
    if record is None or record.decided < rule.judged_after:
        return False
    share = upheld_share(decided=record.decided, upheld=record.upheld)
    return share is not None and share < rule.accurate_share


def _suspect(report: Report, record: ReporterRecord | None, rule: BrigadeRule, at: datetime) -> bool:
    if report.trusted:
        return False
    return is_new(record, rule=rule, at=at) or is_inaccurate(record, rule=rule)
