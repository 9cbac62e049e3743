"""Reading decisions: lists within the reader's scope, one decision, its statement of
reasons, and the content's text (personal data: every staff read is audited)."""

from __future__ import annotations

from datetime import datetime

import msgspec

from netgov.core.content import Content
from netgov.core.decision import Decision, StatementOfReasons, decision_from_json
from netgov.errors import InvalidRequestError, NotFoundError
from netgov.identity.authorization import Resource, visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.audit_trail import Entry, record
from netgov.service.permissions import require
from netgov.store.repositories.decisions import Cursor, DecisionFilter
from netgov.store.tables import ContentRow, DecisionRow
from netgov.store.unit_of_work import UnitOfWork


class DecisionPage(msgspec.Struct, frozen=True, kw_only=True):
    rows: list[DecisionRow]
    next: Cursor | None
    total: int


def list_decisions(
    uow: UnitOfWork, principal: Principal | None, where: DecisionFilter, *, after: Cursor | None, limit: int
) -> DecisionPage:
    if not 1 <= limit <= 500:
        raise InvalidRequestError("limit must be between 1 and 500")
    scope = visible_scope(principal, Activity.DECISION_READ)
    rows = uow.decisions.page(scope, where, after=after, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = Cursor(rows[-1].decided_at, rows[-1].id) if more else None
    return DecisionPage(rows=rows, next=cursor, total=uow.decisions.count(scope, where))


def get_decision(uow: UnitOfWork, principal: Principal | None, decision_id: str) -> Decision:
    row, _ = _visible(uow, principal, decision_id, Activity.DECISION_READ)
    return decision_from_json(row.document)


def get_statement(uow: UnitOfWork, principal: Principal | None, decision_id: str) -> StatementOfReasons:
    decision = get_decision(uow, principal, decision_id)
    if decision.statement is None:
        raise NotFoundError(f"decision {decision_id} restricted nothing, so it has no statement of reasons")
    return decision.statement


def read_content(
    uow: UnitOfWork, principal: Principal, decision_id: str, *, reason: str, at: datetime
) -> tuple[Decision, Content]:
    """The decision with the content it was about. Staff reads are written to the audit
    log with ``reason`` and committed before the text is returned."""
    row, content = _visible(uow, principal, decision_id, Activity.DECISION_READ_CONTENT)
    if principal.kind == "staff":
        if not reason.strip():
            raise InvalidRequestError("reading a post's text needs a reason; it is written to the audit log")
        entry = Entry(
            actor=principal.actor, action="decision.read_content", object=f"decision:{decision_id}", reason=reason
        )
        record(uow, [entry], at=at)
        uow.commit()
    return decision_from_json(row.document), msgspec.json.decode(content.document, type=Content)


def _visible(
    uow: UnitOfWork, principal: Principal | None, decision_id: str, activity: Activity
) -> tuple[DecisionRow, ContentRow]:
    found = uow.decisions.get(decision_id)
    if found is None:
        raise NotFoundError(f"no decision {decision_id!r}")
    row = found[0]
    resource = Resource(kind="decision", id=row.id, jurisdiction=row.jurisdiction, platform=row.platform_id)
    require(principal, activity, resource)
    return found
