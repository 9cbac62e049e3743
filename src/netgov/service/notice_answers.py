"""A platform answers the notices it holds; a regulator forwards a notice to the platform.

    answer_notice(uow, actor=chirp, notice_id=..., seq=1, answer=NoticeAnswer(acted=True,
                  measure=Action.REMOVE, regulation="MOSR", article="7", reasons="..."), ...)
    forward_notice(uow, actor=officer, notice_id=..., reason="the platform can act faster", at=now)

A platform (``notice.answer``, its key or its staff) answers each item of a notice addressed
or forwarded to it: it acted, citing the measure and the article, and the statement of
reasons is issued for the affected account (``service.statements.issue_statement``, with
the strike it adds); or it did not, with its reasons. Forwarding needs ``case.work`` over the
notice's jurisdiction: it is an office handling its casework. The items keep their cases;
the case's own decision, when it comes, prevails (``notice_outcomes``). Each step is
audited and committed here.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from netgov.core.actions import Action
from netgov.core.decision import Source
from netgov.core.taxonomy import Category
from netgov.errors import ConflictError, InvalidRequestError, NotFoundError
from netgov.governance.notices import Addressee, ItemOutcome, NoticeStatus
from netgov.identity.authorization import Resource
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.audit_trail import Detail, Entry, record
from netgov.service.case_timeline import note
from netgov.service.notice_filing import refresh_status
from netgov.service.permissions import require
from netgov.service.statement_grounds import StatementPolicy, human_statement
from netgov.service.statements import IssuedStatement, issue_statement
from netgov.store.tables import NoticeItemRow, NoticeRow
from netgov.store.unit_of_work import UnitOfWork

REASONS_MAX = 4000


class NoticeAnswer(msgspec.Struct, frozen=True, kw_only=True):
    """The platform's answer to one item. Acting needs the measure and the article; the
    content id when the notice gave only a URL."""

    acted: bool
    reasons: str
    measure: Action | None = None
    regulation: str | None = None
    article: str | None = None
    facts: str | None = None
    content_id: str | None = None
    account_id: str | None = None
    ends_at: datetime | None = None


def handed_to_platform(row: NoticeRow) -> bool:
    return row.addressee == Addressee.PLATFORM.value or row.forwarded_at is not None


def notice_resource(row: NoticeRow) -> Resource:
    """Regulators reach a notice through its jurisdiction; its platform once it holds it."""
    platform = row.platform_id if handed_to_platform(row) else None
    return Resource(kind="notice", id=row.id, jurisdiction=row.jurisdiction, platform=platform)


def found_notice(uow: UnitOfWork, actor: Principal, notice_id: str, activity: Activity, *, lock: bool) -> NoticeRow:
    """The notice, when the actor may ``activity`` it; 404 when there is none, 403 otherwise."""
    row = uow.notices.notice(notice_id, lock=lock)
    if row is None:
        raise NotFoundError(f"no notice {notice_id!r}")
    require(actor, activity, notice_resource(row))
    return row


def answer_notice(
    uow: UnitOfWork,
    *,
    actor: Principal,
    notice_id: str,
    seq: int,
    answer: NoticeAnswer,
    policy: StatementPolicy,
    at: datetime,
) -> NoticeItemRow:
    notice = found_notice(uow, actor, notice_id, Activity.NOTICE_ANSWER, lock=True)
    item = uow.notices.item(notice.id, seq, lock=True)
    if item is None:
        raise NotFoundError(f"notice {notice.id} has no item {seq}")
    if item.outcome is not None:
        raise ConflictError(f"item {seq} of notice {notice.id} was already decided ({item.outcome})")
    reasons = _reasons(answer.reasons)
    if answer.acted:
        statement = _issue(uow, actor, notice, item, answer, policy, at)
        item.outcome, item.statement_id = ItemOutcome.ACTION_TAKEN.value, statement
    else:
        item.outcome = ItemOutcome.NO_ACTION.value
    item.outcome_reason, item.decided_at = reasons, at
    uow.session.flush()
    refresh_status(notice, uow.notices.items(notice.id), at=at)
    said = f"{actor.name} answered item {seq}: {item.outcome}"
    details: dict[str, Detail] = {"seq": seq, "outcome": item.outcome, "statement": item.statement_id}
    entry = Entry(actor=actor.actor, action="notice.answer", object=f"notice:{notice.id}", reason=said, details=details)
    record(uow, [entry], at=at)
    _note_case(uow, item.case_id, actor, f"{notice.platform_id} answered notice {notice.id} item {seq}: {reasons}", at)
    uow.commit()
    return item


def forward_notice(uow: UnitOfWork, *, actor: Principal, notice_id: str, reason: str, at: datetime) -> NoticeRow:
    notice = found_notice(uow, actor, notice_id, Activity.NOTICE_READ, lock=True)
    require(actor, Activity.CASE_WORK, Resource(kind="notice", id=notice.id, jurisdiction=notice.jurisdiction))
    why = _reasons(reason, field="reason")
    if notice.addressee != Addressee.REGULATOR.value:
        raise ConflictError(f"notice {notice.id} was addressed to {notice.platform_id} already")
    if notice.forwarded_at is not None:
        raise ConflictError(f"notice {notice.id} was already forwarded at {notice.forwarded_at.isoformat()}")
    if notice.status == NoticeStatus.DECIDED.value:
        raise ConflictError(f"notice {notice.id} is decided; there is nothing left for the platform to answer")
    notice.forwarded_at, notice.forwarded_by = at, actor.actor
    items = uow.notices.items(notice.id)
    refresh_status(notice, items, at=at)
    entry = Entry(actor=actor.actor, action="notice.forward", object=f"notice:{notice.id}", reason=why)
    record(uow, [entry], at=at)
    for case_id in sorted({item.case_id for item in items if item.case_id is not None}):
        _note_case(uow, case_id, actor, f"notice {notice.id} forwarded to {notice.platform_id}: {why}", at)
    uow.commit()
    return notice


def _issue(
    uow: UnitOfWork,
    actor: Principal,
    notice: NoticeRow,
    item: NoticeItemRow,
    answer: NoticeAnswer,
    policy: StatementPolicy,
    at: datetime,
) -> str:
    """The statement of reasons for acting on the item; its id."""
    content_id = (answer.content_id or item.content_id or "").strip()
    if not content_id:
        raise InvalidRequestError("content_id: the notice gave only a URL; say which content you acted on")
    if answer.measure is None or not answer.regulation or not answer.article:
        raise InvalidRequestError(
            "measure, regulation and article: acting on a notice cites the measure and its legal basis"
        )
    assert notice.platform_id is not None, "notices name their platform"
    statement = human_statement(
        regulations=policy.regulations,
        platform=notice.platform_id,
        content_id=content_id,
        measure=answer.measure,
        category=Category(notice.category),
        source=Source.TRUSTED_FLAGGER if notice.flagger_id else Source.NOTICE,
        regulation=answer.regulation,
        article=answer.article,
        facts=(answer.facts or answer.reasons).strip(),
        automated_detection=False,
        at=at,
        decision_id=f"{notice.id}/{item.seq}",
        duration_until=answer.ends_at,
        appeal_window_days=policy.appeal_window_days,
    )
    issued = IssuedStatement(
        statement=statement,
        decided_by=actor.actor,
        account_id=answer.account_id or item.account_id,
        decision_id=f"{notice.id}/{item.seq}",
        notice_id=notice.id,
        jurisdiction=notice.jurisdiction,
    )
    return issue_statement(uow, issued=issued, actor=actor.actor, at=at, strike_days=policy.strike_days).id


def _reasons(text: str, *, field: str = "reasons") -> str:
    reasons = text.strip()
    if not reasons:
        raise InvalidRequestError(f"{field}: give the reasons; the reporter is told them")
    if len(reasons) > REASONS_MAX:
        raise InvalidRequestError(f"{field}: at most {REASONS_MAX} characters, not {len(reasons)}")
    return reasons


def _note_case(uow: UnitOfWork, case_id: str | None, actor: Principal, why: str, at: datetime) -> None:
    case = uow.cases.case(case_id) if case_id is not None else None
    if case is not None:
        note(uow, case, kind="notice", action="case.notice", actor=actor, reason=why[:2000], at=at)
