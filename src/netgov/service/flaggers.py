"""Trusted flaggers (DSA Art. 22): an office awards the status, revokes it, and everyone who
reads notices sees each flagger's accuracy.

    granted = grant_flagger(uow, actor=supervisor, grant=FlaggerGrant(...), office=None, at=now)
    granted.key            # "ngf_…": shown once; the flagger sends it as `Authorization: Bearer`

Granting and revoking need ``flagger.manage`` over the granting office's jurisdiction (a
supervisor or an administrator there). The list of flaggers is public under Art. 22(5), so
anyone who may read notices sees all of them; a flagger's contact only those who may manage
it. Each step is audited (``flagger.grant``, ``flagger.revoke``) and committed here.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime

import msgspec

from netgov.core.taxonomy import Category
from netgov.errors import (
    ConflictError,
    InvalidRequestError,
    NotAuthenticatedError,
    NotFoundError,
    PermissionDeniedError,
)
from netgov.governance.flaggers import Accuracy, FlaggerGrant, FlaggerStatus, check_grant, flagger_status
from netgov.identity.authorization import Resource, authorize, visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.audit_trail import Entry, record
from netgov.service.permissions import SYSTEM, require
from netgov.store.repositories.notices import Tally
from netgov.store.tables import OfficeRow, TrustedFlaggerRow
from netgov.store.unit_of_work import UnitOfWork

KEY_PREFIX = "ngf"
REASON_MAX = 2000


class FlaggerView(msgspec.Struct, frozen=True, kw_only=True):
    row: TrustedFlaggerRow
    status: FlaggerStatus
    expertise: tuple[Category, ...]
    accuracy: Accuracy
    # The contact, for those who may manage the flagger; None for everyone else.
    contact: str | None


class Granted(msgspec.Struct, frozen=True, kw_only=True):
    flagger: FlaggerView
    key: str  # shown once: only its SHA-256 is stored


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def grant_flagger(
    uow: UnitOfWork, *, actor: Principal, grant: FlaggerGrant, office: str | None, at: datetime
) -> Granted:
    """Award the status for the office (default: the one the actor sits in) and commit."""
    if actor is not SYSTEM and visible_scope(actor, Activity.FLAGGER_MANAGE).empty:
        # Refused before the request is looked at: who may not grant anywhere learns just that.
        raise PermissionDeniedError(f"{actor.name} holds no role that may {Activity.FLAGGER_MANAGE.value}")
    granting = _office(uow, actor, office)
    require(actor, Activity.FLAGGER_MANAGE, _resource(granting))
    checked = check_grant(grant, at=at)
    key = f"{KEY_PREFIX}_{secrets.token_urlsafe(32)}"
    row = TrustedFlaggerRow(
        id=f"tf_{uuid.uuid4().hex[:26]}",
        name=checked.name,
        office_id=granting.id,
        expertise=msgspec.json.encode([c.value for c in checked.expertise]).decode(),
        contact=checked.contact,
        key_hash=key_hash(key),
        granted_by=actor.actor,
        granted_at=at,
        expires_at=checked.expires_at,
    )
    uow.notices.add(row)
    uow.session.flush()
    reason = f"trusted-flagger status for {row.name} until {row.expires_at.isoformat()}"
    details = {"office": granting.id, "expertise": " ".join(c.value for c in checked.expertise)}
    entry = Entry(actor=actor.actor, action="flagger.grant", object=f"flagger:{row.id}", reason=reason, details=details)
    record(uow, [entry], at=at)
    uow.commit()
    return Granted(flagger=_one(uow, actor, row, at=at), key=key)


def revoke_flagger(uow: UnitOfWork, *, actor: Principal, flagger_id: str, reason: str, at: datetime) -> FlaggerView:
    """End the status now, with a reason (kept, and told to whoever sends the key again)."""
    row = uow.notices.flagger(flagger_id, lock=True)
    if row is None:
        raise NotFoundError(f"no trusted flagger {flagger_id!r}")
    require(actor, Activity.FLAGGER_MANAGE, _resource(_granting_office(uow, row)))
    why = reason.strip()
    if not why:
        raise InvalidRequestError("reason: say why the status is revoked; the flagger is told")
    if len(why) > REASON_MAX:
        raise InvalidRequestError(f"reason: at most {REASON_MAX} characters, not {len(why)}")
    if row.revoked_at is not None:
        raise ConflictError(f"trusted flagger {row.id} was already revoked at {row.revoked_at.isoformat()}")
    row.revoked_at, row.revoked_by, row.revocation_reason = at, actor.actor, why
    record(uow, [Entry(actor=actor.actor, action="flagger.revoke", object=f"flagger:{row.id}", reason=why)], at=at)
    uow.commit()
    return _one(uow, actor, row, at=at)


def list_flaggers(uow: UnitOfWork, *, actor: Principal, at: datetime) -> list[FlaggerView]:
    """Every trusted flagger with its status and accuracy, newest award first."""
    if actor is not SYSTEM and not _may_list(actor):
        raise PermissionDeniedError(f"{actor.name} holds no role that may {Activity.NOTICE_READ.value}")
    rows = uow.notices.flaggers(None)
    tallies = uow.notices.flagger_tallies([row.id for row in rows])
    offices = {office.id: office for office in uow.places.offices()}
    return [_view(actor, row, at=at, tally=tallies.get(row.id), office=offices[row.office_id]) for row in rows]


def get_flagger(uow: UnitOfWork, *, actor: Principal, flagger_id: str, at: datetime) -> FlaggerView:
    if actor is not SYSTEM and not _may_list(actor):
        raise PermissionDeniedError(f"{actor.name} holds no role that may {Activity.NOTICE_READ.value}")
    row = uow.notices.flagger(flagger_id)
    if row is None:
        raise NotFoundError(f"no trusted flagger {flagger_id!r}")
    return _one(uow, actor, row, at=at)


def authenticate_flagger(uow: UnitOfWork, key: str, *, at: datetime) -> TrustedFlaggerRow:
    """The flagger whose submission key this is: 401 for no flagger's key, 403 with the reason
    for a key whose status expired or was revoked."""
    row = uow.notices.flagger_by_key(key_hash(key)) if key.startswith(f"{KEY_PREFIX}_") else None
    if row is None:
        raise NotAuthenticatedError(
            "the bearer token is not a trusted flagger's submission key; file without it, or ask your office"
        )
    status = flagger_status(expires_at=row.expires_at, revoked_at=row.revoked_at, at=at)
    if status is FlaggerStatus.REVOKED:
        assert row.revoked_at is not None
        raise PermissionDeniedError(
            f"the trusted-flagger status of {row.name} was revoked on {row.revoked_at:%Y-%m-%d}: "
            f"{row.revocation_reason}; file without the key, as anyone may"
        )
    if status is FlaggerStatus.EXPIRED:
        raise PermissionDeniedError(
            f"the trusted-flagger status of {row.name} expired on {row.expires_at:%Y-%m-%d}; "
            "ask the office that granted it to renew it, or file without the key"
        )
    return row


def expertise_of(row: TrustedFlaggerRow) -> tuple[Category, ...]:
    return tuple(Category(value) for value in msgspec.json.decode(row.expertise, type=list[str]))


def _one(uow: UnitOfWork, actor: Principal, row: TrustedFlaggerRow, *, at: datetime) -> FlaggerView:
    tally = uow.notices.flagger_tallies([row.id]).get(row.id)
    return _view(actor, row, at=at, tally=tally, office=_granting_office(uow, row))


def accuracy_of(tally: Tally | None) -> Accuracy:
    """A flagger's accuracy from its notice tally; no tally, no notices yet."""
    if tally is None:
        return Accuracy(notices=0, decided=0, upheld=0)
    return Accuracy(notices=tally.notices, decided=tally.decided, upheld=tally.upheld)


