"""A country of its own for each case test, inside one test world per module and backend.

Opening a world costs far more than a case test, and case tests that only route, step, move
or read their own cases need no world of their own: each gets a fresh country (``t7``, with
the test world's shape: t7 > t7.north > t7.north.harbour > .east/.west, t7.south; an office
on every node but Harbour West; the same staff, named ``t7_officer_east``...). Routing,
workload, scopes and escalation never leave a country, so tests cannot see each other's
cases. Tests of the sweep (which works across the database) take a world of their own.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from netgov.core.actions import Severity
from netgov.core.taxonomy import Category
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.identity.principal import Grant, Principal
from netgov.identity.roles import Role
from netgov.service.cases import open_case, step_case
from netgov.service.permissions import SYSTEM
from netgov.service.places import add_jurisdiction, add_office
from netgov.service.staff import create_staff
from netgov.store.tables import AuditEventRow, CaseEventRow, CaseRow
from tests.service.support import staff
from tests.service_world import PASSWORD, START, World

_numbers = itertools.count(1)
_refs = itertools.count(1)

EAST = ".north.harbour.east"
WEST = ".north.harbour.west"

_PLACES = [
    ("", "national", None),
    (".north", "provincial", ""),
    (".north.harbour", "city", ".north"),
    (EAST, "county", ".north.harbour"),
    (WEST, "county", ".north.harbour"),
    (".south", "provincial", ""),
]
_OFFICES = {"ex": "", "north": ".north", "harbour": ".north.harbour", "east": EAST, "south": ".south"}
# username: (role, scope, office it is seated in or None)
_STAFF = {
    "supervisor": (Role.SUPERVISOR, "", "ex"),
    "officer_north": (Role.REGULATOR_OFFICER, ".north", "north"),
    "reviewer_harbour": (Role.REVIEWER, ".north.harbour", "harbour"),
    "officer_east": (Role.REGULATOR_OFFICER, EAST, "east"),
    "officer_west": (Role.REGULATOR_OFFICER, WEST, None),
    "auditor": (Role.AUDITOR, "", None),
}


@dataclass
class Country:
    world: World
    code: str
    at: datetime = START  # the time every step is dated; tests move it by hand

    def place(self, suffix: str = "") -> str:
        return self.code + suffix

    def office(self, name: str) -> str:
        return f"{self.code}-office-{name}"

    def name(self, username: str) -> str:
        return f"{self.code}_{username}"

    def staff(self, username: str) -> Principal:
        return staff(self.world, self.name(username))

    def username(self, staff_id: str | None) -> str | None:
        """The country-local username of a staff id (``officer_east``), None for None."""
        if staff_id is None:
            return None
        with self.world.runtime.uow() as uow:
            row = uow.identity.staff(staff_id)
            assert row is not None
            return row.username.removeprefix(self.code + "_")

    def seat(self, username: str, office: str, suffix: str, *, role: Role = Role.REVIEWER, capacity: int = 20) -> None:
        _create(
            self.world,
            self.name(username),
            Grant(role=role, jurisdiction=self.place(suffix)),
            self.office(office),
            capacity,
        )

    def open(self, suffix: str = EAST, *, actor: Principal = SYSTEM, **fields: Any) -> CaseRow:
        """A case opened and committed, from a report with a fresh reference unless told otherwise."""
        values: dict[str, Any] = {
            "source": CaseSource.REPORT,
            "source_ref": f"notice-{next(_refs)}",
            "category": Category.SCAMS_AND_FRAUD,
            "severity": Severity.MEDIUM,
            "regulation": "dsa",
            "article": "16",
        }
        values.update(fields)
        with self.world.runtime.uow(write=True) as uow:
            case = open_case(uow, actor=actor, jurisdiction=self.place(suffix), at=self.at, **values)
            uow.commit()
        return case

    def step(self, username: str, case_id: str, to: CaseState, outcome: CaseOutcome | None = None) -> CaseRow:
        with self.world.runtime.uow(write=True) as uow:
            actor = self.staff(username)
            policy = self.world.runtime.statement_policy
            why = f"to {to}"
            case = step_case(
                uow, actor=actor, case_id=case_id, to=to, reason=why, outcome=outcome, at=self.at, policy=policy
            )
            uow.commit()
        return case

    def run(self, action: Callable[..., Any], username: str, **arguments: Any) -> Any:
        """Call a case service as ``username`` at ``self.at`` and commit."""
        with self.world.runtime.uow(write=True) as uow:
            result = action(uow, actor=self.staff(username), at=self.at, **arguments)
            uow.commit()
        return result

    def case(self, case_id: str) -> CaseRow:
        with self.world.runtime.uow() as uow:
            row = uow.cases.case(case_id)
            assert row is not None
            return row

    def timeline(self, case_id: str) -> list[CaseEventRow]:
        with self.world.runtime.uow() as uow:
            return list(uow.cases.events(case_id))

    def audited(self, case_id: str) -> list[str]:
        """The audit actions about the case, in chain order."""
        query = (
            select(AuditEventRow.action).where(AuditEventRow.object == f"case:{case_id}").order_by(AuditEventRow.seq)
        )
        with self.world.runtime.uow() as uow:
            return list(uow.session.scalars(query))


def make_country(world: World) -> Country:
    country = Country(world=world, code=f"t{next(_numbers)}")
    with world.runtime.uow(write=True) as uow:
        for suffix, level, parent in _PLACES:
            code, up = country.place(suffix), None if parent is None else country.place(parent)
            add_jurisdiction(uow, actor=SYSTEM, code=code, name=code, level=level, parent=up, at=START)
        for name, suffix in _OFFICES.items():
            office = country.office(name)
            add_office(
                uow,
                actor=SYSTEM,
                office_id=office,
                name=f"{name.title()} Office",
                jurisdiction=country.place(suffix),
                at=START,
            )
        uow.commit()
    for username, (role, suffix, office) in _STAFF.items():
        seat = None if office is None else country.office(office)
        _create(world, country.name(username), Grant(role=role, jurisdiction=country.place(suffix)), seat, 20)
    return country


def _create(world: World, username: str, grant: Grant, office: str | None, capacity: int) -> None:
    with world.runtime.uow(write=True) as uow:
        create_staff(
            uow,
            actor=SYSTEM,
            username=username,
            display_name=username.replace("_", " ").title(),
            password=PASSWORD,
            grants=(grant,),
            passwords=world.runtime.passwords,
            at=START,
            office=office,
            weekly_capacity=capacity,
        )
        uow.commit()


@pytest.fixture
def country(shared_world: World) -> Country:
    """A fresh country in the module's shared world (see the module docstring)."""
    return make_country(shared_world)
