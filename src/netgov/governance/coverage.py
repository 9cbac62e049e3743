"""Coverage: where the enforcement network has gaps, and which offices are overloaded.

Pure domain code over a :class:`~netgov.governance.routing.JurisdictionTree`, its
:class:`~netgov.governance.routing.OfficeDirectory` and a staff snapshot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from netgov.governance.routing import JurisdictionTree, OfficeDirectory, StaffMember

LEVEL_NAMES = ("national", "province", "city", "county")


def level_name(depth: int) -> str:
    return LEVEL_NAMES[depth] if depth < len(LEVEL_NAMES) else f"level {depth}"


@dataclass(frozen=True, slots=True)
class Gap:
    """A jurisdiction with no office of its own, and where its work goes instead."""

    jurisdiction: str
    level: str
    goes_to: str | None  # the nearest ancestor's office; None when nothing covers it
    levels_up: int


@dataclass(frozen=True, slots=True)
class OfficeLoad:
    office: str
    jurisdiction: str
    staff: int
    open_cases: int

    @property
    def per_staff(self) -> float:
        return self.open_cases / self.staff if self.staff else 0.0


@dataclass(frozen=True, slots=True)
class LevelCount:
    level: str
    jurisdictions: int
    with_office: int
    offices: int


@dataclass(frozen=True, slots=True)
class CoverageReport:
    gaps: tuple[Gap, ...]
    overloaded: tuple[OfficeLoad, ...]  # most loaded first
    unstaffed: tuple[str, ...]  # offices with nobody to work their cases
    levels: tuple[LevelCount, ...]  # country first
    overload_ratio: float

    def render_table(self) -> str:
        """Plain text: counts per level, then the overloaded offices, then the gaps."""
        rows = [f"{'level':<10} {'jurisdictions':>13} {'with office':>11} {'offices':>7}"]
        rows += [f"{c.level:<10} {c.jurisdictions:>13} {c.with_office:>11} {c.offices:>7}" for c in self.levels]
        rows += ["", f"offices over {self.overload_ratio:g} open cases per staff member: {len(self.overloaded)}"]
        rows += [
            f"  {load.office} ({load.jurisdiction}): {load.open_cases} open, {load.staff} staff, "
            f"{load.per_staff:.1f} per staff member"
            for load in self.overloaded
        ]
        rows += ["", f"offices without staff: {len(self.unstaffed)}"]
        rows += [f"  {office}" for office in self.unstaffed]
        rows += ["", f"jurisdictions without an office of their own: {len(self.gaps)}"]
        rows += [f"  {gap.jurisdiction} ({gap.level}) -> {_destination(gap)}" for gap in self.gaps]
        return "\n".join(rows)


def _destination(gap: Gap) -> str:
    if gap.goes_to is None:
        return "NOT COVERED"
    return f"{gap.goes_to} ({gap.levels_up} level{'s' if gap.levels_up > 1 else ''} up)"


def coverage(
    tree: JurisdictionTree, offices: OfficeDirectory, staff: Iterable[StaffMember], *, overload_ratio: float
) -> CoverageReport:
    """Gaps, overloaded offices (open cases per staff member above ``overload_ratio``), unstaffed offices
    and counts per level."""
    members = tuple(staff)
    staffed = {member.office for member in members}
    return CoverageReport(
        gaps=tuple(_gaps(tree, offices)),
        overloaded=_overloaded(offices, members, overload_ratio),
        unstaffed=tuple(sorted(office for office in offices.offices if office not in staffed)),
        levels=_levels(tree, offices),
        overload_ratio=overload_ratio,
    )


def _gaps(tree: JurisdictionTree, offices: OfficeDirectory) -> Iterable[Gap]:
    for code in tree.codes:
        if offices.offices_at(code):
            continue
        routed = offices.covering(code)
        level = level_name(tree.depth(code))
        if routed is None:
            yield Gap(code, level, None, 0)
        else:
            yield Gap(code, level, routed.office, routed.fell_back_levels)


def _overloaded(offices: OfficeDirectory, staff: Iterable[StaffMember], ratio: float) -> tuple[OfficeLoad, ...]:
    heads: Counter[str] = Counter()
    opened: Counter[str] = Counter()
    for member in staff:
        heads[member.office] += 1
        opened[member.office] += member.open_cases
    loads = (OfficeLoad(office, code, heads[office], opened[office]) for office, code in offices.offices.items())
    over = [load for load in loads if load.per_staff > ratio]
    return tuple(sorted(over, key=lambda load: (-load.per_staff, load.office)))


def _levels(tree: JurisdictionTree, offices: OfficeDirectory) -> tuple[LevelCount, ...]:
    nodes: Counter[int] = Counter()
    staffed: Counter[int] = Counter()
    count: Counter[int] = Counter()
    for code in tree.codes:
        depth = tree.depth(code)
        here = len(offices.offices_at(code))
        nodes[depth] += 1
        staffed[depth] += here > 0
        count[depth] += here
    return tuple(LevelCount(level_name(d), nodes[d], staffed[d], count[d]) for d in sorted(nodes))
