"""Coverage: where the enforcement network has gaps, and which offices are overloaded.

Pure domain code over a :class:`~netgov.governance.routing.JurisdictionTree`, its
:class:`~netgov.governance.routing.OfficeDirectory` and a staff snapshot. Levels are named
by depth unless the caller passes each node's stored level name (a tree imported from ISO
3166-2 has provinces, autonomous regions and municipalities side by side at one depth).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from netgov.governance.routing import JurisdictionTree, OfficeDirectory, StaffMember
from netgov.identity.principal import within

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
    # Per level: how many of its offices have at least one staff member.
    staffed_offices: Mapping[str, int] = field(default_factory=dict)

    def render_table(self) -> str:
        """Plain text: counts per level, then the overloaded offices, then the gaps."""
        width = max([10, *(len(c.level) for c in self.levels)])
        rows = [f"{'level':<{width}} {'jurisdictions':>13} {'with office':>11} {'offices':>7} {'staffed':>7}"]
        rows += [
            f"{c.level:<{width}} {c.jurisdictions:>13} {c.with_office:>11} {c.offices:>7} "
            f"{self.staffed_offices.get(c.level, 0):>7}"
            for c in self.levels
        ]
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
    tree: JurisdictionTree,
    offices: OfficeDirectory,
    staff: Iterable[StaffMember],
    *,
    overload_ratio: float,
    levels: Mapping[str, str] | None = None,
    office_open: Mapping[str, int] | None = None,
    scope: Sequence[str] | None = None,
) -> CoverageReport:
    """Gaps, overloaded offices (open cases per staff member above ``overload_ratio``), unstaffed offices
    and counts per level.

    ``levels`` names each node's level (else its depth names it); ``office_open`` gives each
    office's open cases, assigned or not (else the sum of its members' open cases); ``scope``
    limits what is reported to these subtrees, while work still routes over the whole tree."""
    members = tuple(staff)
    view = _View(tree, offices, levels or {}, scope)
    heads = Counter(member.office for member in members)
    loads = _loads(view, heads, office_open if office_open is not None else _member_open(members))
    counts, staffed = _levels(view, heads)
    return CoverageReport(
        gaps=tuple(_gaps(view)),
        overloaded=tuple(sorted((load for load in loads if load.per_staff > overload_ratio), key=_most_loaded)),
        unstaffed=tuple(sorted(load.office for load in loads if load.staff == 0)),
        levels=counts,
        overload_ratio=overload_ratio,
        staffed_offices=staffed,
    )


@dataclass(frozen=True, slots=True)
class _View:
    """The tree and offices, seen through the level names and the scope of one report."""

    tree: JurisdictionTree
    offices: OfficeDirectory
    names: Mapping[str, str]
    scope: Sequence[str] | None

    def shows(self, code: str) -> bool:
        return self.scope is None or any(within(code, root) for root in self.scope)

    def level(self, code: str) -> str:
        return self.names.get(code) or level_name(self.tree.depth(code))

    def codes(self) -> Iterable[str]:
        return (code for code in self.tree.codes if self.shows(code))


def _member_open(members: Iterable[StaffMember]) -> Counter[str]:
    opened: Counter[str] = Counter()
    for member in members:
        opened[member.office] += member.open_cases
    return opened


def _gaps(view: _View) -> Iterable[Gap]:
    for code in view.codes():
        if view.offices.offices_at(code):
            continue
        routed = view.offices.covering(code)
        if routed is None:
            yield Gap(code, view.level(code), None, 0)
        else:
            yield Gap(code, view.level(code), routed.office, routed.fell_back_levels)


def _loads(view: _View, heads: Mapping[str, int], opened: Mapping[str, int]) -> list[OfficeLoad]:
    return [
        OfficeLoad(office, code, heads.get(office, 0), opened.get(office, 0))
        for office, code in view.offices.offices.items()
        if view.shows(code)
    ]


def _most_loaded(load: OfficeLoad) -> tuple[float, str]:
    return -load.per_staff, load.office


def _levels(view: _View, heads: Mapping[str, int]) -> tuple[tuple[LevelCount, ...], dict[str, int]]:
    """Counts per level name, the shallowest level first, and the staffed offices of each."""
    depth: dict[str, int] = {}
    nodes: Counter[str] = Counter()
    with_office: Counter[str] = Counter()
    count: Counter[str] = Counter()
    staffed: Counter[str] = Counter()
    for code in view.codes():
        level, here = view.level(code), view.offices.offices_at(code)
        depth[level] = min(depth.get(level, view.tree.depth(code)), view.tree.depth(code))
        nodes[level] += 1
        with_office[level] += bool(here)
        count[level] += len(here)
        staffed[level] += sum(1 for office in here if heads.get(office, 0))
    order = sorted(nodes, key=lambda level: (depth[level], level))
    counts = tuple(LevelCount(level, nodes[level], with_office[level], count[level]) for level in order)
    return counts, {level: staffed[level] for level in order}
