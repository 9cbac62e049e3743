"""Routing: which office takes a case, which of its staff works it, and in what order.

Pure domain code: no I/O, no clock. A case goes to the lowest office whose jurisdiction
covers the case's own (its node's office, else the nearest ancestor's), then to the
least-loaded eligible staff member of that office. ``None`` for the staff member means
nobody is eligible and the caller escalates.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from netgov.core.actions import Severity

SOURCE_RANK: Mapping[str, int] = {"order": 4, "report": 3, "hold": 2, "appeal": 1, "inspection": 0}
"""Why this order: an order carries a statutory deadline set by an authority; a report is
about content that is still live; a hold is content already kept from view (the harm is
contained); an appeal concerns an action already taken; an inspection is a probe with no
live victim."""


class UnknownJurisdictionError(LookupError):
    """A jurisdiction code that is not in the tree."""


class UncoveredJurisdictionError(LookupError):
    """A jurisdiction with no office on its own node nor on any ancestor."""


class JurisdictionTree:
    """The jurisdiction forest from (code, parent) pairs; several roots are allowed.

    A child's code must extend its parent's (``ex.north`` under ``ex``), so that the tree
    and :func:`netgov.identity.principal.within` always agree on who covers what.
    """

    def __init__(self, pairs: Iterable[tuple[str, str | None]]) -> None:
        self._parent: dict[str, str | None] = {}
        for code, parent in pairs:
            if code in self._parent:
                raise ValueError(f"jurisdiction {code!r} is listed twice")
            self._parent[code] = parent
        for code, parent in self._parent.items():
            if parent is not None and parent not in self._parent:
                raise ValueError(f"jurisdiction {code!r} names parent {parent!r}, which is not in the tree")
        self._depth = {code: len(self._chain(code)) - 1 for code in self._parent}
        for code, parent in self._parent.items():
            if parent is not None and not code.startswith(parent + "."):
                raise ValueError(f"jurisdiction {code!r} must extend its parent's code {parent!r} (as {parent}.x)")

    def _chain(self, code: str) -> list[str]:
        chain = [code]
        parent = self._parent[code]
        while parent is not None:
            if parent in chain:
                raise ValueError(f"jurisdiction {code!r} is in a cycle: {' -> '.join([*chain, parent])}")
            chain.append(parent)
            parent = self._parent[parent]
        return chain

    def __contains__(self, code: object) -> bool:
        return code in self._parent

    def __len__(self) -> int:
        return len(self._parent)

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code, parents before their children."""
        return tuple(sorted(self._parent, key=lambda code: (self._depth[code], code)))

    def parent(self, code: str) -> str | None:
        return self._parent[self._known(code)]

    def depth(self, code: str) -> int:
        """0 for a root (the country), 1 for a province, and so on."""
        return self._depth[self._known(code)]

    def ancestors(self, code: str) -> tuple[str, ...]:
        """The ancestors of ``code``, nearest first, not including ``code`` itself."""
        return tuple(self._chain(self._known(code))[1:])

    def _known(self, code: str) -> str:
        if code not in self._parent:
            raise UnknownJurisdictionError(f"unknown jurisdiction {code!r}")
        return code


@dataclass(frozen=True, slots=True)
class Office:
    id: str
    jurisdiction: str


@dataclass(frozen=True, slots=True)
class Routed:
    office: str
    jurisdiction_of_office: str
    fell_back_levels: int  # 0: the case's own node has the office


