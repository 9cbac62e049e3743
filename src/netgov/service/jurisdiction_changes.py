"""Changes to the jurisdiction tree that keep its history: rename, move, split, merge, retire.

Nothing is deleted: old cases, decisions and grants still name the old codes. A node that
goes away is *retired* (``retired_at`` set): it keeps its row, takes no new children, offices
or work, and its history says what replaced it. Because a code extends its parent's, a move
is a new code: the node and its active subtree are created under the new parent, with their
offices and holidays, and the old codes retired with the new ones recorded as successors.

Every change writes one ``JurisdictionChangeRow`` per code it touched (kind, actor, reason,
details as JSON with ``before``, ``after`` and the ``codes`` involved) and one audit event.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from netgov.errors import ConflictError, InvalidRequestError, NotFoundError
from netgov.governance.jurisdiction_files import code_problem, level_problem, name_problem
from netgov.identity.principal import Principal, within
from netgov.service.offices import active_jurisdiction
from netgov.service.places import may_manage, new_node, record_change
from netgov.store.tables import HolidayRow, JurisdictionChangeRow, JurisdictionRow
from netgov.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class Change:
    """What a change did; ``stranded`` lists the offices left on retired nodes (move them
    with ``netgov offices move``: a retired node takes no new work)."""

    kind: str
    retired: tuple[str, ...] = ()
    created: tuple[str, ...] = ()
    stranded: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    code: str
    kind: str
    at: datetime
    actor: str
    reason: str
    details: Mapping[str, Any]


def rename(uow: UnitOfWork, *, actor: Principal, code: str, name: str, reason: str, at: datetime) -> Change:
    row = _changeable(uow, actor, code, reason)
    if problem := name_problem(name):
        raise InvalidRequestError(problem)
    if name == row.name:
        raise InvalidRequestError(f"{code} is already named {name!r}")
    details = {"before": {"name": row.name}, "after": {"name": name}}
    row.name = name
    uow.session.flush()
    record_change(uow, actor=actor, kind="rename", codes=[code], details=details, reason=reason, at=at)
    return Change("rename")


def retire(uow: UnitOfWork, *, actor: Principal, code: str, reason: str, at: datetime) -> Change:
    """Retire a node with no active children; its offices stay on it and are reported."""
    _without_children(uow, _changeable(uow, actor, code, reason))
    _retire(uow, [code], at)
    details = {"before": {"retired": False}, "after": {"retired": True}}
    record_change(uow, actor=actor, kind="retire", codes=[code], details=details, reason=reason, at=at)
    return Change("retire", retired=(code,), stranded=_stranded(uow, [code]))


def split(
    uow: UnitOfWork,
    *,
    actor: Principal,
    code: str,
    into: Mapping[str, str],
    reason: str,
    at: datetime,
    level: str | None = None,
) -> Change:
    """Retire ``code`` into two or more new siblings (``into``: new code → name) at its level."""
    row = _changeable(uow, actor, code, reason)
    _without_children(uow, row)
    if len(into) < 2:
        raise InvalidRequestError("a split needs at least two new jurisdictions")
    level = level or row.level
    for new_code, name in into.items():
        _check_new(uow, actor, new_code, name, level, row.parent_code)
        new_node(uow, code=new_code, name=name, level=level, parent=row.parent_code)
    _retire(uow, [code], at)
    details = {"before": {"codes": [code]}, "after": {"codes": list(into), "names": dict(into)}}
    codes = [code, *into]
    record_change(uow, actor=actor, kind="split", codes=codes, details=details, reason=reason, at=at)
    return Change("split", retired=(code,), created=tuple(into), stranded=_stranded(uow, [code]))


def merge(
    uow: UnitOfWork,
    *,
    actor: Principal,
    codes: Sequence[str],
    into: str,
    reason: str,
    at: datetime,
    name: str | None = None,
) -> Change:
    """Retire ``codes`` (siblings without active children) into ``into``: an active sibling, or
    a new one named ``name``."""
    rows = [_changeable(uow, actor, code, reason) for code in dict.fromkeys(codes)]
    for row in rows:
        _without_children(uow, row)
    parent = _common_parent(rows)
    target = uow.places.jurisdiction(into)
    if into in codes:
        raise InvalidRequestError(f"{into} cannot be merged into itself")
    if target is None:
        _merge_into_new(uow, actor, rows, into, name)
    else:
        _merge_into_existing(uow, actor, target, parent, name)
    retired = [row.code for row in rows]
    _retire(uow, retired, at)
    details = {"before": {"codes": retired}, "after": {"codes": [into]}, "new": target is None}
    record_change(uow, actor=actor, kind="merge", codes=[*retired, into], details=details, reason=reason, at=at)
    created = (into,) if target is None else ()
    return Change("merge", retired=tuple(retired), created=created, stranded=_stranded(uow, retired))


def move(
    uow: UnitOfWork, *, actor: Principal, code: str, parent: str, reason: str, at: datetime, new_code: str | None = None
) -> Change:
    """Re-parent ``code`` with its active subtree under ``parent``: new codes (``new_code``, by default
    the parent's code and the node's last segment) carry the names, levels, offices and holidays."""
    row = _changeable(uow, actor, code, reason)
    target = active_jurisdiction(uow, parent)
    new_code = new_code or f"{parent}.{code.rpartition('.')[2]}"
    if within(target.code, code):
        raise InvalidRequestError(f"{code} cannot move under {parent}, which lies within it")
    if parent == row.parent_code and new_code == code:
        raise InvalidRequestError(f"{code} is already under {parent}")
    renamed = {old.code: new_code + old.code[len(code) :] for old in uow.places.subtree(code) if old.retired_at is None}
    for old, new in renamed.items():
        source = uow.places.jurisdiction(old)
        assert source is not None  # listed by subtree() above
        new_parent = parent if old == code else renamed[source.parent_code or ""]
        _check_new(uow, actor, new, source.name, source.level, new_parent)
        new_node(uow, code=new, name=source.name, level=source.level, parent=new_parent)
    _carry(uow, renamed)
    _retire(uow, list(renamed), at)
    for old, new in renamed.items():
        details = {"before": {"code": old}, "after": {"code": new, "parent": parent if old == code else None}}
        record_change(uow, actor=actor, kind="move", codes=[old, new], details=details, reason=reason, at=at)
    return Change("move", retired=tuple(renamed), created=tuple(renamed.values()))


def history(uow: UnitOfWork, *, code: str) -> list[HistoryEntry]:
    """Every change ``code`` took part in, oldest first (the tree's shape is not personal data)."""
    if uow.places.jurisdiction(code) is None:
        raise NotFoundError(f"no jurisdiction {code!r}")
    return [_entry(row) for row in uow.places.changes(code)]


def _entry(row: JurisdictionChangeRow) -> HistoryEntry:
    details: dict[str, Any] = json.loads(row.details or "{}")
    return HistoryEntry(code=row.code, kind=row.kind, at=row.at, actor=row.actor, reason=row.reason, details=details)


def _changeable(uow: UnitOfWork, actor: Principal, code: str, reason: str) -> JurisdictionRow:
    row = uow.places.jurisdiction(code)
    if row is None:
        raise NotFoundError(f"no jurisdiction {code!r}")
    may_manage(actor, code, row.parent_code)
    if row.retired_at is not None:
        raise ConflictError(f"the jurisdiction {code!r} is retired; its history says what replaced it")
    if not reason.strip():
        raise InvalidRequestError("a change to the tree needs a reason (it goes into the history and the audit log)")
    return row


def _without_children(uow: UnitOfWork, row: JurisdictionRow) -> None:
    children = [child.code for child in uow.places.active_children(row.code)]
    if children:
        raise ConflictError(
            f"{row.code} still has active children ({', '.join(children)}): "
            "move, merge or retire them first, or move the whole subtree with `jurisdictions move`"
        )


def _check_new(uow: UnitOfWork, actor: Principal, code: str, name: str, level: str, parent: str | None) -> None:
    problem = code_problem(code) or name_problem(name) or level_problem(level)
    if problem:
        raise InvalidRequestError(problem)
    if parent is not None and not code.startswith(parent + "."):
        raise InvalidRequestError(f"{code!r} must extend its parent's code ({parent}.…)")
    may_manage(actor, code, parent)
    if uow.places.jurisdiction(code) is not None:
        raise ConflictError(f"the jurisdiction {code!r} exists (codes are never reused, even retired ones)")


def _common_parent(rows: Sequence[JurisdictionRow]) -> str | None:
    parents = {row.parent_code for row in rows}
    if len(parents) != 1:
        raise InvalidRequestError("only siblings (jurisdictions with the same parent) can be merged")
    return parents.pop()


def _merge_into_new(
    uow: UnitOfWork, actor: Principal, rows: Sequence[JurisdictionRow], into: str, name: str | None
) -> None:
    if len(rows) < 2:
        raise InvalidRequestError("merging into a new jurisdiction needs at least two to merge")
    if name is None:
        raise InvalidRequestError(f"{into} does not exist: give the new jurisdiction's name")
    _check_new(uow, actor, into, name, rows[0].level, rows[0].parent_code)
    new_node(uow, code=into, name=name, level=rows[0].level, parent=rows[0].parent_code)


def _merge_into_existing(
    uow: UnitOfWork, actor: Principal, target: JurisdictionRow, parent: str | None, name: str | None
) -> None:
    if name is not None:
        raise InvalidRequestError(f"{target.code} exists: rename it separately")
    if target.retired_at is not None:
        raise ConflictError(f"the jurisdiction {target.code!r} is retired")
    if target.parent_code != parent:
        raise InvalidRequestError(f"{target.code} is not a sibling of the merged jurisdictions")
    may_manage(actor, target.code, target.parent_code)


def _retire(uow: UnitOfWork, codes: Sequence[str], at: datetime) -> None:
    for code in codes:
        row = uow.places.jurisdiction(code)
        assert row is not None
        row.retired_at = at
    uow.session.flush()


def _carry(uow: UnitOfWork, renamed: Mapping[str, str]) -> None:
    """A moved node's offices and holidays follow it to its new code."""
    for office in uow.places.offices_in(list(renamed)):
        office.jurisdiction_code = renamed[office.jurisdiction_code]
    holidays = list(uow.places.holidays(list(renamed)))
    uow.places.add(
        *(HolidayRow(jurisdiction_code=renamed[h.jurisdiction_code], day=h.day, name=h.name) for h in holidays)
    )


def _stranded(uow: UnitOfWork, codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(office.id for office in uow.places.offices_in(list(codes)))
