"""Factories shared by the audit log tests."""

from __future__ import annotations

from datetime import timedelta

import msgspec

from netgov.audit import EMPTY_HEAD, AuditEvent, ChainHead, append, head_of, recomputed_hash
from tests.factories import NOW


def build_chain(count: int, *, start: ChainHead = EMPTY_HEAD) -> list[AuditEvent]:
    """``count`` events appended after ``start``, one minute apart from NOW."""
    events: list[AuditEvent] = []
    head = start
    for n in range(count):
        event = append(
            head,
            at=NOW + timedelta(minutes=n),
            actor="staff:alice",
            action="decision.create",
            object=f"decision:dec_{head.seq + 1:04x}",
            reason="rule R1 matched",
            details={"rule": "R1", "score": 0.5 + n},
        )
        events.append(event)
        head = head_of(event)
    return events


def rehash(event: AuditEvent) -> AuditEvent:
    """``event`` with its hash recomputed, as an attacker who edits a row would leave it."""
    return msgspec.structs.replace(event, hash=recomputed_hash(event))
