"""Plain typed factories for storage tests: migrated databases, platforms and decision rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import Engine

from netgov.store.database import connect
from netgov.store.schema import upgrade
from netgov.store.tables import JurisdictionRow, PlatformRow
from netgov.store.unit_of_work import UnitOfWork

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def migrated(url: str) -> Engine:
    engine = connect(url)
    upgrade(engine)
    return engine


class Row(msgspec.Struct, frozen=True, kw_only=True):
    """One stored decision, with the content row it belongs to."""

    id: str
    platform: str = "chirp"
    content_id: str = ""
    jurisdiction: str | None = None
    at: datetime = T0
    action: str = "allow"
    category: str | None = None
    rules: tuple[str, ...] = ()


def add_places(uow: UnitOfWork, *platforms: str, jurisdictions: Sequence[str] = ()) -> None:
    """Jurisdictions (parents first, dotted codes) and platforms with no seat."""
    for code in jurisdictions:
        parent = code.rpartition(".")[0] or None
        uow.places.add(JurisdictionRow(code=code, name=code.title(), level="county", parent_code=parent))
    uow.places.add(*(PlatformRow(id=p, name=p.title(), jurisdiction_code=None, created_at=T0) for p in platforms))


def insert_decisions(uow: UnitOfWork, rows: Sequence[Row]) -> None:
    uow.decisions.insert([_content(row) for row in rows], [_decision(row) for row in rows])


def _content(row: Row) -> dict[str, Any]:
    return {
        "platform_id": row.platform,
        "content_id": row.content_id or row.id,
        "digest": "0" * 64,
        "text": f"text of {row.id}",
        "account_id": None,
        "jurisdiction": row.jurisdiction,
        "language": None,
        "created_at": None,
        "received_at": row.at,
        "document": b"{}",
    }


def _decision(row: Row) -> dict[str, Any]:
    return {
        "id": row.id,
        "platform_id": row.platform,
        "content_id": row.content_id or row.id,
        "jurisdiction": row.jurisdiction,
        "action": row.action,
        "category": row.category,
        # The stored form (see netgov.service.intake_batch): a space at each end of the ids.
        "rules": " " + " ".join(row.rules) + " " if row.rules else "",
        "automated": True,
        "rulebook_version": "test",
        "decided_at": row.at,
        "document": msgspec.json.encode({"id": row.id}),
    }
