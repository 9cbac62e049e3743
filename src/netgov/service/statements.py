"""Issuing statements of reasons (DSA Art. 17) with the strike each adds to the account.

    row = issue_statement(uow, issued=IssuedStatement(statement=sor, decided_by="staff:ana", ...),
                          actor="staff:ana", at=now, strike_days=365)

Every restrictive decision, the engine's or a person's, ends here: one row the affected
account reads (through its platform or the portal page its token opens), the exports read,
and appeals name.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from typing import Any

import msgspec

from netgov.core.decision import StatementOfReasons
from netgov.governance.strikes import expiry, strike_weight
from netgov.service.audit_trail import Entry, record
from netgov.store.tables import StatementRow, StrikeRow
from netgov.store.unit_of_work import UnitOfWork


class IssuedStatement(msgspec.Struct, frozen=True, kw_only=True):
    statement: StatementOfReasons
    # "rule:<id>" for an engine decision, "staff:<id>" for a person's: whom an overturn counts against.
    decided_by: str
    account_id: str | None = None
    decision_id: str | None = None
    case_id: str | None = None
    notice_id: str | None = None
    jurisdiction: str | None = None


def new_statement_id() -> str:
    return f"sor_{uuid.uuid4().hex[:26]}"


def statement_row(issued: IssuedStatement, *, statement_id: str) -> dict[str, Any]:
    """Every column of the statement's row (the bulk writer inserts many at once)."""
    sor = issued.statement
    return {
        "id": statement_id,
        "platform_id": sor.platform,
        "content_id": sor.content_id,
        "account_id": issued.account_id,
        "decision_id": issued.decision_id,
        "case_id": issued.case_id,
        "notice_id": issued.notice_id,
        "decided_by": issued.decided_by,
        "measure": sor.measure.value,
        "category": sor.category.value,
        "source": sor.source.value,
        "automated_detection": sor.automated_detection,
        "automated_decision": sor.automated_decision.value,
        "jurisdiction": issued.jurisdiction,
        "issued_at": sor.issued_at,
        "ends_at": sor.duration_until,
        "access_token": secrets.token_urlsafe(24),
        "status": "active",
        "reverted_at": None,
        "document": msgspec.json.encode(sor),
    }


def strike_row(issued: IssuedStatement, *, statement_id: str, strike_days: float) -> dict[str, Any] | None:
    """The strike the statement adds, or None (no account known, or a measure without weight)."""
    weight = strike_weight(issued.statement.measure)
    if issued.account_id is None or weight == 0:
        return None
    at = issued.statement.issued_at
    return {
        "platform_id": issued.statement.platform,
        "account_id": issued.account_id,
        "statement_id": statement_id,
        "weight": weight,
        "issued_at": at,
        "expires_at": expiry(at, strike_days),
        "lifted_at": None,
        "lift_reason": None,
    }


def issue_statement(
    uow: UnitOfWork, *, issued: IssuedStatement, actor: str, at: datetime, strike_days: float
) -> StatementRow:
    """Write the statement and its strike, with an audit event, in the caller's unit of work."""
    statement_id = new_statement_id()
    row = StatementRow(**statement_row(issued, statement_id=statement_id))
    uow.session.add(row)
    strike = strike_row(issued, statement_id=statement_id, strike_days=strike_days)
    if strike is not None:
        uow.session.add(StrikeRow(**strike))
    uow.session.flush()
    sor = issued.statement
    entry = Entry(
        actor=actor,
        action="statement.issue",
        object=f"statement:{statement_id}",
        reason=f"statement of reasons for {sor.measure.value} of {sor.platform}/{sor.content_id}",
        details={"decided_by": issued.decided_by, "case": issued.case_id, "strike": strike is not None},
    )
    record(uow, [entry], at=at)
    return row
