"""The audit chain's rows: the head (taken under a lock), appends, ordered reads, checkpoints."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import msgspec
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from netgov.audit.chain import EMPTY_HEAD, AuditEvent, ChainHead
from netgov.audit.checkpoints import Checkpoint
from netgov.store.bulk import BulkInsert
from netgov.store.tables import AuditCheckpointRow, AuditEventRow

# Any constant works; it names the PostgreSQL advisory lock that serialises appends.
_CHAIN_LOCK = 0x6E6774_61756469
_EVENTS = AuditEventRow.metadata.tables[AuditEventRow.__tablename__]
_INSERT_EVENTS = BulkInsert(_EVENTS)


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def lock_head(self) -> ChainHead:
        """The chain's head, with appends by other transactions blocked until this one ends.

        On SQLite the write transaction (BEGIN IMMEDIATE) already excludes other writers.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            self._session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})
        return self.head()

    def head(self) -> ChainHead:
        query = select(AuditEventRow.seq, AuditEventRow.hash).order_by(AuditEventRow.seq.desc()).limit(1)
        row = self._session.execute(query).one_or_none()
        return EMPTY_HEAD if row is None else ChainHead(row[0], row[1])

    def append(self, events: Sequence[AuditEvent]) -> None:
        # One Core executemany: the ORM's per-object flush cost more than the rest of an append.
        if events:
            _INSERT_EVENTS.run(self._session.connection(), [_values(event) for event in events])

    def events(self, *, start: int = 1, batch: int = 5000) -> Iterator[AuditEvent]:
        """Every event from ``start`` in seq order, read in batches so memory stays flat."""
        after = start - 1
        while True:
            query = select(AuditEventRow).where(AuditEventRow.seq > after).order_by(AuditEventRow.seq).limit(batch)
            rows = self._session.scalars(query).all()
            if not rows:
                return
            for row in rows:
                yield _event(row)
            after = rows[-1].seq

    def event(self, seq: int) -> AuditEvent | None:
        row = self._session.get(AuditEventRow, seq)
        return None if row is None else _event(row)

    def recent(self, *, limit: int = 50, before: int | None = None) -> list[AuditEvent]:
        query = select(AuditEventRow).order_by(AuditEventRow.seq.desc()).limit(limit)
        if before is not None:
            query = query.where(AuditEventRow.seq < before)
        return [_event(row) for row in self._session.scalars(query)]

    def add_checkpoint(self, checkpoint: Checkpoint) -> None:
        self._session.add(
            AuditCheckpointRow(
                seq=checkpoint.seq,
                head_hash=checkpoint.head_hash,
                at=checkpoint.at,
                log=checkpoint.log,
                key_id=checkpoint.key_id,
                signature=checkpoint.signature,
            )
        )
        self._session.flush()

    def checkpoints(self) -> list[Checkpoint]:
        rows = self._session.scalars(select(AuditCheckpointRow).order_by(AuditCheckpointRow.seq))
        return [
            Checkpoint(log=r.log, seq=r.seq, head_hash=r.head_hash, at=r.at, key_id=r.key_id, signature=r.signature)
            for r in rows
        ]


def _values(event: AuditEvent) -> dict[str, object]:
    return {
        "seq": event.seq,
        "at": event.at,
        "actor": event.actor,
        "action": event.action,
        "object": event.object,
        "reason": event.reason,
        "details": msgspec.json.encode(event.details).decode(),
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


def _event(row: AuditEventRow) -> AuditEvent:
    return AuditEvent(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=row.action,
        object=row.object,
        reason=row.reason,
        details=msgspec.json.decode(row.details),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )
