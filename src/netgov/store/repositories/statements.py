"""Statements of reasons and their strikes: bulk inserts for the intake, scoped keyset-paged reads.

Pages reuse the decisions' cursor (a time and an id, newest first): here the time is ``issued_at``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, Select, false, func, literal, or_, select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from netgov.identity.authorization import Scope
from netgov.store.bulk import BulkInsert
from netgov.store.repositories.decisions import Cursor
from netgov.store.tables import StatementRow, StrikeRow
from netgov.store.tables.base import UTCDateTime

_STATEMENTS = StatementRow.metadata.tables[StatementRow.__tablename__]
_STRIKES = StrikeRow.metadata.tables[StrikeRow.__tablename__]
_INSERT_STATEMENTS, _INSERT_STRIKES = BulkInsert(_STATEMENTS), BulkInsert(_STRIKES)


class StatementFilter(msgspec.Struct, frozen=True, kw_only=True):
    platform: str | None = None
    account: str | None = None
    content: str | None = None
    since: datetime | None = None


class StatementRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def insert_many(self, statements: list[dict[str, Any]], strikes: list[dict[str, Any]]) -> None:
        """Insert statement rows and strike rows (``statement_row``/``strike_row`` dicts) at once."""
        connection = self._session.connection()
        _INSERT_STATEMENTS.run(connection, statements)
        _INSERT_STRIKES.run(connection, strikes)

    def get(self, statement_id: str) -> StatementRow | None:
        return self._session.get(StatementRow, statement_id)

    def page(
        self, scope: Scope | None, where: StatementFilter, *, after: Cursor | None = None, limit: int = 50
    ) -> list[StatementRow]:
        query = _filtered(select(StatementRow), scope, where)
        if after is not None:
            at = literal(after.decided_at, UTCDateTime())
            query = query.where(tuple_(StatementRow.issued_at, StatementRow.id) < tuple_(at, after.id))
        query = query.order_by(StatementRow.issued_at.desc(), StatementRow.id.desc()).limit(limit)
        return list(self._session.scalars(query))

    def count(self, scope: Scope | None, where: StatementFilter) -> int:
        query = _filtered(select(func.count()).select_from(StatementRow), scope, where)
        return int(self._session.scalar(query) or 0)


def _filtered(query: Select[Any], scope: Scope | None, where: StatementFilter) -> Select[Any]:
    """``scope`` None: every statement (the operator at the machine)."""
    if scope is not None:
        query = query.where(in_scope(scope, platform=StatementRow.platform_id, jurisdiction=StatementRow.jurisdiction))
    if where.platform is not None:
        query = query.where(StatementRow.platform_id == where.platform)
    if where.account is not None:
        query = query.where(StatementRow.account_id == where.account)
    if where.content is not None:
        query = query.where(StatementRow.content_id == where.content)
    if where.since is not None:
        query = query.where(StatementRow.issued_at >= where.since)
    return query


def in_scope(
    scope: Scope, *, platform: InstrumentedAttribute[str], jurisdiction: InstrumentedAttribute[str | None]
) -> ColumnElement[bool]:
    """Rows a reader with ``scope`` may see: by platform, or by jurisdiction subtree."""
    parts: list[ColumnElement[bool]] = []
    for code in scope.jurisdictions:
        # Not LIKE: SQLite's LIKE ignores letter case (see repositories.decisions).
        parts += [jurisdiction == code, func.substr(jurisdiction, 1, len(code) + 1) == code + "."]
    if scope.platforms:
        parts.append(platform.in_(scope.platforms))
    if scope.unplaced:
        parts.append(jurisdiction.is_(None))
    return or_(*parts) if parts else false()
