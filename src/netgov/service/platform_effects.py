"""Emitting effects for platforms to carry out, reading them in order and acknowledging them.

    emit_effect(uow, new=NewEffect(platform_id="chirp", kind=EffectKind.RESTORE_CONTENT, ...), at=now)
    page = list_effects(uow, actor=platform_key, platform=None, after=last_seen, limit=100)
    acknowledge_effect(uow, actor=platform_key, effect_id=page.effects[0].id, at=now)

An effect is written in the unit of work of the change that causes it, so it exists exactly
when that change committed; the platform reads its effects after the last sequence number
it saw and acknowledges each one it carried out.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from netgov.errors import InvalidRequestError, NotFoundError
from netgov.governance.effects import EffectKind
from netgov.identity.authorization import Resource
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.audit_trail import Entry, record
from netgov.service.permissions import require
from netgov.service.platform_scope import own_platform
from netgov.store.tables import PlatformEffectRow
from netgov.store.unit_of_work import UnitOfWork


class NewEffect(msgspec.Struct, frozen=True, kw_only=True):
    platform_id: str
    kind: EffectKind
    reason: str
    actor: str
    content_id: str | None = None
    account_id: str | None = None
    statement_id: str | None = None
    case_id: str | None = None
    appeal_id: str | None = None


def emit_effect(uow: UnitOfWork, *, new: NewEffect, at: datetime) -> PlatformEffectRow:
    row = PlatformEffectRow(
        id=f"eff_{uuid.uuid4().hex[:26]}",
        platform_id=new.platform_id,
        kind=new.kind.value,
        content_id=new.content_id,
        account_id=new.account_id,
        statement_id=new.statement_id,
        case_id=new.case_id,
        appeal_id=new.appeal_id,
        reason=new.reason,
        created_at=at,
    )
    uow.session.add(row)
    uow.session.flush()
    entry = Entry(
        actor=new.actor,
        action="effect.emit",
        object=f"effect:{row.id}",
        reason=new.reason,
        details={"platform": new.platform_id, "kind": new.kind.value, "content": new.content_id},
    )
    record(uow, [entry], at=at)
    return row


MAX_PAGE = 500


class EffectPage(msgspec.Struct, frozen=True, kw_only=True):
    platform: str
    effects: list[PlatformEffectRow]
    # Where to read on from: the last sequence number in this page (``after`` when empty).
    next_after: int


def list_effects(uow: UnitOfWork, *, actor: Principal, platform: str | None, after: int, limit: int) -> EffectPage:
    """The platform's effects after sequence number ``after``, in order (``effect.receive``:
    a platform reads only its own)."""
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidRequestError(f"limit: between 1 and {MAX_PAGE}, not {limit}")
    if after < 0:
        raise InvalidRequestError(f"after: zero or more, not {after}")
    chosen = own_platform(actor, Activity.EFFECT_RECEIVE, platform)
    require(actor, Activity.EFFECT_RECEIVE, Resource(kind="effect", platform=chosen))
    rows = list(uow.redress.effects(chosen, after=after, limit=limit))
    return EffectPage(platform=chosen, effects=rows, next_after=rows[-1].seq if rows else after)


def acknowledge_effect(uow: UnitOfWork, *, actor: Principal, effect_id: str, at: datetime) -> PlatformEffectRow:
    """Record that the platform carried the effect out; once: a repeat answers the first."""
    row = uow.redress.effect(effect_id, lock=True)
    if row is None:
        raise NotFoundError(f"no effect {effect_id!r}")
    require(actor, Activity.EFFECT_RECEIVE, Resource(kind="effect", id=row.id, platform=row.platform_id))
    if row.acknowledged_at is not None:
        return row
    row.acknowledged_at = at
    row.acknowledged_by = actor.actor
    entry = Entry(
        actor=actor.actor,
        action="effect.acknowledge",
        object=f"effect:{row.id}",
        reason=f"{row.platform_id} carried out {row.kind}",
        details={"content": row.content_id, "account": row.account_id},
    )
    record(uow, [entry], at=at)
    return row
