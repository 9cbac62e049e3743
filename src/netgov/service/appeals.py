"""Filing internal complaints (DSA Art. 20): an appeal opens a case for a human who did not decide.

    appeal = file_appeal(uow, by=ByAffectedAccount(statement_id="sor_…", token="…"),
                         reason="the post quoted the scam to warn people", at=now,
                         window_days=settings.appeal_window_days, rulebook=runtime.rulebook)

Three ways in, one path: the affected account with its statement's token (the portal), the
platform on its account's behalf with its key (``appeal.file``), or a notifier with the
notice's query code and the item's number against a decision not to act. The appeal is
checked (``governance.appeals``: still appealable, within the window, none open), then a
case is opened from it (source ``appeal``) in the office responsible for the content, with
whoever took the decision recused, so routing and every service pass them over.
``netgov.service.appeal_outcomes`` settles the appeal when that case is decided.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from netgov.core.decision import StatementOfReasons
from netgov.core.rulebook.model import Rulebook
from netgov.errors import InvalidRequestError, NotFoundError
from netgov.governance.appeals import (
    AppealStatus,
    Appellant,
    refuse_second_appeal,
    require_appealable_item,
    require_appealable_statement,
    require_within_window,
)
from netgov.governance.cases import CaseSource
from netgov.governance.query_codes import lookup_hash
from netgov.identity.authorization import Resource
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.appeal_deciders import CaseBasis, item_basis, item_decider, recused_for, statement_basis
from netgov.service.audit_trail import Entry, record
from netgov.service.case_opening import NewCase, open_case_once
from netgov.service.permissions import SYSTEM, require
from netgov.service.public_statements import statement_by_token
from netgov.store.tables import AppealRow, StatementRow
from netgov.store.unit_of_work import UnitOfWork

MAX_REASON = 10_000
_SUMMARY_REASON = 600


class ByAffectedAccount(msgspec.Struct, frozen=True, kw_only=True):
    """The account itself, holding the statement's token (the portal page's link)."""

    statement_id: str
    token: str


class ByPlatform(msgspec.Struct, frozen=True, kw_only=True):
    """The platform, for its account, with a key or staff grant that may ``appeal.file``."""

    actor: Principal
    statement_id: str


class ByNotifier(msgspec.Struct, frozen=True, kw_only=True):
    """Whoever reported the item, holding the notice's query code."""

    query_code: str
    seq: int


AppealBy = ByAffectedAccount | ByPlatform | ByNotifier

# The audit log's name for an appellant who holds a capability rather than an account.
PUBLIC_ACCOUNT = "public:affected_account"
PUBLIC_NOTIFIER = "public:notifier"


def file_appeal(
    uow: UnitOfWork, *, by: AppealBy, reason: str, at: datetime, window_days: float, rulebook: Rulebook
) -> AppealRow:
    """File the appeal and open its case, in the caller's unit of work; the caller commits."""
    why = _reason(reason)
    if isinstance(by, ByNotifier):
        return _file_for_item(uow, by, why, at=at, window_days=window_days, rulebook=rulebook)
    statement = _statement_for(uow, by)
    require_appealable_statement(statement_id=statement.id, status=statement.status)
    what = f"statement {statement.id}"
    require_within_window(what=what, decided_at=statement.issued_at, window_days=window_days, at=at)
    refuse_second_appeal(what=what, open_appeal=uow.redress.open_appeal_of_statement(statement.id))
    appeal = _appeal(
        Appellant.AFFECTED_ACCOUNT,
        platform_id=statement.platform_id,
        content_id=statement.content_id,
        decider=statement.decided_by,
        reason=why,
        at=at,
        statement_id=statement.id,
    )
    basis = statement_basis(uow, statement, _document(statement), rulebook)
    actor = by.actor.actor if isinstance(by, ByPlatform) else PUBLIC_ACCOUNT
    _open(uow, appeal, basis, actor=actor, decision_id=statement.decision_id, at=at)
    return appeal


def _statement_for(uow: UnitOfWork, by: ByAffectedAccount | ByPlatform) -> StatementRow:
    """The statement, locked so two appeals against it cannot both find none open."""
    if isinstance(by, ByAffectedAccount):
        return statement_by_token(uow, statement_id=by.statement_id, token=by.token, lock=True)
    row = uow.session.get(StatementRow, by.statement_id, with_for_update=True)
    if row is None:
        raise NotFoundError(f"no statement of reasons {by.statement_id!r}")
    require(by.actor, Activity.APPEAL_FILE, Resource(kind="statement", id=row.id, platform=row.platform_id))
    return row


