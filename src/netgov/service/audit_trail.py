"""Appending to the audit chain inside the unit of work that makes the change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import msgspec

from netgov.audit.chain import AuditEvent, ChainHead, append, head_of
from netgov.store.unit_of_work import UnitOfWork

Detail = str | int | float | bool | None


class Entry(msgspec.Struct, frozen=True, kw_only=True):
    actor: str
    action: str
    object: str
    reason: str
    details: Mapping[str, Detail] = msgspec.field(default_factory=dict)


def record(uow: UnitOfWork, entries: Sequence[Entry], *, at: datetime) -> ChainHead:
    """Append ``entries`` after the locked head; they commit (or roll back) with the change."""
    head = uow.audit.lock_head()
    events: list[AuditEvent] = []
    for entry in entries:
        event = append(
            head,
            at=at,
            actor=entry.actor,
            action=entry.action,
            object=entry.object,
            reason=entry.reason,
            details=dict(entry.details),
        )
        events.append(event)
        head = head_of(event)
    uow.audit.append(events)
    return head
