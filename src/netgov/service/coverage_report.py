"""The coverage report from the database: is every level staffed, and where does the work
of a jurisdiction without an office go?

Built with the pure ``netgov.governance.coverage.coverage`` over the active (not retired)
jurisdictions, their offices, the seated staff with their open cases, and each office's
open cases whether assigned or not. An office is overloaded when its open cases per seated
staff member exceed the ratio (``DEFAULT_OVERLOAD_RATIO`` unless the caller says).
A reader sees the subtrees their coverage.read grants cover; routes are still computed
over the whole tree, so a gap's destination may be an office above the reader's scope.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import msgspec

from netgov.errors import InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.governance.coverage import CoverageReport, Gap, LevelCount, coverage
from netgov.governance.routing import JurisdictionTree, Office, OfficeDirectory, StaffMember
from netgov.identity.authorization import Resource, authorize, visible_scope
from netgov.identity.principal import Principal, within
from netgov.identity.roles import Activity
from netgov.service.permissions import SYSTEM, require
from netgov.store.tables import GrantRow, StaffRow
from netgov.store.unit_of_work import UnitOfWork

DEFAULT_OVERLOAD_RATIO = 25.0
"""Open cases per seated staff member above which an office counts as overloaded: about
five working days' intake at the default weekly capacity of 20, plus a margin."""


class LevelRow(msgspec.Struct, frozen=True, kw_only=True):
    level: str
    jurisdictions: int
    with_office: int
    offices: int
    staffed_offices: int

    @property
    def share_with_office(self) -> float:
        return self.with_office / self.jurisdictions if self.jurisdictions else 0.0


class Destination(msgspec.Struct, frozen=True, kw_only=True):
    office: str
    jurisdiction: str
    levels_up: int


class GapRow(msgspec.Struct, frozen=True, kw_only=True):
    jurisdiction: str
    name: str
    level: str
    goes_to: Destination | None  # None: NOT COVERED, no office on any ancestor


class OfficeLoadRow(msgspec.Struct, frozen=True, kw_only=True):
    office: str
    jurisdiction: str
    staff: int
    open_cases: int
    per_staff: float


class CoverageDocument(msgspec.Struct, frozen=True, kw_only=True):
    """The report as the CLI's ``--format json`` and ``GET /v1/coverage`` give it."""

    scope: list[str]
    overload_ratio: float
    levels: list[LevelRow]
    gaps: list[GapRow]
    overloaded: list[OfficeLoadRow]
    unstaffed: list[OfficeLoadRow]
    # Offices left on retired jurisdictions: they take no new work until moved.
    on_retired_jurisdictions: list[OfficeLoadRow]


def network_coverage(
    uow: UnitOfWork, *, actor: Principal, under: str | None = None, overload_ratio: float = DEFAULT_OVERLOAD_RATIO
) -> CoverageDocument:
    """The coverage of the subtrees ``actor`` may read coverage of (or of ``under`` only)."""
    if not math.isfinite(overload_ratio) or overload_ratio <= 0:
        raise InvalidRequestError(f"overload_ratio must be a number above 0, not {overload_ratio}")
    scope = _scope(uow, actor, under)
    active = {row.code: row for row in uow.places.active_jurisdictions()}
    tree = JurisdictionTree((code, row.parent_code) for code, row in active.items())
    offices = uow.places.offices()
    placed = [Office(o.id, o.jurisdiction_code) for o in offices if o.jurisdiction_code in active]
    directory = OfficeDirectory(tree, placed)
    seated = uow.identity.seated_staff()
    office_open = uow.cases.open_counts_by_office()
    report = coverage(
        tree,
        directory,
        _staff(seated, directory, uow.cases.open_counts_by_assignee()),
        overload_ratio=overload_ratio,
        levels={code: row.level for code, row in active.items()},
        office_open=office_open,
        scope=scope,
    )
    heads = Counter(row.office_id for row, _ in seated)
    stranded = [
        _load(o.id, o.jurisdiction_code, heads[o.id], office_open.get(o.id, 0))
        for o in offices
        if o.jurisdiction_code not in active and _shows(o.jurisdiction_code, scope)
    ]
    names = {code: row.name for code, row in active.items()}
    return _document(report, scope, names, directory, office_open, stranded)


def _scope(uow: UnitOfWork, actor: Principal, under: str | None) -> list[str]:
    """The subtree roots to report on; refuses an actor who may read no coverage at all."""
    if under is not None:
        if uow.places.jurisdiction(under) is None:
            raise NotFoundError(f"no jurisdiction {under!r}")
        require(actor, Activity.COVERAGE_READ, Resource(kind="coverage", jurisdiction=under))
        return [under]
    if actor is SYSTEM:
        return sorted(row.code for row in uow.places.jurisdictions() if row.parent_code is None)
    roots = visible_scope(actor, Activity.COVERAGE_READ).jurisdictions
    if not roots:
        raise PermissionDeniedError(authorize(actor, Activity.COVERAGE_READ, Resource(kind="coverage")).reason)
    return [code for code in roots if not any(code != other and within(code, other) for other in roots)]


def _shows(code: str, scope: Sequence[str]) -> bool:
    return any(within(code, root) for root in scope)


def _staff(
    seated: Sequence[tuple[StaffRow, Sequence[GrantRow]]], directory: OfficeDirectory, opened: Mapping[str, int]
) -> list[StaffMember]:
    """The seated staff of the directory's offices, each with their open (assigned) cases."""
    return [
        StaffMember(
            id=row.id,
            office=row.office_id or "",
            roles=frozenset(grant.role for grant in grants),
            capacity=row.weekly_capacity,
            open_cases=opened.get(row.id, 0),
        )
        for row, grants in seated
        if row.office_id in directory.offices
    ]


def _load(office: str, jurisdiction: str, staff: int, open_cases: int) -> OfficeLoadRow:
    per_staff = open_cases / staff if staff else 0.0
    return OfficeLoadRow(
        office=office, jurisdiction=jurisdiction, staff=staff, open_cases=open_cases, per_staff=per_staff
    )


def _document(
    report: CoverageReport,
    scope: list[str],
    names: Mapping[str, str],
    directory: OfficeDirectory,
    office_open: Mapping[str, int],
    stranded: list[OfficeLoadRow],
) -> CoverageDocument:
    return CoverageDocument(
        scope=scope,
        overload_ratio=report.overload_ratio,
        levels=[_level(count, report.staffed_offices.get(count.level, 0)) for count in report.levels],
        gaps=[_gap(gap, names, directory) for gap in report.gaps],
        overloaded=[_load(o.office, o.jurisdiction, o.staff, o.open_cases) for o in report.overloaded],
        unstaffed=[_load(o, directory.offices[o], 0, office_open.get(o, 0)) for o in report.unstaffed],
        on_retired_jurisdictions=stranded,
    )


def _level(count: LevelCount, staffed: int) -> LevelRow:
    return LevelRow(
        level=count.level,
        jurisdictions=count.jurisdictions,
        with_office=count.with_office,
        offices=count.offices,
        staffed_offices=staffed,
    )


def _gap(gap: Gap, names: Mapping[str, str], directory: OfficeDirectory) -> GapRow:
    goes_to = None
    if gap.goes_to is not None:
        goes_to = Destination(office=gap.goes_to, jurisdiction=directory.offices[gap.goes_to], levels_up=gap.levels_up)
    return GapRow(jurisdiction=gap.jurisdiction, name=names.get(gap.jurisdiction, ""), level=gap.level, goes_to=goes_to)
