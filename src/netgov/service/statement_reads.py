"""Reading statements of reasons: one, and filtered pages of them, within the reader's scope.

    view = get_statement(uow, principal, "sor_…", public_url=settings.public_url)
    view.portal_url   # the link the platform hands to the affected account

A platform (its key, or its staff) reads its own platform's statements; regulators read
those of their jurisdictions (``decision.read``). Only the platform gets the portal link
(its token lets the account read the statement and appeal, so it goes to whoever passes it
on) and the account id: regulators read what was decided and why, not about whom.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

import msgspec

from netgov.core.actions import Action
from netgov.core.decision import Automation, LegalGround, Source, StatementOfReasons
from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError, NotFoundError
from netgov.identity.authorization import Resource, Scope, visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.permissions import SYSTEM, require
from netgov.store.repositories.decisions import Cursor
from netgov.store.repositories.statements import StatementFilter
from netgov.store.tables import StatementRow
from netgov.store.unit_of_work import UnitOfWork

PAGE_MAX = 500


class StatementView(msgspec.Struct, frozen=True, kw_only=True):
    """A statement as its readers see it: the Art. 17(3) fields, where it stands, and its link."""

    id: str
    platform: str
    content_id: str
    account_id: str | None
    decision_id: str | None
    case_id: str | None
    notice_id: str | None
    measure: Action
    category: Category
    territorial_scope: tuple[str, ...]
    ends_at: datetime | None
    facts: str
    explanation: str
    source: Source
    automated_detection: bool
    automated_decision: Automation
    legal_grounds: tuple[LegalGround, ...]
    redress: tuple[str, ...]
    issued_at: datetime
    status: str
    reverted_at: datetime | None
    portal_url: str | None


class StatementPage(msgspec.Struct, frozen=True, kw_only=True):
    rows: list[StatementView]
    next: Cursor | None
    total: int


def statement_resource(row: StatementRow) -> Resource:
    return Resource(kind="statement", id=row.id, jurisdiction=row.jurisdiction, platform=row.platform_id)


def portal_url(row: StatementRow, *, public_url: str) -> str:
    """The statement's page on the public portal, with the token that opens it."""
    return (
        f"{public_url.rstrip('/')}/portal/statements/{quote(row.id, safe='')}?token={quote(row.access_token, safe='')}"
    )


def get_statement(uow: UnitOfWork, principal: Principal | None, statement_id: str, *, public_url: str) -> StatementView:
    row = uow.statements.get(statement_id)
    if row is None:
        raise NotFoundError(f"no statement of reasons {statement_id!r}")
    require(principal, Activity.DECISION_READ, statement_resource(row))
    return _as_read_by(principal, row, public_url)


def list_statements(
    uow: UnitOfWork,
    principal: Principal | None,
    where: StatementFilter,
    *,
    after: Cursor | None,
    limit: int,
    public_url: str,
) -> StatementPage:
    """Newest first; ``total`` counts every statement matching across pages."""
    if not 1 <= limit <= PAGE_MAX:
        raise InvalidRequestError(f"limit must be between 1 and {PAGE_MAX}")
    scope = reader_scope(principal, Activity.DECISION_READ)
    rows = uow.statements.page(scope, where, after=after, limit=limit + 1)
    more, rows = len(rows) > limit, rows[:limit]
    return StatementPage(
        rows=[_as_read_by(principal, row, public_url) for row in rows],
        next=Cursor(rows[-1].issued_at, rows[-1].id) if more else None,
        total=uow.statements.count(scope, where),
    )


def view(row: StatementRow, *, link: bool, public_url: str, account: bool = True) -> StatementView:
    """The statement; ``link``: with the portal link; ``account``: with the account id."""
    sor = msgspec.json.decode(row.document, type=StatementOfReasons)
    return StatementView(
        id=row.id,
        platform=row.platform_id,
        content_id=row.content_id,
        account_id=row.account_id if account else None,
        decision_id=row.decision_id,
        case_id=row.case_id,
        notice_id=row.notice_id,
        measure=sor.measure,
        category=sor.category,
        territorial_scope=sor.territorial_scope,
        ends_at=sor.duration_until,
        facts=sor.facts,
        explanation=sor.explanation,
        source=sor.source,
        automated_detection=sor.automated_detection,
        automated_decision=sor.automated_decision,
        legal_grounds=sor.legal_grounds,
        redress=sor.redress,
        issued_at=row.issued_at,
        status=row.status,
        reverted_at=row.reverted_at,
        portal_url=portal_url(row, public_url=public_url) if link else None,
    )


def _as_read_by(principal: Principal | None, row: StatementRow, public_url: str) -> StatementView:
    platform = _hands_link(principal, row)
    return view(row, link=platform, public_url=public_url, account=platform)


def reader_scope(principal: Principal | None, activity: Activity) -> Scope | None:
    """The statements ``principal`` may list for ``activity``; None: all (the operator at the machine)."""
    return None if principal is SYSTEM else visible_scope(principal, activity)


def _hands_link(principal: Principal | None, row: StatementRow) -> bool:
    # The platform passes the link on to its account; regulators have no use for its token or the account.
    return principal is SYSTEM or row.platform_id in visible_scope(principal, Activity.DECISION_READ).platforms