def _view(
    actor: Principal, row: TrustedFlaggerRow, *, at: datetime, tally: Tally | None, office: OfficeRow
) -> FlaggerView:
    accuracy = accuracy_of(tally)
    manages = actor is SYSTEM or bool(authorize(actor, Activity.FLAGGER_MANAGE, _resource(office)))
    return FlaggerView(
        row=row,
        status=flagger_status(expires_at=row.expires_at, revoked_at=row.revoked_at, at=at),
        expertise=expertise_of(row),
        accuracy=accuracy,
        contact=row.contact if manages else None,
    )


def _may_list(actor: Principal) -> bool:
    return any(not visible_scope(actor, activity).empty for activity in (Activity.NOTICE_READ, Activity.FLAGGER_MANAGE))


def _resource(office: OfficeRow) -> Resource:
    return Resource(kind="trusted_flagger", jurisdiction=office.jurisdiction_code)


def _granting_office(uow: UnitOfWork, row: TrustedFlaggerRow) -> OfficeRow:
    office = uow.places.office(row.office_id)
    assert office is not None, "trusted_flaggers.office_id is a foreign key"
    return office


def _office(uow: UnitOfWork, actor: Principal, office_id: str | None) -> OfficeRow:
    if office_id is None:
        staff = uow.identity.staff_by_username(actor.id) if actor.kind == "staff" else None
        office_id = staff.office_id if staff else None
        if office_id is None:
            raise InvalidRequestError("office: you sit in no office; name the office that grants the status")
    office = uow.places.office(office_id)
    if office is None:
        raise InvalidRequestError(f"office: no office {office_id!r}")
    return office
