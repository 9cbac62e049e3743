"""Notices, their items and trusted flaggers, and the questions the service asks of them:
who reported a target lately, how accurate a reporter or a flagger has been, what a reader
may list."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, Select, and_, case, false, func, literal, or_, select, true, tuple_, update
from sqlalchemy.orm import Session

from netgov.identity.authorization import Scope
from netgov.store.tables import CaseRow, NoticeItemRow, NoticeRow, TrustedFlaggerRow
from netgov.store.tables.base import UTCDateTime

DECIDED = "decided"
# Item outcomes that mean the notice was right: the platform or the office acted, or the
# content had already been found illegal.
_ACTED = "action_taken"
_EXISTING = "existing_decision"
_VIOLATIONS = ("violation", "partial_violation")


class NoticeFilter(msgspec.Struct, frozen=True, kw_only=True):
    status: str | None = None
    brigade: bool | None = None
    flagger_id: str | None = None
    trusted: bool | None = None
    platform: str | None = None
    case_id: str | None = None
    since: datetime | None = None


class NoticeCursor(msgspec.Struct, frozen=True, array_like=True):
    """Where a page ends: the last notice's time and id (newest first)."""

    submitted_at: datetime
    id: str


class RecentReport(msgspec.Struct, frozen=True, kw_only=True):
    notice_id: str
    reporter_key: str
    submitted_at: datetime
    flagger_id: str | None
    case_id: str | None


class Tally(msgspec.Struct, frozen=True, kw_only=True):
    """Notices of one reporter or flagger: how many, decided, upheld; and the first one's time."""

    notices: int
    decided: int
    upheld: int
    first_seen: datetime


class NoticeRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *rows: NoticeRow | NoticeItemRow | TrustedFlaggerRow) -> None:
        self._session.add_all(rows)

    def notice(self, notice_id: str, *, lock: bool = False) -> NoticeRow | None:
        query = select(NoticeRow).where(NoticeRow.id == notice_id)
        return self._session.scalars(query.with_for_update() if lock else query).one_or_none()

    def by_code_hash(self, code_hash: str) -> NoticeRow | None:
        return self._session.scalars(select(NoticeRow).where(NoticeRow.query_code_hash == code_hash)).one_or_none()

    def items(self, notice_id: str) -> list[NoticeItemRow]:
        query = select(NoticeItemRow).where(NoticeItemRow.notice_id == notice_id).order_by(NoticeItemRow.seq)
        return list(self._session.scalars(query))

    def item(self, notice_id: str, seq: int, *, lock: bool = False) -> NoticeItemRow | None:
        query = select(NoticeItemRow).where(NoticeItemRow.notice_id == notice_id, NoticeItemRow.seq == seq)
        return self._session.scalars(query.with_for_update() if lock else query).one_or_none()

    def items_of_case(self, case_id: str) -> list[NoticeItemRow]:
        query = select(NoticeItemRow).where(NoticeItemRow.case_id == case_id)
        return list(self._session.scalars(query.order_by(NoticeItemRow.submitted_at, NoticeItemRow.notice_id)))

    def items_of(self, notice_ids: Sequence[str]) -> dict[str, list[NoticeItemRow]]:
        found: dict[str, list[NoticeItemRow]] = {notice_id: [] for notice_id in notice_ids}
        query = select(NoticeItemRow).where(NoticeItemRow.notice_id.in_(notice_ids)).order_by(NoticeItemRow.seq)
        for row in self._session.scalars(query):
            found[row.notice_id].append(row)
        return found

    def reports_on_case(self, case_ids: Sequence[str]) -> dict[str, int]:
        """How many notice items each case merges."""
        query = (
            select(NoticeItemRow.case_id, func.count())
            .where(NoticeItemRow.case_id.in_(case_ids))
            .group_by(NoticeItemRow.case_id)
        )
        return {str(case_id): int(count) for case_id, count in self._session.execute(query)}

    def recent_reports(
        self, platform_id: str, *, since: datetime, target: str | None = None, account: str | None = None
    ) -> list[RecentReport]:
        """Notices since ``since`` naming ``target`` (or ``account``) on the platform."""
        column = NoticeItemRow.target if target is not None else NoticeItemRow.account_id
        query = (
            select(
                NoticeRow.id,
                NoticeRow.reporter_key,
                NoticeRow.submitted_at,
                NoticeRow.flagger_id,
                NoticeItemRow.case_id,
            )
            .join(NoticeItemRow, NoticeItemRow.notice_id == NoticeRow.id)
            .where(
                NoticeItemRow.platform_id == platform_id,
                column == (target if target is not None else account),
                NoticeItemRow.submitted_at >= literal(since, UTCDateTime()),
            )
            .distinct()
        )
        return [
            RecentReport(notice_id=notice_id, reporter_key=key, submitted_at=at, flagger_id=flagger, case_id=case_id)
            for notice_id, key, at, flagger, case_id in self._session.execute(query)
        ]

    def flag_brigade(
        self, platform_id: str, *, since: datetime, target: str | None = None, account: str | None = None
    ) -> int:
        """Mark every item naming ``target`` (or ``account``) since ``since`` as part of a possible brigade."""
        column = NoticeItemRow.target if target is not None else NoticeItemRow.account_id
        statement = (
            update(NoticeItemRow)
            .where(
                NoticeItemRow.platform_id == platform_id,
                column == (target if target is not None else account),
                NoticeItemRow.submitted_at >= literal(since, UTCDateTime()),
            )
            .values(brigade=True)
        )
        return int(self._session.execute(statement).rowcount or 0)  # type: ignore[attr-defined]

    def decided_case(self, platform_id: str, content_id: str, *, states: Sequence[str]) -> CaseRow | None:
        """The latest case about the content that reached an outcome and is in one of ``states``."""
        query = (
            select(CaseRow)
            .where(
                CaseRow.platform_id == platform_id,
                CaseRow.content_id == content_id,
                CaseRow.outcome.is_not(None),
                CaseRow.state.in_(states),
            )
            .order_by(CaseRow.updated_at.desc(), CaseRow.id)
            .limit(1)
        )
        return self._session.scalars(query).one_or_none()

    def reporter_tallies(self, reporter_keys: Sequence[str]) -> dict[str, Tally]:
        return self._tallies(NoticeRow.reporter_key, reporter_keys)

    def flagger_tallies(self, flagger_ids: Sequence[str]) -> dict[str, Tally]:
        return self._tallies(NoticeRow.flagger_id, flagger_ids)

    def _tallies(self, by: Any, keys: Sequence[str]) -> dict[str, Tally]:
        if not keys:
            return {}
        decided = NoticeRow.status == DECIDED
        upheld = and_(decided, _upheld_item())
        query = (
            select(
                by,
                func.count(func.distinct(NoticeRow.id)),
                func.count(func.distinct(case((decided, NoticeRow.id)))),
                func.count(func.distinct(case((upheld, NoticeRow.id)))),
                func.min(NoticeRow.submitted_at),
            )
            .join(NoticeItemRow, NoticeItemRow.notice_id == NoticeRow.id)
            .outerjoin(CaseRow, CaseRow.id == NoticeItemRow.case_id)
            .where(by.in_(keys))
            .group_by(by)
        )
        return {
            str(key): Tally(notices=int(n), decided=int(d), upheld=int(u), first_seen=first)
            for key, n, d, u, first in self._session.execute(query)
        }

    def page(
        self, scope: Scope | None, where: NoticeFilter, *, after: NoticeCursor | None, limit: int
    ) -> list[NoticeRow]:
        query = _filtered(select(NoticeRow), scope, where)
        if after is not None:
            at = literal(after.submitted_at, UTCDateTime())
            query = query.where(tuple_(NoticeRow.submitted_at, NoticeRow.id) < tuple_(at, after.id))
        query = query.order_by(NoticeRow.submitted_at.desc(), NoticeRow.id.desc()).limit(limit)
        return list(self._session.scalars(query))

    def count(self, scope: Scope | None, where: NoticeFilter) -> int:
        return int(self._session.scalar(_filtered(select(func.count()).select_from(NoticeRow), scope, where)) or 0)

    def flagger(self, flagger_id: str, *, lock: bool = False) -> TrustedFlaggerRow | None:
        query = select(TrustedFlaggerRow).where(TrustedFlaggerRow.id == flagger_id)
        return self._session.scalars(query.with_for_update() if lock else query).one_or_none()

    def flagger_by_key(self, key_hash: str) -> TrustedFlaggerRow | None:
        query = select(TrustedFlaggerRow).where(TrustedFlaggerRow.key_hash == key_hash)
        return self._session.scalars(query).one_or_none()

    def flaggers(self, office_ids: Sequence[str] | None) -> list[TrustedFlaggerRow]:
        """Every flagger, or those granted by ``office_ids``; newest award first."""
        query = select(TrustedFlaggerRow)
        if office_ids is not None:
            query = query.where(TrustedFlaggerRow.office_id.in_(office_ids))
        return list(self._session.scalars(query.order_by(TrustedFlaggerRow.granted_at.desc(), TrustedFlaggerRow.id)))


