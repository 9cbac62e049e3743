"""Prepared bulk inserts store exactly what SQLAlchemy Core would, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert, text

from netgov.store.bulk import BulkInsert
from netgov.store.database import connect
from netgov.store.schema import upgrade
from netgov.store.tables import AuditEventRow

EVENTS = AuditEventRow.__table__


def _event(seq: int) -> dict[str, object]:
    return {
        "seq": seq,
        "at": datetime(2026, 6, 1, 9, 30, 15, 123456, tzinfo=UTC),
        "actor": "staff:ä",
        "action": "x.y",
        "object": "o",
        "reason": "r",
        "details": "{}",
        "prev_hash": "0" * 64,
        "hash": "f" * 64,
    }


def test_a_bulk_insert_stores_the_same_raw_values_as_core(database: str) -> None:
    engine = connect(database)
    upgrade(engine)
    try:
        with engine.begin() as connection:
            connection.execute(insert(EVENTS), [_event(1)])
            BulkInsert(EVENTS).run(connection, [_event(2), _event(3)])
            rows = connection.execute(text("SELECT seq, at, actor, details FROM audit_events ORDER BY seq")).all()
        assert [row[1:] for row in rows] == [rows[0][1:]] * 3
        assert [row[0] for row in rows] == [1, 2, 3]
    finally:
        engine.dispose()


def test_a_bulk_insert_of_nothing_does_nothing(database: str) -> None:
    engine = connect(database)
    upgrade(engine)
    try:
        with engine.begin() as connection:
            BulkInsert(EVENTS).run(connection, [])
            assert connection.execute(text("SELECT count(*) FROM audit_events")).scalar() == 0
    finally:
        engine.dispose()
