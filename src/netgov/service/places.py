"""Creating the places things belong to: jurisdictions, regulator offices, platforms.

A jurisdiction's level is any short lowercase name ("country", "province", "autonomous
region"...: ``netgov.governance.jurisdiction_files.level_problem`` says which). Every node
created, and every later change to the tree (``netgov.service.jurisdiction_changes``),
leaves a ``JurisdictionChangeRow`` for each code it touched and an audit event.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from netgov.errors import ConflictError, InvalidRequestError
from netgov.governance.jurisdiction_files import code_problem, level_problem, name_problem
from netgov.identity.authorization import Resource
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.audit_trail import Detail, Entry, record
from netgov.service.offices import active_jurisdiction, add_office
from netgov.service.permissions import require
from netgov.store.tables import JurisdictionChangeRow, JurisdictionRow, PlatformRow
from netgov.store.unit_of_work import UnitOfWork

__all__ = ["add_jurisdiction", "add_office", "add_platform", "may_manage", "new_node", "record_change"]


def add_jurisdiction(
    uow: UnitOfWork, *, actor: Principal, code: str, name: str, level: str, parent: str | None, at: datetime
) -> None:
    """Add one node under an active ``parent`` (None: a new root, which only the operator may add)."""
    problem = code_problem(code) or name_problem(name) or level_problem(level)
    if problem:
        raise InvalidRequestError(problem)
    may_manage(actor, code, parent)
    if parent is not None and uow.places.jurisdiction(parent) is None:
        raise InvalidRequestError(f"the parent jurisdiction {parent!r} does not exist")
    if parent is not None:
        active_jurisdiction(uow, parent)
    if parent is not None and not code.startswith(parent + "."):
        raise InvalidRequestError(f"a jurisdiction's code starts with its parent's: {parent}.…, not {code!r}")
    if uow.places.jurisdiction(code) is not None:
        raise ConflictError(f"the jurisdiction {code!r} exists")
    new_node(uow, code=code, name=name, level=level, parent=parent)
    after = {"name": name, "level": level, "parent": parent}
    record_change(uow, actor=actor, kind="create", codes=[code], details={"after": after}, reason=name, at=at)


def may_manage(actor: Principal, code: str, parent: str | None) -> None:
    """A node is managed from its parent: a root needs a grant that covers the root's own code,
    and a new root no grant covers but the system principal's (the operator)."""
    resource = Resource(kind="jurisdiction", id=code, jurisdiction=parent or code)
    require(actor, Activity.JURISDICTION_MANAGE, resource)


def new_node(uow: UnitOfWork, *, code: str, name: str, level: str, parent: str | None) -> JurisdictionRow:
    """Write one node (checked by the caller); its history row comes from ``record_change``."""
    row = JurisdictionRow(code=code, name=name, level=level, parent_code=parent)
    uow.places.add(row)
    return row


def record_change(
    uow: UnitOfWork,
    *,
    actor: Principal,
    kind: str,
    codes: Sequence[str],
    details: Mapping[str, Any],
    reason: str,
    at: datetime,
) -> None:
    """One history row per code the change touched (so each code's history is one indexed
    read), all with the same details, and one audit event naming the first code."""
    text = json.dumps({**details, "codes": list(codes)}, sort_keys=True, ensure_ascii=False)
    rows = [
        JurisdictionChangeRow(code=c, kind=kind, at=at, actor=actor.actor, reason=reason, details=text) for c in codes
    ]
    uow.places.add(*rows)
    summary: dict[str, Detail] = {"codes": ",".join(codes)}
    action, obj = f"jurisdiction.{kind}", f"jurisdiction:{codes[0]}"
    record(uow, [Entry(actor=actor.actor, action=action, object=obj, reason=reason, details=summary)], at=at)


def add_platform(
    uow: UnitOfWork, *, actor: Principal, platform_id: str, name: str, jurisdiction: str | None, at: datetime
) -> None:
    if jurisdiction is not None and uow.places.jurisdiction(jurisdiction) is None:
        raise InvalidRequestError(f"no jurisdiction {jurisdiction!r}")
    require(actor, Activity.PLATFORM_MANAGE, Resource(kind="platform", id=platform_id, jurisdiction=jurisdiction))
    if uow.places.platform(platform_id) is not None:
        raise ConflictError(f"the platform {platform_id!r} exists")
    uow.places.add(PlatformRow(id=platform_id, name=name, jurisdiction_code=jurisdiction, created_at=at))
    record(
        uow,
        [Entry(actor=actor.actor, action="platform.create", object=f"platform:{platform_id}", reason=name)],
        at=at,
    )
