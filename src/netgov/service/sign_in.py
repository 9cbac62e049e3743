"""Signing in and out of the console: passwords, lockout and server-side sessions."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import msgspec

from netgov.errors import LockedOutError, NotAuthenticatedError
from netgov.identity.lockout import LockoutPolicy
from netgov.identity.principal import Principal
from netgov.identity.secrets import Passwords, digest_token, new_session_token
from netgov.service.audit_trail import Entry, record
from netgov.service.staff import principal_of
from netgov.store.tables import StaffRow, WebSessionRow
from netgov.store.unit_of_work import UnitOfWork

_REFUSED = "the username or password is wrong"


class SignedIn(msgspec.Struct, frozen=True, kw_only=True):
    token: str
    csrf_token: str
    expires_at: datetime
    principal: Principal


class ActiveSession(msgspec.Struct, frozen=True, kw_only=True):
    principal: Principal
    csrf_token: str
    expires_at: datetime


def sign_in(
    uow: UnitOfWork,
    *,
    username: str,
    password: str,
    passwords: Passwords,
    policy: LockoutPolicy,
    lifetime: timedelta,
    at: datetime,
) -> SignedIn:
    """Check the password and open a session; failures are counted and committed before raising."""
    # Locked: simultaneous failures must each count, or parallel guesses outrun the lockout.
    staff = uow.identity.staff_by_username(username, lock=True)
    if staff is None or staff.disabled:
        passwords.dummy_verify(password)
        raise NotAuthenticatedError(_REFUSED)
    if policy.locked(staff.locked_until, at):
        raise LockedOutError(f"too many failed sign-ins; try again after {staff.locked_until:%H:%M} UTC")
    if not passwords.verify(staff.password_hash, password):
        _fail(uow, staff, policy, at)
        raise NotAuthenticatedError(_REFUSED)
    staff.failed_sign_ins = 0
    # Sessions that ran out are deleted here, so the table holds only live ones.
    uow.identity.purge_sessions(at)
    token, csrf = new_session_token(), secrets.token_hex(32)
    expires = at + lifetime
    uow.identity.add(
        WebSessionRow(
            token_digest=digest_token(token), staff_id=staff.id, csrf_token=csrf, created_at=at, expires_at=expires
        )
    )
    principal = principal_of(uow, staff)
    record(
        uow, [Entry(actor=principal.actor, action="staff.sign_in", object=principal.actor, reason="password")], at=at
    )
    uow.commit()
    return SignedIn(token=token, csrf_token=csrf, expires_at=expires, principal=principal)


def _fail(uow: UnitOfWork, staff: StaffRow, policy: LockoutPolicy, at: datetime) -> None:
    staff.failed_sign_ins, staff.locked_until = policy.after_failure(staff.failed_sign_ins, at)
    action = "staff.locked_out" if staff.locked_until else "staff.sign_in_failed"
    reason = f"locked until {staff.locked_until.isoformat()}" if staff.locked_until else "wrong password"
    record(
        uow,
        [Entry(actor=f"staff:{staff.username}", action=action, object=f"staff:{staff.username}", reason=reason)],
        at=at,
    )
    uow.commit()


def active_session(uow: UnitOfWork, token: str, *, at: datetime) -> ActiveSession | None:
    row = uow.identity.session(digest_token(token))
    if row is None or row.expires_at <= at:
        return None
    staff = uow.identity.staff(row.staff_id)
    if staff is None or staff.disabled:
        return None
    return ActiveSession(principal=principal_of(uow, staff), csrf_token=row.csrf_token, expires_at=row.expires_at)


def sign_out(uow: UnitOfWork, token: str, *, principal: Principal, at: datetime) -> None:
    uow.identity.end_session(digest_token(token))
    record(
        uow, [Entry(actor=principal.actor, action="staff.sign_out", object=principal.actor, reason="signed out")], at=at
    )
    uow.commit()
