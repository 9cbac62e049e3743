"""The demo world: a fictional country, its regulator offices, staff and platforms.

Everything here is plain data, fixed and deterministic, so that every `netgov demo` starts
from the same world and its walkthroughs can name the same people and places. Passwords
are not part of the world: the seeding code generates them when it writes the database.

Jurisdiction codes are dotted paths that encode the tree (``ex.north.harbour.east`` is a
county of ``ex.north.harbour``), so a code alone says where a node sits.
"""

from __future__ import annotations

import msgspec

LEVELS: tuple[str, ...] = ("national", "provincial", "city", "county")
"""Jurisdiction levels from the top of the tree down."""

ROLES: tuple[str, ...] = (
    "administrator",
    "regulator_officer",
    "reviewer",
    "supervisor",
    "auditor",
    "platform_admin",
    "platform_moderator",
)
"""Every role a staff grant may name."""

PLATFORM_ROLES: frozenset[str] = frozenset({"platform_admin", "platform_moderator"})
"""Roles held on a platform rather than in a jurisdiction."""


class JurisdictionSeed(msgspec.Struct, frozen=True):
    code: str
    name: str
    level: str
    parent: str | None


class OfficeSeed(msgspec.Struct, frozen=True):
    id: str
    name: str
    jurisdiction: str


class GrantSeed(msgspec.Struct, frozen=True):
    """A role held in a jurisdiction (regulator roles) or on a platform (platform roles)."""

    role: str
    jurisdiction: str | None = None
    platform: str | None = None


class StaffSeed(msgspec.Struct, frozen=True):
    username: str
    display_name: str
    roles: tuple[GrantSeed, ...]
    # The office a regulator works in, and how many open cases routing gives them at most.
    office: str | None = None
    capacity: int = 20


class PlatformSeed(msgspec.Struct, frozen=True):
    """A platform registered in a jurisdiction; ``kind`` decides what its users post."""

    id: str
    name: str
    jurisdiction: str
    kind: str = "microblog"


class DemoWorld(msgspec.Struct, frozen=True):
    jurisdictions: tuple[JurisdictionSeed, ...]
    offices: tuple[OfficeSeed, ...]
    staff: tuple[StaffSeed, ...]
    platforms: tuple[PlatformSeed, ...]

    def counties(self) -> tuple[JurisdictionSeed, ...]:
        """The leaves of the tree, where posts and their authors are located."""
        return tuple(node for node in self.jurisdictions if node.level == "county")


# (code, name) from the top down; the level follows from the depth of the code.
_TREE: tuple[tuple[str, str], ...] = (
    ("ex", "Republic of Examplia"),
    ("ex.north", "North Province"),
    ("ex.south", "South Province"),
    ("ex.north.harbour", "Harbour City"),
    ("ex.north.riverton", "Riverton City"),
    ("ex.south.hillview", "Hillview City"),
    ("ex.south.lakeside", "Lakeside City"),
    ("ex.north.harbour.east", "Harbour East County"),
    ("ex.north.harbour.west", "Harbour West County"),
    ("ex.north.riverton.upper", "Upper Riverton County"),
    ("ex.north.riverton.lower", "Lower Riverton County"),
    ("ex.south.hillview.oakdale", "Oakdale County"),
    ("ex.south.hillview.pinecrest", "Pinecrest County"),
    ("ex.south.lakeside.shore", "Shoreline County"),
    ("ex.south.lakeside.meadow", "Meadowbank County"),
)

_PLATFORMS: tuple[PlatformSeed, ...] = (
    PlatformSeed(id="chirp", name="Chirp", jurisdiction="ex.north.harbour", kind="microblog"),
    PlatformSeed(id="marketly", name="Marketly", jurisdiction="ex.south.hillview", kind="marketplace"),
)


# Two counties have no office of their own, so the coverage report has gaps to show: their
# work goes to their city's office.
_WITHOUT_OFFICE = frozenset({"ex.north.riverton.lower", "ex.south.lakeside.meadow"})


def demo_world() -> DemoWorld:
    """The one demo world; calling it twice gives equal worlds."""
    jurisdictions = tuple(_jurisdiction(code, name) for code, name in _TREE)
    return DemoWorld(
        jurisdictions=jurisdictions,
        offices=tuple(_office(node) for node in jurisdictions if node.code not in _WITHOUT_OFFICE),
        staff=_staff(),
        platforms=_PLATFORMS,
    )


def _jurisdiction(code: str, name: str) -> JurisdictionSeed:
    parent, _, _ = code.rpartition(".")
    return JurisdictionSeed(code=code, name=name, level=LEVELS[code.count(".")], parent=parent or None)


def _office(node: JurisdictionSeed) -> OfficeSeed:
    name = "National" if node.level == "national" else node.name
    return OfficeSeed(id=f"office.{node.code}", name=f"{name} Online Content Office", jurisdiction=node.code)


def _staff() -> tuple[StaffSeed, ...]:
    return (
        _regulator("admin", "Avery Quinn", "administrator", "ex"),
        _regulator("auditor", "Morgan Hale", "auditor", "ex"),
        _regulator("supervisor", "Jordan Blake", "supervisor", "ex", seated=True),
        _regulator("officer_north", "Casey Moreau", "regulator_officer", "ex.north", seated=True),
        _regulator("reviewer_harbour", "Riley Okafor", "reviewer", "ex.north.harbour", seated=True),
        _regulator("officer_harbour", "Alex Petrov", "regulator_officer", "ex.north.harbour", seated=True),
        # Two neighbouring counties of one city, for cases that cross a county line.
        _regulator("officer_harbour_east", "Sam Lindqvist", "regulator_officer", "ex.north.harbour.east", seated=True),
        _regulator("officer_harbour_west", "Noor Haddad", "regulator_officer", "ex.north.harbour.west", seated=True),
        _regulator("officer_south", "Robin Achebe", "regulator_officer", "ex.south", seated=True),
        _regulator("reviewer_hillview", "Sasha Ivanova", "reviewer", "ex.south.hillview", seated=True),
        _platform_staff("chirp_admin", "Dana Reyes", "platform_admin", "chirp"),
        _platform_staff("chirp_moderator", "Kim Tanaka", "platform_moderator", "chirp"),
        _platform_staff("marketly_admin", "Lee Brennan", "platform_admin", "marketly"),
        _platform_staff("marketly_moderator", "Pat Novak", "platform_moderator", "marketly"),
    )


def _regulator(username: str, display_name: str, role: str, jurisdiction: str, *, seated: bool = False) -> StaffSeed:
    """A regulator with one grant; ``seated`` puts them in the office of that jurisdiction."""
    office = f"office.{jurisdiction}" if seated else None
    return StaffSeed(username, display_name, (GrantSeed(role, jurisdiction=jurisdiction),), office=office)


def _platform_staff(username: str, display_name: str, role: str, platform: str) -> StaffSeed:
    return StaffSeed(username, display_name, (GrantSeed(role, platform=platform),))
