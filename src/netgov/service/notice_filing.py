"""Filing a notice (DSA Art. 16): checked, limited, stored, routed, and answered with a receipt.

    receipt = file_notice(uow, draft=NoticeDraft(...), filer=Filer(address="203.0.113.5"),
                          gate=runtime.notice_gate, rulebook=runtime.rulebook, at=now)
    receipt.query_code     # shown once: the reporter follows the notice with it

Anyone may file, without an account; a trusted flagger sends its submission key. In order:
the flagger's key is checked (401 unknown, 403 expired or revoked); anyone else is counted
against the limit of their network address; the notice is checked (422 naming each field);
the reporter is counted against their own limit (429 with Retry-After). Then the notice is
stored and, when addressed to a regulator, each item opens or joins a case
(``notice_cases``); the brigade rule runs (``notice_brigades``); it commits here.

The audit log records the filing without personal data: who filed is "public" or the
flagger, never a name, an email or an address.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from netgov.core.rulebook.model import Rulebook
from netgov.errors import InvalidRequestError, NotAuthenticatedError, PermissionDeniedError
from netgov.governance.flaggers import within_expertise
from netgov.governance.notices import (
    Addressee,
    CheckedItem,
    NoticeDraft,
    NoticeStatus,
    check_notice,
    notice_status,
)
from netgov.governance.query_codes import code_hash, new_query_code
from netgov.identity.principal import Principal
from netgov.service.audit_trail import Detail, Entry, record
from netgov.service.flaggers import authenticate_flagger, expertise_of
from netgov.service.notice_brigades import flag_brigades
from netgov.service.notice_cases import Casework, open_item_cases
from netgov.service.notice_gate import NoticeGate
from netgov.store.tables import NoticeItemRow, NoticeRow, PlatformRow, TrustedFlaggerRow
from netgov.store.unit_of_work import UnitOfWork

PUBLIC = Principal(kind="public", id="reporter", name="a member of the public")


class Filer(msgspec.Struct, frozen=True, kw_only=True):
    address: str  # the client's network address, as the server saw it
    flagger_key: str | None = None


class ItemReceipt(msgspec.Struct, frozen=True, kw_only=True):
    seq: int
    status: str  # received, forwarded, in_review, decided
    outcome: str | None
    brigade: bool
    message: str


class Receipt(msgspec.Struct, frozen=True, kw_only=True):
    notice_id: str
    query_code: str
    status: NoticeStatus
    submitted_at: datetime
    trusted_flagger: bool
    items: tuple[ItemReceipt, ...]


def file_notice(
    uow: UnitOfWork, *, draft: NoticeDraft, filer: Filer, gate: NoticeGate, rulebook: Rulebook, at: datetime
) -> Receipt:
    flagger = _flagger(uow, gate, filer, at)
    if flagger is None:
        gate.admit_address(filer.address, at=at)
    checked = check_notice(draft, max_items=gate.max_items)
    platform = _platform(uow, draft.platform)
    jurisdiction = _place(uow, draft, platform)
    reporter = _reporter(gate, draft, filer, flagger, at=at)
    code = new_query_code()
    notice = _notice_row(draft, code=code, platform=platform, jurisdiction=jurisdiction, reporter=reporter, at=at)
    notice.flagger_id = flagger.id if flagger is not None else None
    items = _store(uow, notice, checked, at=at)
    trusted = flagger is not None and within_expertise(expertise_of(flagger), draft.category)
    filed_by = _principal(flagger)
    _audit(uow, notice, len(items), filed_by, at)
    if draft.addressee is Addressee.REGULATOR:
        work = Casework(reporter=filed_by, trusted=trusted)
        open_item_cases(uow, notice=notice, items=items, work=work, rulebook=rulebook, at=at)
    flag_brigades(uow, platform_id=platform.id, items=items, rule=gate.brigade, at=at)
    refresh_status(notice, items, at=at)
    uow.commit()
    return Receipt(
        notice_id=notice.id,
        query_code=code,
        status=NoticeStatus(notice.status),
        submitted_at=at,
        trusted_flagger=trusted,
        items=tuple(item_receipt(notice, item) for item in items),
    )


def refresh_status(notice: NoticeRow, items: list[NoticeItemRow], *, at: datetime) -> None:
    """Set the notice's status from its items (decided once each has an outcome)."""
    status = notice_status(
        outcomes=[item.outcome for item in items],
        in_review=any(item.case_id is not None for item in items),
        forwarded=notice.forwarded_at is not None,
    )
    if status.value != notice.status:
        notice.status = status.value
        notice.updated_at = at
    if status is NoticeStatus.DECIDED and notice.decided_at is None:
        notice.decided_at = max((item.decided_at for item in items if item.decided_at is not None), default=at)


