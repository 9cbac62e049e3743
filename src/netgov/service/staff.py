"""Staff accounts: creation with role grants, and the principal a staff row stands for."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from netgov.errors import ConflictError, InvalidRequestError
from netgov.identity.authorization import Resource
from netgov.identity.principal import Grant, Principal, within
from netgov.identity.roles import Activity, Role
from netgov.identity.secrets import Passwords
from netgov.service.audit_trail import Entry, record
from netgov.service.permissions import require
from netgov.store.tables import GrantRow, StaffRow
from netgov.store.unit_of_work import UnitOfWork


def create_staff(
    uow: UnitOfWork,
    *,
    actor: Principal,
    username: str,
    display_name: str,
    password: str,
    grants: Sequence[Grant],
    passwords: Passwords,
    at: datetime,
    office: str | None = None,
    weekly_capacity: int = 20,
) -> StaffRow:
    """Create a staff account; ``actor`` must manage staff over every scope granted.

    ``office`` seats a regulator in an office whose jurisdiction one of their grants covers
    (else cases routed to them would be out of their sight); ``weekly_capacity`` is how many
    open cases routing gives them at most."""
    _check_grants(uow, actor, grants)
    check_seat(uow, grants, office=office, weekly_capacity=weekly_capacity)
    if uow.identity.staff_by_username(username) is not None:
        raise ConflictError(f"a staff account named {username!r} already exists")
    if len(password) < 10:
        raise InvalidRequestError("a password needs at least 10 characters")
    row = StaffRow(
        id=uuid.uuid4().hex,
        username=username,
        display_name=display_name,
        password_hash=passwords.hash(password),
        created_at=at,
        failed_sign_ins=0,
        disabled=False,
        office_id=office,
        weekly_capacity=weekly_capacity,
    )
    uow.identity.add(row)
    uow.identity.add(
        *(
            GrantRow(staff_id=row.id, role=g.role.value, jurisdiction_code=g.jurisdiction, platform_id=g.platform)
            for g in grants
        )
    )
    roles = ", ".join(g.describe() for g in grants)
    record(
        uow,
        [Entry(actor=actor.actor, action="staff.create", object=f"staff:{username}", reason=f"granted {roles}")],
        at=at,
    )
    return row


def _check_grants(uow: UnitOfWork, actor: Principal, grants: Sequence[Grant]) -> None:
    if not grants:
        # With no grant to check, anyone could open an account; one without roles belongs
        # to no subtree, so only administrators of the whole country may.
        require(actor, Activity.STAFF_MANAGE, Resource(kind="staff"))
    for grant in grants:
        _check_scope(uow, grant)
        require(
            actor,
            Activity.STAFF_MANAGE,
            Resource(kind="grant", jurisdiction=_seat(uow, grant), platform=grant.platform),
        )


def check_seat(uow: UnitOfWork, grants: Sequence[Grant], *, office: str | None, weekly_capacity: int) -> None:
    """Refuse an office the grants do not reach, or a capacity below zero."""
    if weekly_capacity < 0:
        raise InvalidRequestError(f"weekly capacity must be zero or more, not {weekly_capacity}")
    if office is None:
        return
    row = uow.places.office(office)
    if row is None:
        raise InvalidRequestError(f"no office {office!r}")
    seats = [g.jurisdiction for g in grants if not g.role.platform_scoped and g.jurisdiction]
    if not any(within(row.jurisdiction_code, seat) for seat in seats):
        raise InvalidRequestError(
            f"the office {office!r} is in {row.jurisdiction_code}, which none of the account's grants covers"
        )


def _check_scope(uow: UnitOfWork, grant: Grant) -> None:
    # Checked for the system principal too: a grant over nothing would sign in to no scope.
    if grant.role.platform_scoped:
        if grant.platform is None:
            raise InvalidRequestError(f"the role {grant.role.value} needs a platform")
        if uow.places.platform(grant.platform) is None:
            raise InvalidRequestError(f"no platform {grant.platform!r}")
        return
    if grant.jurisdiction is None:
        raise InvalidRequestError(f"the role {grant.role.value} needs a jurisdiction")
    if uow.places.jurisdiction(grant.jurisdiction) is None:
        raise InvalidRequestError(f"no jurisdiction {grant.jurisdiction!r}")


def _seat(uow: UnitOfWork, grant: Grant) -> str | None:
    if grant.jurisdiction is not None:
        return grant.jurisdiction
    platform = uow.places.platform(grant.platform or "")
    return platform.jurisdiction_code if platform else None


def principal_of(uow: UnitOfWork, staff: StaffRow) -> Principal:
    grants = tuple(
        Grant(role=Role(row.role), jurisdiction=row.jurisdiction_code, platform=row.platform_id)
        for row in uow.identity.grants_of(staff.id)
    )
    return Principal(kind="staff", id=staff.username, name=staff.display_name, grants=grants)
