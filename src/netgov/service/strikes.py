"""Reading an account's strikes: each with its weight, expiry and whether it still counts.

    record = account_strikes(uow, actor=principal, platform="chirp", account_id="u-42", at=now)
    record.live_total      # what the next decision sees as account.prior_strikes (at least)

The intake counts the same live strikes into ``account.prior_strikes`` before the engine
decides (``netgov.service.intake_batch``); this is the read for the platform and regulators.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from netgov.errors import InvalidRequestError
from netgov.governance.strikes import counts
from netgov.identity.authorization import Resource
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.permissions import require
from netgov.service.platform_scope import own_platform
from netgov.store.unit_of_work import UnitOfWork


class Strike(msgspec.Struct, frozen=True, kw_only=True):
    statement_id: str | None
    weight: int
    issued_at: datetime
    expires_at: datetime
    lifted_at: datetime | None
    lift_reason: str | None
    live: bool


class StrikeRecord(msgspec.Struct, frozen=True, kw_only=True):
    platform: str
    account_id: str
    live_total: int
    strikes: list[Strike]


def account_strikes(
    uow: UnitOfWork, *, actor: Principal, platform: str | None, account_id: str, at: datetime
) -> StrikeRecord:
    """Every strike of the account, newest first (``decision.read`` on the platform)."""
    chosen = own_platform(actor, Activity.DECISION_READ, platform)
    row = uow.places.platform(chosen)
    if row is None:
        # Whether a platform exists is told only to whoever could read its accounts.
        require(actor, Activity.DECISION_READ, Resource(kind="account", id=account_id, platform=chosen))
        raise InvalidRequestError(f"platform: no platform {chosen!r}")
    require(
        actor,
        Activity.DECISION_READ,
        Resource(kind="account", id=account_id, platform=chosen, jurisdiction=row.jurisdiction_code),
    )
    strikes = [
        Strike(
            statement_id=strike.statement_id,
            weight=strike.weight,
            issued_at=strike.issued_at,
            expires_at=strike.expires_at,
            lifted_at=strike.lifted_at,
            lift_reason=strike.lift_reason,
            live=counts(issued_at=strike.issued_at, expires_at=strike.expires_at, lifted_at=strike.lifted_at, at=at),
        )
        for strike in uow.redress.strikes_of(chosen, account_id)
    ]
    total = sum(strike.weight for strike in strikes if strike.live)
    return StrikeRecord(platform=chosen, account_id=account_id, live_total=total, strikes=strikes)
