"""Emitting effects for platforms to carry out, reading them in order and acknowledging them.

    emit_effect(uow, new=NewEffect(platform_id="chirp", kind=EffectKind.RESTORE_CONTENT, ...), at=now)

An effect is written in the unit of work of the change that causes it, so it exists exactly
when that change committed; the platform reads its effects after the last sequence number
it saw and acknowledges each one it carried out.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from netgov.governance.effects import EffectKind
from netgov.service.audit_trail import Entry, record
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
