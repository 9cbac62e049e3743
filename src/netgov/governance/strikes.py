"""Strikes: the weight each restrictive measure adds to the account's record.

Strikes expire (``NETGOV_STRIKE_DAYS``) and are lifted when the decision that added them is
overturned. Rules read the live total as ``account.prior_strikes``, so a rulebook can climb
the action ladder for repeat offenders without the engine keeping any state.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from netgov.core.actions import Action

WEIGHTS: dict[Action, int] = {
    Action.ALLOW: 0,
    Action.LABEL: 0,
    Action.RESTRICT_VISIBILITY: 1,
    # A hold is not yet a finding: the strike comes with the human decision that confirms it.
    Action.HOLD_FOR_REVIEW: 0,
    Action.REMOVE: 2,
    Action.SUSPEND_ACCOUNT: 3,
}


def strike_weight(action: Action) -> int:
    return WEIGHTS[action]


def expiry(issued_at: datetime, days: float) -> datetime:
    return issued_at + timedelta(days=days)


def counts(*, issued_at: datetime, expires_at: datetime, lifted_at: datetime | None, at: datetime) -> bool:
    """Whether a strike counts at ``at``: issued by then, not yet expired, never lifted."""
    return lifted_at is None and issued_at <= at < expires_at
