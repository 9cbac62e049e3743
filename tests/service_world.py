"""A small world for service, API and console tests, on SQLite or PostgreSQL.

Jurisdictions ex > ex.north > ex.north.harbour > {ex.north.harbour.east, .west}, and
ex.south; platforms chirp (seat ex.north.harbour) and marketly (ex.south); one staff
account per role; one API key per platform. ``World`` carries the passwords and keys.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher

from netgov import Rulebook, load_rulebook
from netgov.identity import Grant, Role
from netgov.identity.secrets import Passwords
from netgov.service.api_keys import issue_key
from netgov.service.permissions import SYSTEM
from netgov.service.places import add_jurisdiction, add_office, add_platform
from netgov.service.runtime import Runtime
from netgov.service.staff import create_staff
from netgov.settings import Settings
from netgov.store.database import connect
from netgov.store.schema import upgrade

START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery staple"

JURISDICTIONS = [
    ("ex", "Examplia", "national", None),
    ("ex.north", "North Province", "provincial", "ex"),
    ("ex.north.harbour", "Harbour City", "city", "ex.north"),
    ("ex.north.harbour.east", "Harbour East County", "county", "ex.north.harbour"),
    ("ex.north.harbour.west", "Harbour West County", "county", "ex.north.harbour"),
    ("ex.south", "South Province", "provincial", "ex"),
]

# Harbour West has no office of its own: its work goes to the Harbour City office.
OFFICES = [
    ("office-ex", "National Online Content Office", "ex"),
    ("office-north", "North Province Office", "ex.north"),
    ("office-harbour", "Harbour City Office", "ex.north.harbour"),
    ("office-east", "Harbour East County Office", "ex.north.harbour.east"),
    ("office-south", "South Province Office", "ex.south"),
]

# Where regulator staff work; the rest (administrators, auditors, platform staff) sit in no office.
SEATS = {
    "supervisor": "office-ex",
    "officer_north": "office-north",
    "reviewer_harbour": "office-harbour",
    "officer_east": "office-east",
}

STAFF: dict[str, tuple[Grant, ...]] = {
    "admin": (Grant(role=Role.ADMINISTRATOR, jurisdiction="ex"),),
    "auditor": (Grant(role=Role.AUDITOR, jurisdiction="ex"),),
    "supervisor": (Grant(role=Role.SUPERVISOR, jurisdiction="ex"),),
    "officer_north": (Grant(role=Role.REGULATOR_OFFICER, jurisdiction="ex.north"),),
    "reviewer_harbour": (Grant(role=Role.REVIEWER, jurisdiction="ex.north.harbour"),),
    "officer_east": (Grant(role=Role.REGULATOR_OFFICER, jurisdiction="ex.north.harbour.east"),),
    "officer_west": (Grant(role=Role.REGULATOR_OFFICER, jurisdiction="ex.north.harbour.west"),),
    "chirp_admin": (Grant(role=Role.PLATFORM_ADMIN, platform="chirp"),),
    "chirp_moderator": (Grant(role=Role.PLATFORM_MODERATOR, platform="chirp"),),
    "marketly_moderator": (Grant(role=Role.PLATFORM_MODERATOR, platform="marketly"),),
}


def migrate(url: str) -> None:
    """Bring the database to the head revision; a new SQLite file is a copy of one migrated
    once per test process (the migrations themselves are tested in tests/store)."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            path.write_bytes(_migrated_sqlite())
            return
    database = connect(url)
    upgrade(database)
    database.dispose()


@functools.cache
def _migrated_sqlite() -> bytes:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "template.sqlite"
        database = connect(f"sqlite:///{path}")
        upgrade(database)
        database.dispose()
        return path.read_bytes()


@functools.cache
def bundled_rulebook() -> Rulebook:
    return load_rulebook(at=START)


@dataclass
class Clock:
    """A clock tests move by hand."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class World:
    runtime: Runtime
    clock: Clock
    keys: dict[str, str] = field(default_factory=dict)


def open_world(url: str, data_dir: Path, **settings: object) -> Iterator[World]:
    config = Settings(database_url=url, data_dir=data_dir, **settings)  # type: ignore[arg-type]
    migrate(url)
    clock = Clock()
    # Cheap hashing parameters: the tests are about the workflow, not argon2's cost.
    cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    runtime = Runtime.open(config, clock=clock, rulebook=bundled_rulebook(), passwords=cheap)
    world = World(runtime=runtime, clock=clock)
    with runtime.uow(write=True) as uow:
        for code, name, level, parent in JURISDICTIONS:
            add_jurisdiction(uow, actor=SYSTEM, code=code, name=name, level=level, parent=parent, at=clock())
        for office_id, name, jurisdiction in OFFICES:
            add_office(uow, actor=SYSTEM, office_id=office_id, name=name, jurisdiction=jurisdiction, at=clock())
        add_platform(uow, actor=SYSTEM, platform_id="chirp", name="Chirp", jurisdiction="ex.north.harbour", at=clock())
        add_platform(uow, actor=SYSTEM, platform_id="marketly", name="Marketly", jurisdiction="ex.south", at=clock())
        for username, grants in STAFF.items():
            create_staff(
                uow,
                actor=SYSTEM,
                username=username,
                display_name=username.replace("_", " ").title(),
                password=PASSWORD,
                grants=grants,
                passwords=runtime.passwords,
                at=clock(),
                office=SEATS.get(username),
            )
        for platform in ("chirp", "marketly"):
            world.keys[platform] = issue_key(uow, actor=SYSTEM, platform_id=platform, name="tests", at=clock())
        uow.commit()
    try:
        yield world
    finally:
        runtime.close()