class OfficeDirectory:
    """Offices by node, with every node's route computed once (routing is a dict lookup).

    A node may hold several offices; the route then names the one with the smallest id.
    """

    def __init__(self, tree: JurisdictionTree, offices: Iterable[Office]) -> None:
        self.tree = tree
        self._at: dict[str, list[str]] = {}
        for office in offices:
            if office.jurisdiction not in tree:
                raise ValueError(f"office {office.id!r} sits in unknown jurisdiction {office.jurisdiction!r}")
            self._at.setdefault(office.jurisdiction, []).append(office.id)
        self.offices: dict[str, str] = {}
        for code, ids in self._at.items():
            ids.sort()
            self.offices.update((office_id, code) for office_id in ids)
        self._routes: dict[str, Routed | None] = {}
        for code in tree.codes:  # parents first, so a child reuses its parent's route
            self._routes[code] = self._route_of(code)

    def _route_of(self, code: str) -> Routed | None:
        own = self._at.get(code)
        if own:
            return Routed(own[0], code, 0)
        parent = self.tree.parent(code)
        above = None if parent is None else self._routes[parent]
        return None if above is None else Routed(above.office, above.jurisdiction_of_office, above.fell_back_levels + 1)

    def offices_at(self, code: str) -> tuple[str, ...]:
        return tuple(self._at.get(code, ()))

    def covering(self, jurisdiction: str) -> Routed | None:
        """The route for ``jurisdiction``, or None when no office covers it."""
        try:
            return self._routes[jurisdiction]
        except KeyError:
            raise UnknownJurisdictionError(f"unknown jurisdiction {jurisdiction!r}") from None

    def route(self, jurisdiction: str) -> Routed:
        routed = self.covering(jurisdiction)
        if routed is None:
            raise UncoveredJurisdictionError(f"no office covers jurisdiction {jurisdiction!r} nor any of its ancestors")
        return routed


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: str
    office: str
    roles: frozenset[str]
    capacity: int  # open cases a week
    open_cases: int = 0
    certifications: frozenset[str] = frozenset()  # case categories

    def __post_init__(self) -> None:
        if self.capacity < 0 or self.open_cases < 0:
            raise ValueError(f"staff {self.id!r}: capacity and open cases cannot be negative")

    def eligible(self, office: str, *, category: str, role: str, require_certification: bool) -> bool:
        certified = not require_certification or category in self.certifications
        return self.office == office and role in self.roles and certified and self.open_cases < self.capacity


def load_key(open_cases: int, capacity: int, staff_id: str) -> tuple[float, str]:
    """Lowest load ratio first, then the smallest id. Equal ratios give equal floats
    (division is correctly rounded), so ties are exact."""
    return open_cases / capacity, staff_id


def assign(
    office: str,
    *,
    category: str,
    role: str,
    staff: Iterable[StaffMember],
    require_certification: bool = True,
    excluded: Collection[str] = (),
) -> str | None:
    """The eligible staff member with the lowest load, by a scan; None when nobody is eligible.
    Members in ``excluded`` (recused from the case) are never chosen."""
    eligible = [
        member
        for member in staff
        if member.id not in excluded
        and member.eligible(office, category=category, role=role, require_certification=require_certification)
    ]
    best = min(eligible, key=lambda m: load_key(m.open_cases, m.capacity, m.id), default=None)
    return None if best is None else best.id


HeapKey = tuple[str, str, str | None]  # office, role, category (None: certification not required)


