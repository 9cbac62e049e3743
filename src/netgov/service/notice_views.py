"""Reading notices: staff and platforms list and open them; the public follows one by its code.

What each reader sees (``notice.read``): regulators the notices placed in their subtree;
platforms the notices addressed or forwarded to them. Who reported is personal data
(Art. 16(2)(c)): it is left out unless asked for with a reason, and then shown only to
readers who may read personal data (``decision.read_content``: not auditors) and, of the
platforms, only for notices addressed to them (they must confirm receipt and tell the
notifier their decision, Art. 16(4) and (5)); never for a notice a regulator forwarded,
since that reporter wrote to the regulator. Each such read is written to the audit log.

The public status (``notice_status``) says, per item, where it stands and, once decided,
the outcome with its reasons; nothing about other reporters and no personal data.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.governance.notices import Addressee, ItemOutcome, NoticeStatus
from netgov.governance.query_codes import lookup_hash
from netgov.identity.authorization import authorize, visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.appeal_views import PublicAppeal, appeal_of_item
from netgov.service.audit_trail import Entry, record
from netgov.service.notice_answers import found_notice, notice_resource
from netgov.service.notice_filing import item_receipt
from netgov.service.permissions import SYSTEM
from netgov.store.repositories.notices import NoticeCursor, NoticeFilter
from netgov.store.tables import NoticeItemRow, NoticeRow
from netgov.store.unit_of_work import UnitOfWork

MAX_PAGE = 200


class Reporter(msgspec.Struct, frozen=True, kw_only=True):
    name: str | None
    email: str | None


class NoticeView(msgspec.Struct, frozen=True, kw_only=True):
    row: NoticeRow
    items: list[NoticeItemRow]
    # Per case of an item: how many notice items it merges.
    reports: dict[str, int]
    flagger_name: str | None
    reporter: Reporter | None = None


class NoticePage(msgspec.Struct, frozen=True, kw_only=True):
    views: list[NoticeView]
    next: NoticeCursor | None
    total: int


class PublicItem(msgspec.Struct, frozen=True, kw_only=True):
    seq: int
    location: str
    status: str
    outcome: str | None
    reasons: str | None
    decided_at: datetime | None
    statement_issued: bool
    # A decision not to act may be appealed by the notifier (Art. 20(1)), once.
    appealable: bool
    appeal: PublicAppeal | None = None


class PublicStatus(msgspec.Struct, frozen=True, kw_only=True):
    status: NoticeStatus
    submitted_at: datetime
    platform: str | None
    category: str
    items: list[PublicItem]


def list_notices(
    uow: UnitOfWork, actor: Principal, where: NoticeFilter, *, after: NoticeCursor | None, limit: int
) -> NoticePage:
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidRequestError(f"limit: between 1 and {MAX_PAGE}")
    # The operator at the machine (``SYSTEM``) holds no grants and sees every notice.
    scope = None if actor is SYSTEM else visible_scope(actor, Activity.NOTICE_READ)
    rows = uow.notices.page(scope, where, after=after, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    views = _views(uow, rows)
    cursor = NoticeCursor(rows[-1].submitted_at, rows[-1].id) if more else None
    return NoticePage(views=views, next=cursor, total=uow.notices.count(scope, where))


def get_notice(
    uow: UnitOfWork, actor: Principal, notice_id: str, *, reporter_reason: str | None = None, at: datetime
) -> NoticeView:
    """One notice with its items; with ``reporter_reason``, who reported it (audited, committed)."""
    row = found_notice(uow, actor, notice_id, Activity.NOTICE_READ, lock=False)
    (view,) = _views(uow, [row])
    if reporter_reason is None:
        return view
    return msgspec.structs.replace(view, reporter=_reporter(uow, actor, row, reporter_reason, at=at))


def notice_status(uow: UnitOfWork, code: str) -> PublicStatus:
    """What the holder of the query code may see; 404 alike for an unknown and a malformed code."""
    row = uow.notices.by_code_hash(lookup_hash(code))
    if row is None:
        raise NotFoundError("no notice has this query code; check it against your receipt")
    return PublicStatus(
        status=NoticeStatus(row.status),
        submitted_at=row.submitted_at,
        platform=row.platform_id,
        category=row.category,
        items=[_public_item(row, item, appeal_of_item(uow, row.id, item.seq)) for item in uow.notices.items(row.id)],
    )


def _views(uow: UnitOfWork, rows: list[NoticeRow]) -> list[NoticeView]:
    items = uow.notices.items_of([row.id for row in rows])
    cases = sorted({item.case_id for found in items.values() for item in found if item.case_id is not None})
    reports = uow.notices.reports_on_case(cases) if cases else {}
    names: dict[str, str] = {}
    for flagger_id in sorted({row.flagger_id for row in rows if row.flagger_id is not None}):
        flagger = uow.notices.flagger(flagger_id)
        if flagger is not None:
            names[flagger_id] = flagger.name
    return [
        NoticeView(
            row=row,
            items=items[row.id],
            reports={c: reports[c] for c in {i.case_id for i in items[row.id]} if c is not None and c in reports},
            flagger_name=names.get(row.flagger_id) if row.flagger_id is not None else None,
        )
        for row in rows
    ]


def _reporter(uow: UnitOfWork, actor: Principal, row: NoticeRow, reason: str, *, at: datetime) -> Reporter:
    why = reason.strip()
    if not why:
        raise InvalidRequestError("reason: reading who reported a notice needs a reason; it goes into the audit log")
    permission = authorize(actor, Activity.DECISION_READ_CONTENT, notice_resource(row))
    if actor is not SYSTEM and not permission:
        raise PermissionDeniedError(f"who reported is personal data: {permission.reason}")
    platform_side = any(grant.role.platform_scoped for grant in actor.grants)
    if platform_side and row.addressee != Addressee.PLATFORM.value:
        raise PermissionDeniedError(
            "the reporter wrote to the regulator, not to the platform: their name and email stay with the regulator"
        )
    entry = Entry(actor=actor.actor, action="notice.read_reporter", object=f"notice:{row.id}", reason=why[:2000])
    record(uow, [entry], at=at)
    uow.commit()
    return Reporter(name=row.reporter_name, email=row.reporter_email)


def _public_item(notice: NoticeRow, item: NoticeItemRow, appeal: PublicAppeal | None) -> PublicItem:
    receipt = item_receipt(notice, item)
    decided = item.outcome is not None
    return PublicItem(
        seq=item.seq,
        location=item.url or item.content_id or item.target,
        status=receipt.status,
        outcome=item.outcome,
        reasons=item.outcome_reason if decided else None,
        decided_at=item.decided_at,
        statement_issued=item.statement_id is not None,
        appealable=item.outcome == ItemOutcome.NO_ACTION.value and appeal is None,
        appeal=appeal,
    )


class Choice(msgspec.Struct, frozen=True, kw_only=True):
    value: str
    label: str


class ReportChoices(msgspec.Struct, frozen=True, kw_only=True):
    """What the public reporting form offers: the platforms and the places one may name."""

    platforms: list[Choice]
    jurisdictions: list[Choice]
    categories: list[Choice]


def report_choices(uow: UnitOfWork) -> ReportChoices:
    return ReportChoices(
        platforms=[Choice(value=p.id, label=p.name) for p in sorted(uow.places.platforms(), key=lambda p: p.name)],
        jurisdictions=[Choice(value=j.code, label=f"{j.name} ({j.code})") for j in uow.places.active_jurisdictions()],
        categories=[Choice(value=c.value, label=c.value.replace("_", " ").capitalize()) for c in Category],
    )
