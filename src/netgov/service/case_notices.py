"""The notices a report case merges, as its reviewers read them on the case page.

    shown = case_notices(uow, principal=officer, case_id="case_…", at=now)
    shown.items, shown.notices[0].flagger.accuracy.share, shown.brigade_reasons

Whoever may read the case (``case.read``) reads what the reporters said: when, in which
category, why the content is illegal, the exact locations, which trusted flagger sent it
and how often that flagger is right, and whether an item was flagged as part of a possible
brigade, with the reason the brigade rule gave. A brigade flag hides nothing: every notice
is listed whatever its flag. Who reported (name, email) is never here; a reader who may
read it asks for it with a reason (``notice_views.get_notice``), and ``reporter_readable``
says per notice whether the form to ask is worth showing.
"""

from __future__ import annotations

from datetime import datetime

import msgspec
from sqlalchemy import select

from netgov.governance.cases import CaseSource
from netgov.governance.flaggers import Accuracy, FlaggerStatus, flagger_status
from netgov.identity.authorization import authorize
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.case_routing import case_resource
from netgov.service.case_timeline import found_case
from netgov.service.flaggers import accuracy_of
from netgov.service.notice_answers import notice_resource
from netgov.service.notice_brigades import SIGNAL_KIND
from netgov.service.permissions import SYSTEM, require
from netgov.store.repositories.notices import Tally
from netgov.store.tables import NoticeItemRow, NoticeRow, TrustedFlaggerRow
from netgov.store.unit_of_work import UnitOfWork

# A brigade can bring hundreds of notices: the page lists the first ones and says how many more.
SHOWN_MAX = 100


class FlaggerOnNotice(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    status: FlaggerStatus
    accuracy: Accuracy


class ItemOnNotice(msgspec.Struct, frozen=True, kw_only=True):
    seq: int
    url: str | None
    content_id: str | None
    account_id: str | None
    brigade: bool
    # The notice may name other content too, merged into other cases.
    on_this_case: bool
    case_id: str | None
    outcome: str | None


class NoticeOnCase(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    submitted_at: datetime
    category: str
    explanation: str
    good_faith: bool
    status: str
    flagger: FlaggerOnNotice | None
    items: list[ItemOnNotice]
    # Whether the reporter left a name or an email, and whether this reader may ask to see it.
    reporter_given: bool
    reporter_readable: bool

    @property
    def brigade(self) -> bool:
        return any(item.brigade for item in self.items if item.on_this_case)


class CaseNotices(msgspec.Struct, frozen=True, kw_only=True):
    """The notices on one case, oldest first, at most ``SHOWN_MAX`` of them."""

    items: int  # notice items the case merges (a notice naming the content twice counts twice)
    total: int  # distinct notices
    notices: list[NoticeOnCase]
    # What the brigade rule said each time it fired on the case (its timeline lines).
    brigade_reasons: list[str]

    @property
    def brigade(self) -> bool:
        return bool(self.brigade_reasons) or any(notice.brigade for notice in self.notices)


def case_notices(uow: UnitOfWork, *, principal: Principal, case_id: str, at: datetime) -> CaseNotices | None:
    """The notices of the case, when ``principal`` may read it; None for a case not from reports."""
    case, office = found_case(uow, case_id, lock=False)
    require(principal, Activity.CASE_READ, case_resource(office, case.id))
    if case.source != CaseSource.REPORT.value:
        return None
    on_case = uow.notices.items_of_case(case.id)
    notice_ids = list(dict.fromkeys(item.notice_id for item in on_case))
    shown_ids = notice_ids[:SHOWN_MAX]
    found = {row.id: row for row in uow.session.scalars(select(NoticeRow).where(NoticeRow.id.in_(shown_ids)))}
    rows = [found[notice_id] for notice_id in shown_ids if notice_id in found]
    items = uow.notices.items_of(shown_ids)
    flaggers = _flaggers(uow, rows, at=at)
    return CaseNotices(
        items=len(on_case),
        total=len(notice_ids),
        notices=[_notice(principal, row, items[row.id], case.id, flaggers) for row in rows],
        brigade_reasons=[event.reason for event in uow.cases.events(case.id) if event.kind == SIGNAL_KIND],
    )


def _notice(
    principal: Principal,
    row: NoticeRow,
    items: list[NoticeItemRow],
    case_id: str,
    flaggers: dict[str, FlaggerOnNotice],
) -> NoticeOnCase:
    return NoticeOnCase(
        id=row.id,
        submitted_at=row.submitted_at,
        category=row.category,
        explanation=row.explanation,
        good_faith=row.good_faith,
        status=row.status,
        flagger=flaggers.get(row.flagger_id) if row.flagger_id is not None else None,
        items=[_item(item, case_id) for item in items],
        reporter_given=bool(row.reporter_name or row.reporter_email),
        reporter_readable=reporter_readable(principal, row),
    )


def _item(item: NoticeItemRow, case_id: str) -> ItemOnNotice:
    return ItemOnNotice(
        seq=item.seq,
        url=item.url,
        content_id=item.content_id,
        account_id=item.account_id,
        brigade=item.brigade,
        on_this_case=item.case_id == case_id,
        case_id=item.case_id,
        outcome=item.outcome,
    )


def reporter_readable(principal: Principal, row: NoticeRow) -> bool:
    """Whether ``notice_views.get_notice`` would show ``principal`` who reported, given a reason:
    it reads the notice (``notice.read``) and may read personal data (``decision.read_content``)."""
    if principal is SYSTEM:
        return True
    where = notice_resource(row)
    return bool(authorize(principal, Activity.NOTICE_READ, where)) and bool(
        authorize(principal, Activity.DECISION_READ_CONTENT, where)
    )


def _flaggers(uow: UnitOfWork, rows: list[NoticeRow], *, at: datetime) -> dict[str, FlaggerOnNotice]:
    ids = sorted({row.flagger_id for row in rows if row.flagger_id is not None})
    tallies = uow.notices.flagger_tallies(ids)
    found: dict[str, FlaggerOnNotice] = {}
    for flagger_id in ids:
        flagger = uow.notices.flagger(flagger_id)
        if flagger is not None:
            found[flagger_id] = _flagger(flagger, tallies.get(flagger_id), at=at)
    return found


def _flagger(row: TrustedFlaggerRow, tally: Tally | None, *, at: datetime) -> FlaggerOnNotice:
    return FlaggerOnNotice(
        id=row.id,
        name=row.name,
        status=flagger_status(expires_at=row.expires_at, revoked_at=row.revoked_at, at=at),
        accuracy=accuracy_of(tally),
    )
