"""Internal complaints (DSA Art. 20): who may appeal what, until when, and what an appeal ends in.

Pure domain code: no I/O, no clock. Two people may appeal:

- the **affected account**, against a statement of reasons that still stands (``active``);
- a **notifier**, against a decision not to act on the item they reported (``no_action``).

Either may do so for ``appeal_window_days`` (default 183, Art. 20(1): at least six months)
from the statement's issue or the item's decision; one appeal at a time per statement or
item. An appeal case is decided ``upheld`` (the decision stands) or ``overturned`` (it is
reverted), always with reasons, by a human who did not take it (``governance.recusal``);
closed before a decision (withdrawn, a duplicate, out of scope) the appeal is ``closed``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum

import msgspec

from netgov.errors import ConflictError
from netgov.governance.case_outcomes import CaseOutcome


class Appellant(StrEnum):
    AFFECTED_ACCOUNT = "affected_account"
    NOTIFIER = "notifier"


class AppealStatus(StrEnum):
    FILED = "filed"
    UPHELD = "upheld"
    OVERTURNED = "overturned"
    # Closed before a decision: withdrawn, a duplicate or out of scope (the reason says which).
    CLOSED = "closed"

    @property
    def open(self) -> bool:
        return self is AppealStatus.FILED


# What the statement of an appealable decision must say, and a notice item's outcome.
APPEALABLE_STATEMENT = "active"
APPEALABLE_ITEM_OUTCOME = "no_action"


def window_closes(decided_at: datetime, window_days: float) -> datetime:
    """The last moment an appeal may be filed against a decision taken at ``decided_at``."""
    return decided_at + timedelta(days=window_days)


def require_within_window(*, what: str, decided_at: datetime, window_days: float, at: datetime) -> None:
    """ConflictError with the date the window closed when ``at`` is past it."""
    closes = window_closes(decided_at, window_days)
    if at > closes:
        raise ConflictError(
            f"the appeal window for {what} closed on {closes:%Y-%m-%d %H:%M} UTC, "
            f"{window_days:g} days after the decision of {decided_at:%Y-%m-%d}; it can no longer be appealed"
        )


def require_appealable_statement(*, statement_id: str, status: str) -> None:
    if status != APPEALABLE_STATEMENT:
        raise ConflictError(f"statement {statement_id} is {status}: only a decision that still stands can be appealed")


def require_appealable_item(*, notice_id: str, seq: int, outcome: str | None) -> None:
    if outcome != APPEALABLE_ITEM_OUTCOME:
        shown = "not decided yet" if outcome is None else f"decided {outcome}"
        raise ConflictError(
            f"item {seq} of notice {notice_id} is {shown}: a notifier may appeal only a decision not to act (no_action)"
        )


def refuse_second_appeal(*, what: str, open_appeal: str | None) -> None:
    """ConflictError naming the appeal already open against ``what``."""
    if open_appeal is not None:
        raise ConflictError(f"{what} already has an open appeal, {open_appeal}; it is decided before another is filed")


def settled_status(outcome: CaseOutcome) -> AppealStatus:
    """The appeal's status once its case records ``outcome``."""
    if outcome is CaseOutcome.UPHELD:
        return AppealStatus.UPHELD
    if outcome is CaseOutcome.OVERTURNED:
        return AppealStatus.OVERTURNED
    return AppealStatus.CLOSED


def require_resettle(*, appeal_id: str, current: AppealStatus, new: AppealStatus) -> None:
    """A reconsideration may overturn an upheld appeal, but not restore what an overturn
    reverted: the platform already restored the content; acting on it again is a new decision."""
    if current is AppealStatus.OVERTURNED and new is not AppealStatus.OVERTURNED:
        raise ConflictError(
            f"appeal {appeal_id} was overturned and its decision reverted; a reconsideration cannot "
            "reinstate it: act on the content anew (a new case) if it must be restricted again"
        )


class DeciderRate(msgspec.Struct, frozen=True, kw_only=True):
    """How a rule or reviewer fares on appeal: overturned out of the appeals decided."""

    decider: str  # "rule:<id>" or "staff:<username>"
    appeals: int
    decided: int
    overturned: int
    share: float | None  # overturned / decided; None before any was decided


def overturn_rates(counts: Iterable[tuple[str, str, int]]) -> list[DeciderRate]:
    """Rates from (decider, appeal status, count) rows; the most overturned share first.

    An overturn counts against whoever took the decision appealed; an upheld appeal counts
    for them; appeals still open or closed undecided count only as appeals."""
    totals: dict[str, dict[str, int]] = {}
    for decider, status, count in counts:
        by_status = totals.setdefault(decider, {})
        by_status[status] = by_status.get(status, 0) + count
    rates = []
    for decider, by_status in totals.items():
        overturned = by_status.get(AppealStatus.OVERTURNED, 0)
        decided = overturned + by_status.get(AppealStatus.UPHELD, 0)
        share = overturned / decided if decided else None
        rates.append(
            DeciderRate(
                decider=decider, appeals=sum(by_status.values()), decided=decided, overturned=overturned, share=share
            )
        )
    return sorted(rates, key=lambda rate: (-(rate.share or 0.0), -rate.decided, rate.decider))
