"""Creating jurisdictions, offices and platforms, on SQLite and PostgreSQL: the tree's
rules, clear refusals, and an audit event for each creation."""

from __future__ import annotations

import pytest

from netgov.errors import ConflictError, InvalidRequestError, PermissionDeniedError
from netgov.service.permissions import SYSTEM
from netgov.service.places import add_jurisdiction, add_office, add_platform
from tests.service.support import audit_actions
from tests.service_world import World


def _jurisdiction(world: World, code: str, parent: str | None, level: str = "county") -> None:
    with world.runtime.uow(write=True) as uow:
        add_jurisdiction(uow, actor=SYSTEM, code=code, name=code.title(), level=level, parent=parent, at=world.clock())
        uow.commit()


def _office(world: World, office_id: str, jurisdiction: str) -> None:
    with world.runtime.uow(write=True) as uow:
        add_office(uow, actor=SYSTEM, office_id=office_id, name="Office", jurisdiction=jurisdiction, at=world.clock())
        uow.commit()


def _platform(world: World, platform_id: str, jurisdiction: str | None) -> None:
    with world.runtime.uow(write=True) as uow:
        add_platform(uow, actor=SYSTEM, platform_id=platform_id, name="P", jurisdiction=jurisdiction, at=world.clock())
        uow.commit()


def test_a_jurisdiction_is_added_under_its_parent_and_audited(shared_world: World) -> None:
    _jurisdiction(shared_world, "ex.south.dunes", "ex.south")
    with shared_world.runtime.uow() as uow:
        row = uow.places.jurisdiction("ex.south.dunes")
    assert row is not None
    assert (row.parent_code, row.level) == ("ex.south", "county")
    assert "jurisdiction:ex.south.dunes" in audit_actions(shared_world, "jurisdiction.create")


@pytest.mark.parametrize(
    ("code", "parent", "level", "refusal"),
    [
        ("ex.south.x", "ex.nowhere", "county", "parent jurisdiction 'ex.nowhere' does not exist"),
        ("ex.norther", "ex.north", "county", "starts with its parent's"),
        ("ex.south.y", "ex.south", "Village!", "level .Village!. is not"),
    ],
    ids=["unknown parent", "code outside the parent", "malformed level"],
)
def test_a_jurisdiction_that_does_not_fit_the_tree_is_refused(
    shared_world: World, code: str, parent: str, level: str, refusal: str
) -> None:
    with pytest.raises(InvalidRequestError, match=refusal):
        _jurisdiction(shared_world, code, parent, level)


def test_a_jurisdiction_code_is_taken_once(shared_world: World) -> None:
    with pytest.raises(ConflictError, match=r"'ex\.north' exists"):
        _jurisdiction(shared_world, "ex.north", "ex", "provincial")


def test_an_office_sits_in_a_known_jurisdiction(shared_world: World) -> None:
    _office(shared_world, "harbour-east-office", "ex.north.harbour.east")
    with pytest.raises(InvalidRequestError, match=r"no jurisdiction 'ex\.atlantis'"):
        _office(shared_world, "atlantis-office", "ex.atlantis")
    assert audit_actions(shared_world, "office.create").count("office:harbour-east-office") == 1


def test_an_office_id_is_taken_once(shared_world: World) -> None:
    _office(shared_world, "south-office", "ex.south")
    with pytest.raises(ConflictError, match="'south-office' exists"):
        _office(shared_world, "south-office", "ex.north")


def test_a_platform_is_seated_in_a_known_jurisdiction_or_none(shared_world: World) -> None:
    _platform(shared_world, "pebble", None)
    with pytest.raises(InvalidRequestError, match=r"no jurisdiction 'ex\.atlantis'"):
        _platform(shared_world, "sunk", "ex.atlantis")
    with pytest.raises(ConflictError, match="'chirp' exists"):
        _platform(shared_world, "chirp", "ex.south")


def test_a_national_administrator_adds_a_county_under_their_tree(world: World) -> None:
    from tests.service.support import staff

    with world.runtime.uow(write=True) as uow:
        add_jurisdiction(
            uow,
            actor=staff(world, "admin"),
            code="ex.south.bay",
            name="Bay City",
            level="city",
            parent="ex.south",
            at=world.clock(),
        )
        uow.commit()
    assert "jurisdiction:ex.south.bay" in audit_actions(world, "jurisdiction.create")


def test_an_officer_may_not_reshape_the_jurisdiction_tree(world: World) -> None:
    from tests.service.support import staff

    officer = staff(world, "officer_north")
    with pytest.raises(PermissionDeniedError, match=r"jurisdiction\.manage"), world.runtime.uow(write=True) as uow:
        add_office(uow, actor=officer, office_id="o1", name="X", jurisdiction="ex.north", at=world.clock())


def test_a_platform_seated_outside_an_administrator_s_tree_is_refused(world: World) -> None:
    from netgov.identity import Grant, Principal, Role

    grant = Grant(role=Role.ADMINISTRATOR, jurisdiction="ex.north")
    north_admin = Principal(kind="staff", id="n", name="North Admin", grants=(grant,))
    with pytest.raises(PermissionDeniedError, match=r"platform\.manage"), world.runtime.uow(write=True) as uow:
        add_platform(uow, actor=north_admin, platform_id="p2", name="P2", jurisdiction="ex.south", at=world.clock())
