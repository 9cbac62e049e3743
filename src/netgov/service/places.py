"""Creating the places things belong to: jurisdictions, regulator offices, platforms."""

from __future__ import annotations

from datetime import datetime

from netgov.errors import ConflictError, InvalidRequestError
from netgov.identity.authorization import Resource
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.audit_trail import Entry, record
from netgov.service.permissions import require
from netgov.store.tables import JurisdictionRow, OfficeRow, PlatformRow
from netgov.store.unit_of_work import UnitOfWork

LEVELS = ("national", "provincial", "city", "county")


def add_jurisdiction(
    uow: UnitOfWork, *, actor: Principal, code: str, name: str, level: str, parent: str | None, at: datetime
) -> None:
    if level not in LEVELS:
        raise InvalidRequestError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    # A new node is managed from its parent: a root needs a grant with no jurisdiction to
    # cover, which only the system principal (the operator) has.
    require(actor, Activity.JURISDICTION_MANAGE, Resource(kind="jurisdiction", id=code, jurisdiction=parent or code))
    if parent is not None and uow.places.jurisdiction(parent) is None:
        raise InvalidRequestError(f"the parent jurisdiction {parent!r} does not exist")
    if parent is not None and not code.startswith(parent + "."):
        raise InvalidRequestError(f"a jurisdiction's code starts with its parent's: {parent}.…, not {code!r}")
    if uow.places.jurisdiction(code) is not None:
        raise ConflictError(f"the jurisdiction {code!r} exists")
    uow.places.add(JurisdictionRow(code=code, name=name, level=level, parent_code=parent))
    _audit(uow, actor, "jurisdiction.create", f"jurisdiction:{code}", name, at)


def add_office(
    uow: UnitOfWork, *, actor: Principal, office_id: str, name: str, jurisdiction: str, at: datetime
) -> None:
    if uow.places.jurisdiction(jurisdiction) is None:
        raise InvalidRequestError(f"no jurisdiction {jurisdiction!r}")
    require(actor, Activity.JURISDICTION_MANAGE, Resource(kind="office", id=office_id, jurisdiction=jurisdiction))
    if uow.places.office(office_id) is not None:
        raise ConflictError(f"the office {office_id!r} exists")
    uow.places.add(OfficeRow(id=office_id, name=name, jurisdiction_code=jurisdiction))
    _audit(uow, actor, "office.create", f"office:{office_id}", name, at)


def add_platform(
    uow: UnitOfWork, *, actor: Principal, platform_id: str, name: str, jurisdiction: str | None, at: datetime
) -> None:
    if jurisdiction is not None and uow.places.jurisdiction(jurisdiction) is None:
        raise InvalidRequestError(f"no jurisdiction {jurisdiction!r}")
    require(actor, Activity.PLATFORM_MANAGE, Resource(kind="platform", id=platform_id, jurisdiction=jurisdiction))
    if uow.places.platform(platform_id) is not None:
        raise ConflictError(f"the platform {platform_id!r} exists")
    uow.places.add(PlatformRow(id=platform_id, name=name, jurisdiction_code=jurisdiction, created_at=at))
    _audit(uow, actor, "platform.create", f"platform:{platform_id}", name, at)


def _audit(uow: UnitOfWork, actor: Principal, action: str, obj: str, reason: str, at: datetime) -> None:
    record(uow, [Entry(actor=actor.actor, action=action, object=obj, reason=reason)], at=at)