def item_receipt(notice: NoticeRow, item: NoticeItemRow) -> ItemReceipt:
    """What the reporter is told about one item, in words."""
    if item.outcome is not None:
        status, message = NoticeStatus.DECIDED.value, item.outcome_reason or item.outcome.replace("_", " ")
    elif item.case_id is not None:
        status, message = NoticeStatus.IN_REVIEW.value, "a regulator office is reviewing this content"
    elif notice.forwarded_at is not None:
        status, message = NoticeStatus.FORWARDED.value, f"forwarded to {notice.platform_id}, which must answer it"
    else:
        status, message = NoticeStatus.RECEIVED.value, f"sent to {notice.platform_id}, which must answer it"
    return ItemReceipt(seq=item.seq, status=status, outcome=item.outcome, brigade=item.brigade, message=message)


def _flagger(uow: UnitOfWork, gate: NoticeGate, filer: Filer, at: datetime) -> TrustedFlaggerRow | None:
    if filer.flagger_key is None:
        return None
    try:
        return authenticate_flagger(uow, filer.flagger_key, at=at)
    except (NotAuthenticatedError, PermissionDeniedError):
        gate.admit_address(filer.address, at=at)  # guessing keys counts against the address
        raise


def _reporter(
    gate: NoticeGate, draft: NoticeDraft, filer: Filer, flagger: TrustedFlaggerRow | None, *, at: datetime
) -> str:
    """The reporter's key; anyone but a trusted flagger is counted against their own limit."""
    if flagger is not None:
        return gate.flagger_key(flagger.id)
    reporter = gate.reporter_key(email=draft.reporter_email, address=filer.address)
    gate.admit_reporter(reporter, at=at)
    return reporter


def _store(
    uow: UnitOfWork, notice: NoticeRow, checked: tuple[CheckedItem, ...], *, at: datetime
) -> list[NoticeItemRow]:
    items = [_item_row(notice, item, at) for item in checked]
    uow.notices.add(notice)
    uow.session.flush()  # the notice before its items: they name it by foreign key
    uow.notices.add(*items)
    uow.session.flush()
    return items


def _platform(uow: UnitOfWork, platform_id: str) -> PlatformRow:
    platform = uow.places.platform(platform_id.strip())
    if platform is None:
        raise InvalidRequestError(f"platform: no platform {platform_id!r} is registered here")
    return platform


def _place(uow: UnitOfWork, draft: NoticeDraft, platform: PlatformRow) -> str | None:
    """Where the content is said to be illegal: as named, else the platform's seat."""
    if draft.jurisdiction is not None and draft.jurisdiction.strip():
        code = draft.jurisdiction.strip()
        if uow.places.jurisdiction(code) is None:
            raise InvalidRequestError(f"jurisdiction: no jurisdiction {code!r}")
        return code
    if draft.addressee is Addressee.REGULATOR and platform.jurisdiction_code is None:
        raise InvalidRequestError(
            f"jurisdiction: {platform.id} has no seat here; name the jurisdiction where the content is illegal"
        )
    return platform.jurisdiction_code


def _notice_row(
    draft: NoticeDraft, *, code: str, platform: PlatformRow, jurisdiction: str | None, reporter: str, at: datetime
) -> NoticeRow:
    name = (draft.reporter_name or "").strip() or None
    email = (draft.reporter_email or "").strip() or None
    return NoticeRow(
        id=f"ntc_{uuid.uuid4().hex[:26]}",
        query_code_hash=code_hash(code),
        addressee=draft.addressee.value,
        platform_id=platform.id,
        jurisdiction=jurisdiction,
        category=draft.category.value,
        explanation=draft.explanation.strip(),
        good_faith=draft.good_faith,
        reporter_name=name,
        reporter_email=email,
        reporter_key=reporter,
        status=NoticeStatus.RECEIVED.value,
        submitted_at=at,
        updated_at=at,
    )


def _item_row(notice: NoticeRow, item: CheckedItem, at: datetime) -> NoticeItemRow:
    return NoticeItemRow(
        notice_id=notice.id,
        seq=item.seq,
        url=item.url,
        platform_id=notice.platform_id,
        content_id=item.content_id,
        account_id=item.account_id,
        target=item.target,
        submitted_at=at,
        brigade=False,
    )


def _principal(flagger: TrustedFlaggerRow | None) -> Principal:
    if flagger is None:
        return PUBLIC
    return Principal(kind="flagger", id=flagger.id, name=flagger.name)


def _audit(uow: UnitOfWork, notice: NoticeRow, items: int, filed_by: Principal, at: datetime) -> None:
    reason = f"notice to the {notice.addressee} about {items} item(s) on {notice.platform_id}"
    details: dict[str, Detail] = {"platform": notice.platform_id, "category": notice.category, "items": items}
    subject = f"notice:{notice.id}"
    entry = Entry(actor=filed_by.actor, action="notice.file", object=subject, reason=reason, details=details)
    record(uow, [entry], at=at)
