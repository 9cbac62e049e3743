"""Reading every statement of reasons for an export: scoped, time-bounded, streamed.

    request = export_request(uow, actor=principal, platform=None, since=None, at=now)
    for row in export_rows(uow, request):   # fetched in chunks of CHUNK rows, never all at once
        ...

An export covers the statements issued before the moment it was asked for (``until``), so
that its passes (the DSA check, then the writing) read the same rows however many arrive
meanwhile. Rows carry the statement's own columns, its engine decision's and what the
exports need to know about the content; never the account, the post's text or who reported it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from typing import Any

import msgspec
from sqlalchemy import Select, and_, func, literal, select

from netgov.core.decision import StatementOfReasons
from netgov.errors import InvalidRequestError, PermissionDeniedError
from netgov.identity.authorization import Resource, Scope, visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.permissions import SYSTEM, require
from netgov.store.repositories.statements import in_scope
from netgov.store.tables import ContentRow, DecisionRow, StatementRow
from netgov.store.unit_of_work import UnitOfWork

CHUNK = 1000
"""Rows fetched from the database at a time: memory stays flat whatever the export's size."""


class ExportRequest(msgspec.Struct, frozen=True, kw_only=True):
    """Which statements: within ``scope`` (None: all), of ``platform``, issued in [since, until)."""

    scope: Scope | None
    platform: str | None
    since: datetime | None
    until: datetime


class _Kind(msgspec.Struct):
    kind: str = "image"


class _Media(msgspec.Struct):
    media: tuple[_Kind, ...] = ()


class ExportRow(msgspec.Struct, frozen=True, kw_only=True):
    """One statement with its decision's columns and what the DSA export asks about its content."""

    statement_id: str
    platform: str
    content_id: str
    decision_id: str | None
    case_id: str | None
    notice_id: str | None
    decided_by: str
    jurisdiction: str | None
    status: str
    reverted_at: datetime | None
    statement: StatementOfReasons
    decision_action: str | None
    decision_rulebook_version: str | None
    decision_rules: str | None
    decision_decided_at: datetime | None
    content_known: bool
    content_has_text: bool
    content_language: str | None
    content_created_at: datetime | None
    content_received_at: datetime | None
    content_media: tuple[str, ...]


def export_request(
    uow: UnitOfWork, *, actor: Principal, platform: str | None, since: datetime | None, at: datetime
) -> ExportRequest:
    """What ``actor`` may export (``statement.export``): one platform's statements, or all in its scope."""
    if since is not None and since >= at:
        raise InvalidRequestError(f"since: {since.isoformat()} is not in the past")
    if platform is not None:
        row = uow.places.platform(platform)
        if row is None:
            require(actor, Activity.STATEMENT_EXPORT, Resource(kind="statement", platform=platform))
            raise InvalidRequestError(f"platform: no platform {platform!r}")
        resource = Resource(kind="statement", platform=platform, jurisdiction=row.jurisdiction_code)
        require(actor, Activity.STATEMENT_EXPORT, resource)
    if actor is SYSTEM:
        return ExportRequest(scope=None, platform=platform, since=since, until=at)
    scope = visible_scope(actor, Activity.STATEMENT_EXPORT)
    if scope.empty:
        raise PermissionDeniedError(f"{actor.name} holds no role that may {Activity.STATEMENT_EXPORT.value}")
    return ExportRequest(scope=scope, platform=platform, since=since, until=at)


def start_of(day: date | datetime) -> datetime:
    """A ``--since DATE`` as the moment it begins in UTC; a datetime as it is (UTC if naive)."""
    moment = day if isinstance(day, datetime) else datetime.combine(day, time.min)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def export_rows(uow: UnitOfWork, request: ExportRequest, *, media: bool = False) -> Iterator[ExportRow]:
    """The statements of ``request`` oldest first, streamed from a server-side cursor;
    ``media``: with the kinds of the content's media (read from its stored document)."""
    result = uow.session.execute(_query(request, media=media).execution_options(yield_per=CHUNK))
    for chunk in result.partitions():
        for values in chunk:
            yield _row(values)


def count_rows(uow: UnitOfWork, request: ExportRequest) -> int:
    return int(uow.session.scalar(_filtered(select(func.count()).select_from(StatementRow), request)) or 0)


_COLUMNS = (
    StatementRow.id,
    StatementRow.platform_id,
    StatementRow.content_id,
    StatementRow.decision_id,
    StatementRow.case_id,
    StatementRow.notice_id,
    StatementRow.decided_by,
    StatementRow.jurisdiction,
    StatementRow.status,
    StatementRow.reverted_at,
    StatementRow.document,
    DecisionRow.action,
    DecisionRow.rulebook_version,
    DecisionRow.rules,
    DecisionRow.decided_at,
    ContentRow.pk,
    # Whether the post has text, not the text: the exports never carry it.
    ContentRow.text != "",
    ContentRow.language,
    ContentRow.created_at,
    ContentRow.received_at,
)


def _query(request: ExportRequest, *, media: bool) -> Select[Any]:
    content = and_(ContentRow.platform_id == StatementRow.platform_id, ContentRow.content_id == StatementRow.content_id)
    columns: list[Any] = [*_COLUMNS, ContentRow.document if media else literal(None)]
    query = (
        select(*columns)
        .select_from(StatementRow)
        .outerjoin(DecisionRow, DecisionRow.id == StatementRow.decision_id)
        .outerjoin(ContentRow, content)
    )
    return _filtered(query, request).order_by(StatementRow.issued_at, StatementRow.id)


def _filtered(query: Select[Any], request: ExportRequest) -> Select[Any]:
    query = query.where(StatementRow.issued_at < request.until)
    if request.scope is not None:
        scope = request.scope
        query = query.where(in_scope(scope, platform=StatementRow.platform_id, jurisdiction=StatementRow.jurisdiction))
    if request.platform is not None:
        query = query.where(StatementRow.platform_id == request.platform)
    if request.since is not None:
        query = query.where(StatementRow.issued_at >= request.since)
    return query


_STATEMENT = msgspec.json.Decoder(StatementOfReasons)
_MEDIA = msgspec.json.Decoder(_Media)


def _row(values: Any) -> ExportRow:
    (sid, platform, content_id, decision_id, case_id, notice_id, decided_by, jurisdiction, status, reverted_at) = (
        values[:10]
    )
    document, action, version, rules, decided_at, content_pk, has_text, language, created, received, media = values[10:]
    return ExportRow(
        statement_id=sid,
        platform=platform,
        content_id=content_id,
        decision_id=decision_id,
        case_id=case_id,
        notice_id=notice_id,
        decided_by=decided_by,
        jurisdiction=jurisdiction,
        status=status,
        reverted_at=reverted_at,
        statement=_STATEMENT.decode(document),
        decision_action=action,
        decision_rulebook_version=version,
        decision_rules=rules.strip() if rules else None,
        decision_decided_at=decided_at,
        content_known=content_pk is not None,
        content_has_text=bool(has_text),
        content_language=language,
        content_created_at=created,
        content_received_at=received,
        content_media=tuple(m.kind for m in _MEDIA.decode(media).media) if media else (),
    )