def _file_for_item(
    uow: UnitOfWork, by: ByNotifier, why: str, *, at: datetime, window_days: float, rulebook: Rulebook
) -> AppealRow:
    notice = uow.notices.by_code_hash(lookup_hash(by.query_code))
    item = None if notice is None else uow.notices.item(notice.id, by.seq, lock=True)
    if notice is None or item is None:
        raise NotFoundError("no notice item has this query code and number; check them against your receipt")
    require_appealable_item(notice_id=notice.id, seq=item.seq, outcome=item.outcome)
    what = f"item {item.seq} of notice {notice.id}"
    assert item.decided_at is not None, "a decided item has its decision time"
    require_within_window(what=what, decided_at=item.decided_at, window_days=window_days, at=at)
    refuse_second_appeal(what=what, open_appeal=uow.redress.open_appeal_of_item(notice.id, item.seq))
    platform_id = item.platform_id or notice.platform_id
    if platform_id is None:
        raise InvalidRequestError(f"{what} names no platform: its decision cannot be appealed here")
    appeal = _appeal(
        Appellant.NOTIFIER,
        platform_id=platform_id,
        # An item named by its URL alone is known by it (cut to the column's 200 characters).
        content_id=(item.content_id or item.target)[:200],
        decider=item_decider(uow, notice, item),
        reason=why,
        at=at,
        notice=(notice.id, item.seq),
    )
    _open(uow, appeal, item_basis(uow, notice, item, rulebook, at=at), actor=PUBLIC_NOTIFIER, decision_id=None, at=at)
    return appeal


def _appeal(
    appellant: Appellant,
    *,
    platform_id: str,
    content_id: str,
    decider: str,
    reason: str,
    at: datetime,
    statement_id: str | None = None,
    notice: tuple[str, int] | None = None,
) -> AppealRow:
    return AppealRow(
        id=f"apl_{uuid.uuid4().hex[:26]}",
        appellant=appellant.value,
        statement_id=statement_id,
        notice_id=None if notice is None else notice[0],
        notice_seq=None if notice is None else notice[1],
        platform_id=platform_id,
        content_id=content_id,
        original_decider=decider,
        reason=reason,
        status=AppealStatus.FILED.value,
        filed_at=at,
    )


def _open(
    uow: UnitOfWork, appeal: AppealRow, basis: CaseBasis, *, actor: str, decision_id: str | None, at: datetime
) -> None:
    """Write the appeal, open its case with the decider recused, and record both."""
    uow.session.add(appeal)
    uow.session.flush()
    against = f"statement {appeal.statement_id}" if appeal.statement_id else f"notice {appeal.notice_id}"
    reason = appeal.reason if len(appeal.reason) <= _SUMMARY_REASON else appeal.reason[:_SUMMARY_REASON] + "…"
    new = NewCase(
        source=CaseSource.APPEAL,
        source_ref=appeal.id,
        jurisdiction=basis.jurisdiction,
        category=basis.category,
        severity=basis.severity,
        regulation=basis.regulation,
        article=basis.article,
        platform_id=appeal.platform_id,
        content_id=appeal.content_id,
        decision_id=decision_id,
        summary=f"appeal by the {appeal.appellant.replace('_', ' ')} against {against} "
        f"(decided by {appeal.original_decider}): {reason}",
        recused=recused_for(uow, appeal.original_decider),
    )
    case = open_case_once(uow, actor=SYSTEM, new=new, at=at).case
    appeal.case_id = case.id
    entry = Entry(
        actor=actor,
        action="appeal.file",
        object=f"appeal:{appeal.id}",
        reason=f"appeal against {against}",
        details={"case": case.id, "appellant": appeal.appellant, "decided_by": appeal.original_decider},
    )
    record(uow, [entry], at=at)


def _reason(text: str) -> str:
    reason = text.strip()
    if not reason:
        raise InvalidRequestError("reason: say why the decision is wrong; an appeal needs its reasons")
    if len(reason) > MAX_REASON:
        raise InvalidRequestError(f"reason: at most {MAX_REASON} characters, not {len(reason)}")
    return reason


def _document(statement: StatementRow) -> StatementOfReasons:
    return msgspec.json.decode(statement.document, type=StatementOfReasons)
