"""A statement of reasons as the affected account reads it, by the token of its link.

    page = statement_for_account(uow, statement_id="sor_…", token="…", at=now, window_days=183)
    page.appealable        # whether the page offers the appeal form now, and page.appeal_until

Whoever holds the link (the platform hands it to the account) reads the statement; a wrong
or missing token is answered exactly as an unknown id, and tokens are compared in constant
time, so the page tells a guesser nothing.
"""

from __future__ import annotations

import secrets
from datetime import datetime

import msgspec

from netgov.core.decision import StatementOfReasons
from netgov.errors import NotFoundError
from netgov.governance.appeals import APPEALABLE_STATEMENT, AppealStatus, window_closes
from netgov.service.appeal_views import PublicAppeal, public_appeal
from netgov.store.tables import StatementRow
from netgov.store.unit_of_work import UnitOfWork

_ID_LENGTH = 40  # statements.id
UNKNOWN = "no statement of reasons has this id and token; use the link you were given"


class AccountStatement(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    statement: StatementOfReasons
    status: str  # active or reverted
    reverted_at: datetime | None
    appeal: PublicAppeal | None  # the latest appeal against it
    appeal_until: datetime
    appealable: bool
    # Why the form is not offered, when it is not.
    not_appealable: str | None


def statement_by_token(uow: UnitOfWork, *, statement_id: str, token: str, lock: bool = False) -> StatementRow:
    """The statement whose link carries ``token``; NotFoundError alike for a wrong token and an unknown id."""
    if not statement_id or len(statement_id) > _ID_LENGTH or "\x00" in statement_id:
        raise NotFoundError(UNKNOWN)  # no such id can exist; PostgreSQL would refuse a NUL
    row = uow.session.get(StatementRow, statement_id, with_for_update=lock)
    if row is None or not _same(token, row.access_token):
        raise NotFoundError(UNKNOWN)
    return row


def statement_for_account(
    uow: UnitOfWork, *, statement_id: str, token: str, at: datetime, window_days: float
) -> AccountStatement:
    row = statement_by_token(uow, statement_id=statement_id, token=token)
    latest = uow.redress.latest_appeal(statement_id=row.id)
    appeal = None if latest is None else public_appeal(latest)
    until = window_closes(row.issued_at, window_days)
    why_not = _why_not(row, appeal, until=until, at=at)
    return AccountStatement(
        id=row.id,
        statement=msgspec.json.decode(row.document, type=StatementOfReasons),
        status=row.status,
        reverted_at=row.reverted_at,
        appeal=appeal,
        appeal_until=until,
        appealable=why_not is None,
        not_appealable=why_not,
    )


def _why_not(row: StatementRow, appeal: PublicAppeal | None, *, until: datetime, at: datetime) -> str | None:
    if row.status != APPEALABLE_STATEMENT:
        return "The decision was reverted: there is nothing left to appeal."
    if appeal is not None and AppealStatus(appeal.status).open:
        return "Your appeal is being reviewed; you will see the outcome here."
    if at > until:
        return f"The time to appeal ended on {until:%Y-%m-%d %H:%M} UTC."
    return None


def _same(given: str, stored: str) -> bool:
    """Constant-time comparison (of bytes: ``compare_digest`` refuses non-ASCII text)."""
    return secrets.compare_digest(given.encode("utf-8", "surrogatepass"), stored.encode("utf-8"))
