"""Content and decisions: idempotent inserts, lookups and filtered, keyset-paged lists."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    bindparam,
    false,
    func,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import Session

from netgov.identity.authorization import Scope
from netgov.store.bulk import BulkInsert
from netgov.store.tables import ContentRow, DecisionRow
from netgov.store.tables.base import UTCDateTime

# The tables themselves, for Core inserts (``Model.__table__`` is typed too loosely for insert()).
_CONTENTS = ContentRow.metadata.tables[ContentRow.__tablename__]
_DECISIONS = DecisionRow.metadata.tables[DecisionRow.__tablename__]

# The intake's lookups, built once over the tables (not the ORM classes): building an ORM
# select and running it through the ORM cost about four times what SQLite takes to answer it,
# on every group commit.
_PLATFORM: BindParameter[str] = bindparam("platform")
_IDS: BindParameter[str] = bindparam("ids", expanding=True)
_EXISTING = (
    select(_CONTENTS.c.content_id, _CONTENTS.c.digest, _DECISIONS.c.id, _DECISIONS.c.document)
    .join_from(_CONTENTS, _DECISIONS, _DECISIONS.c.content_pk == _CONTENTS.c.pk)
    .where(_CONTENTS.c.platform_id == _PLATFORM, _CONTENTS.c.content_id.in_(_IDS))
)
_INSERT_CONTENTS, _INSERT_DECISIONS = BulkInsert(_CONTENTS), BulkInsert(_DECISIONS)
_CONTENT_KEYS = select(_CONTENTS.c.content_id, _CONTENTS.c.pk).where(
    _CONTENTS.c.platform_id == _PLATFORM, _CONTENTS.c.content_id.in_(_IDS)
)


class DecisionFilter(msgspec.Struct, frozen=True, kw_only=True):
    platform: str | None = None
    category: str | None = None
    action: str | None = None
    rule: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class Cursor(msgspec.Struct, frozen=True, array_like=True):
    """Where a page ends: the last row's time and id (rows are newest first)."""

    decided_at: datetime
    id: str


_CURSOR = msgspec.json.Decoder(Cursor)


def encode_cursor(cursor: Cursor) -> str:
    """The cursor as an opaque, URL-safe token (base64url of its JSON, unpadded)."""
    return base64.urlsafe_b64encode(msgspec.json.encode(cursor)).rstrip(b"=").decode("ascii")


def decode_cursor(text: str) -> Cursor:
    """The cursor a token stands for; ValueError when it is not one ``encode_cursor`` made."""
    try:
        return _CURSOR.decode(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except msgspec.DecodeError as error:
        raise ValueError(f"not a page cursor: {error}") from error


class Stored(msgspec.Struct, frozen=True):
    content_id: str
    digest: str
    decision_id: str
    document: bytes


class DecisionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def existing(self, platform_id: str, content_ids: Sequence[str]) -> dict[str, Stored]:
        rows = self._session.execute(_EXISTING, {"platform": platform_id, "ids": list(set(content_ids))})
        return {row[0]: Stored(row[0], row[1], row[2], row[3]) for row in rows}

    def insert(self, contents: list[dict[str, Any]], decisions: list[dict[str, Any]]) -> None:
        """Insert contents and their decisions, one decision per content, in the same order."""
        if not contents:
            return
        # Core inserts (executemany), not ORM bulk ones; and no RETURNING, which SQLite can only
        # do one row per statement when the order must hold: the keys are read back in one query.
        connection = self._session.connection()
        _INSERT_CONTENTS.run(connection, contents)
        keys = self._content_keys({(row["platform_id"], row["content_id"]) for row in contents})
        for decision in decisions:
            decision["content_pk"] = keys[(decision["platform_id"], decision["content_id"])]
        _INSERT_DECISIONS.run(connection, decisions)

    def _content_keys(self, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
        found: dict[tuple[str, str], int] = {}
        for platform_id in {platform for platform, _ in wanted}:
            ids = [content_id for platform, content_id in wanted if platform == platform_id]
            rows = self._session.execute(_CONTENT_KEYS, {"platform": platform_id, "ids": ids})
            found.update({(platform_id, content_id): pk for content_id, pk in rows})
        return found

    def get(self, decision_id: str) -> tuple[DecisionRow, ContentRow] | None:
        query = select(DecisionRow, ContentRow).join(ContentRow).where(DecisionRow.id == decision_id)
        row = self._session.execute(query).one_or_none()
        return None if row is None else (row[0], row[1])

    def page(
        self, scope: Scope, where: DecisionFilter, *, after: Cursor | None = None, limit: int = 50
    ) -> list[DecisionRow]:
        query = _filtered(select(DecisionRow), scope, where)
        if after is not None:
            # Typed as the column, so SQLite (which stores naive UTC text) gets the time in UTC.
            at = literal(after.decided_at, UTCDateTime())
            query = query.where(tuple_(DecisionRow.decided_at, DecisionRow.id) < tuple_(at, after.id))
        query = query.order_by(DecisionRow.decided_at.desc(), DecisionRow.id.desc()).limit(limit)
        return list(self._session.scalars(query))

    def count(self, scope: Scope, where: DecisionFilter) -> int:
        query = _filtered(select(func.count()).select_from(DecisionRow), scope, where)
        return int(self._session.scalar(query) or 0)

    def counts_by(self, column: str, scope: Scope, where: DecisionFilter) -> dict[str, int]:
        field = getattr(DecisionRow, column)
        query = _filtered(select(field, func.count()).select_from(DecisionRow), scope, where).group_by(field)
        return {str(value): int(n) for value, n in self._session.execute(query)}


def _filtered(query: Select[Any], scope: Scope, where: DecisionFilter) -> Select[Any]:
    query = query.where(_in_scope(scope))
    if where.platform is not None:
        query = query.where(DecisionRow.platform_id == where.platform)
    if where.category is not None:
        query = query.where(DecisionRow.category == where.category)
    if where.action is not None:
        query = query.where(DecisionRow.action == where.action)
    if where.since is not None:
        query = query.where(DecisionRow.decided_at >= where.since)
    if where.until is not None:
        query = query.where(DecisionRow.decided_at < where.until)
    if where.rule is not None:
        # Rules are stored space-separated with a space at each end, so " id " matches whole
        # ids only. replace() rather than LIKE: SQLite's LIKE ignores letter case.
        query = query.where(func.replace(DecisionRow.rules, f" {where.rule} ", "") != DecisionRow.rules)
    return query


def _in_scope(scope: Scope) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = []
    for code in scope.jurisdictions:
        # Not LIKE: SQLite's LIKE ignores letter case, so "EX.NORTH.x" would be listed to
        # a reader of "ex.north" whom authorize() refuses it.
        subtree = func.substr(DecisionRow.jurisdiction, 1, len(code) + 1) == code + "."
        parts += [DecisionRow.jurisdiction == code, subtree]
    if scope.platforms:
        parts.append(DecisionRow.platform_id.in_(scope.platforms))
    if scope.unplaced:
        parts.append(DecisionRow.jurisdiction.is_(None))
    return or_(*parts) if parts else false()