def _upheld_item() -> ColumnElement[bool]:
    return or_(
        NoticeItemRow.outcome == _ACTED,
        and_(NoticeItemRow.outcome == _EXISTING, CaseRow.outcome.in_(_VIOLATIONS)),
    )


def _filtered(query: Select[Any], scope: Scope | None, where: NoticeFilter) -> Select[Any]:
    query = query.where(_in_scope(scope))
    if where.status is not None:
        query = query.where(NoticeRow.status == where.status)
    if where.flagger_id is not None:
        query = query.where(NoticeRow.flagger_id == where.flagger_id)
    if where.trusted is not None:
        query = query.where(NoticeRow.flagger_id.is_not(None) if where.trusted else NoticeRow.flagger_id.is_(None))
    if where.platform is not None:
        query = query.where(NoticeRow.platform_id == where.platform)
    if where.since is not None:
        query = query.where(NoticeRow.submitted_at >= literal(where.since, UTCDateTime()))
    if where.brigade is not None:
        flagged = select(NoticeItemRow.notice_id).where(NoticeItemRow.brigade.is_(True))
        query = query.where(NoticeRow.id.in_(flagged) if where.brigade else NoticeRow.id.not_in(flagged))
    if where.case_id is not None:
        query = query.where(
            NoticeRow.id.in_(select(NoticeItemRow.notice_id).where(NoticeItemRow.case_id == where.case_id))
        )
    return query


def _in_scope(scope: Scope | None) -> ColumnElement[bool]:
    """Regulators: notices placed in their subtrees. Platforms: notices addressed or forwarded
    to them. None: every notice (the operator)."""
    if scope is None:
        return true()
    parts: list[ColumnElement[bool]] = []
    for code in scope.jurisdictions:
        # substr, not LIKE: SQLite's LIKE ignores letter case (see the decisions repository).
        subtree = func.substr(NoticeRow.jurisdiction, 1, len(code) + 1) == code + "."
        parts += [NoticeRow.jurisdiction == code, subtree]
    if scope.platforms:
        handed = or_(NoticeRow.addressee == "platform", NoticeRow.forwarded_at.is_not(None))
        parts.append(and_(NoticeRow.platform_id.in_(scope.platforms), handed))
    if scope.unplaced:
        parts.append(NoticeRow.jurisdiction.is_(None))
    return or_(*parts) if parts else false()


_CURSOR = msgspec.json.Decoder(NoticeCursor)


def encode_cursor(cursor: NoticeCursor) -> str:
    """The cursor as an opaque, URL-safe token (base64url of its JSON, unpadded)."""
    return base64.urlsafe_b64encode(msgspec.json.encode(cursor)).rstrip(b"=").decode("ascii")


def decode_cursor(text: str) -> NoticeCursor:
    """The cursor a token stands for, its time aware UTC; ValueError when ``encode_cursor`` made no such token."""
    try:
        cursor = _CURSOR.decode(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (msgspec.DecodeError, ValueError) as error:
        raise ValueError(f"not a page cursor: {error}") from error
    at = cursor.submitted_at
    return NoticeCursor(at if at.tzinfo is not None else at.replace(tzinfo=UTC), cursor.id)