class Workload:
    """Repeated assignment: one heap per (office, role, category), built on first use.

    Heap entries go stale when a member's load changes; a stale entry is recognised by its
    recorded open-case count and skipped when it reaches the top. Members at capacity are
    not pushed until a case is released.
    """

    def __init__(self, staff: Iterable[StaffMember], *, require_certification: bool = True) -> None:
        self.require_certification = require_certification
        self._members: dict[str, StaffMember] = {}
        self._open: dict[str, int] = {}
        self._by_office: dict[str, list[StaffMember]] = {}
        for member in staff:
            if member.id in self._members:
                raise ValueError(f"staff {member.id!r} is listed twice")
            self._members[member.id] = member
            self._open[member.id] = member.open_cases
            self._by_office.setdefault(member.office, []).append(member)
        self._heaps: dict[HeapKey, list[tuple[float, str, int]]] = {}
        self._sizes: dict[HeapKey, int] = {}
        self._heaps_of: dict[str, list[HeapKey]] = {member_id: [] for member_id in self._members}

    def open_cases(self, staff_id: str) -> int:
        return self._open[staff_id]

    def snapshot(self) -> tuple[StaffMember, ...]:
        """Every member with their current open-case count."""
        return tuple(_with_open(m, self._open[m.id]) for m in self._members.values())

    def assign(self, office: str, *, category: str, role: str, excluded: Collection[str] = ()) -> str | None:
        """Give one case to the least-loaded eligible member (counted as open); None if nobody.
        Members in ``excluded`` (recused from this case) are passed over, and stay queued for the next."""
        heap = self._heap((office, role, category if self.require_certification else None))
        passed_over: list[tuple[float, str, int]] = []
        try:
            while heap:
                _, member_id, recorded = heap[0]
                if recorded != self._open[member_id]:
                    heapq.heappop(heap)  # stale
                elif member_id in excluded:
                    passed_over.append(heapq.heappop(heap))
                else:
                    self._open[member_id] = recorded + 1
                    self._changed(member_id)
                    return member_id
            return None
        finally:
            for entry in passed_over:
                heapq.heappush(heap, entry)

    def release(self, staff_id: str) -> None:
        """A case of ``staff_id`` was closed."""
        if self._open[staff_id] == 0:
            raise ValueError(f"staff {staff_id!r} has no open case to release")
        self._open[staff_id] -= 1
        self._changed(staff_id)

    def _heap(self, key: HeapKey) -> list[tuple[float, str, int]]:
        heap = self._heaps.get(key)
        if heap is None:
            office, role, category = key
            members = [m for m in self._by_office.get(office, ()) if _fits(m, role, category)]
            for member in members:
                self._heaps_of[member.id].append(key)
            self._sizes[key] = len(members)
            heap = self._heaps[key] = self._entries(m.id for m in members)
        return heap

    def _entries(self, member_ids: Iterable[str]) -> list[tuple[float, str, int]]:
        entries = [self._entry(member_id) for member_id in member_ids if self._has_room(member_id)]
        heapq.heapify(entries)
        return entries

    def _entry(self, member_id: str) -> tuple[float, str, int]:
        opened = self._open[member_id]
        return opened / self._members[member_id].capacity, member_id, opened

    def _has_room(self, member_id: str) -> bool:
        return self._open[member_id] < self._members[member_id].capacity

    def _changed(self, member_id: str) -> None:
        entry = self._entry(member_id) if self._has_room(member_id) else None
        for key in self._heaps_of[member_id]:
            heap = self._heaps[key]
            if len(heap) > 4 * self._sizes[key] + 8:  # mostly stale: rebuild from the live members
                heap[:] = self._entries({stale[1] for stale in heap} | {member_id})
            elif entry is not None:
                heapq.heappush(heap, entry)


def _fits(member: StaffMember, role: str, category: str | None) -> bool:
    return role in member.roles and (category is None or category in member.certifications)


def _with_open(member: StaffMember, open_cases: int) -> StaffMember:
    return StaffMember(member.id, member.office, member.roles, member.capacity, open_cases, member.certifications)


def priority(severity: Severity, source: str, trusted_flagger: bool) -> int:
    """A sort key, larger first: trusted flaggers, then severity, then the source (``SOURCE_RANK``)."""
    if source not in SOURCE_RANK:
        raise ValueError(f"unknown case source {source!r}; expected one of {', '.join(SOURCE_RANK)}")
    return int(trusted_flagger) * 100 + severity.rank * 10 + SOURCE_RANK[source]


@dataclass(frozen=True, slots=True)
class Routing:
    office: str
    jurisdiction_of_office: str
    fell_back_levels: int
    staff: str | None  # None: nobody eligible in the office; the caller escalates
    priority: int


def route_case(
    directory: OfficeDirectory,
    workload: Workload,
    *,
    jurisdiction: str,
    category: str,
    role: str,
    severity: Severity,
    source: str,
    trusted_flagger: bool = False,
) -> Routing:
    """Route one case: the office by jurisdiction, then the staff member by workload."""
    rank = priority(severity, source, trusted_flagger)
    routed = directory.route(jurisdiction)
    staff = workload.assign(routed.office, category=category, role=role)
    return Routing(routed.office, routed.jurisdiction_of_office, routed.fell_back_levels, staff, rank)
