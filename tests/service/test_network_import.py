"""Importing jurisdictions through the service: all or nothing, idempotent, history and audit
for each node, ISO 3166 countries with their nested subdivisions, and who may import."""

from __future__ import annotations

import json

import pytest

from netgov.errors import PermissionDeniedError
from netgov.governance.jurisdiction_files import JurisdictionConflictError, JurisdictionFileError, parse
from netgov.identity.principal import Principal
from netgov.service.iso_jurisdictions import iso_nodes, iso_source
from netgov.service.jurisdiction_import import Imported, import_jurisdictions
from netgov.service.permissions import SYSTEM
from tests.service.support import audit_actions, staff
from tests.service_world import World

CSV = """code,name,parent,level
ex.south.dunes.beach,Beach County,ex.south.dunes,
ex.south.dunes,Dunes City,ex.south,city
"""


def _shape(world: World, code: str) -> tuple[str, str, str | None] | None:
    """(name, level, parent) of a stored node; None when there is none."""
    with world.runtime.uow() as uow:
        row = uow.places.jurisdiction(code)
    return None if row is None else (row.name, row.level, row.parent_code)


def _import(world: World, text: str, *, fmt: str = "csv", actor: Principal = SYSTEM, source: str = "t.csv") -> Imported:
    nodes = parse(text, source=source, fmt=fmt)
    with world.runtime.uow(write=True) as uow:
        done = import_jurisdictions(uow, actor=actor, nodes=nodes, source=source, at=world.clock())
        uow.commit()
    return done


def test_a_file_adds_its_nodes_under_stored_parents_with_history_and_audit(world: World) -> None:
    assert _import(world, CSV).created == ("ex.south.dunes", "ex.south.dunes.beach")
    assert _shape(world, "ex.south.dunes.beach") == ("Beach County", "county", "ex.south.dunes")
    with world.runtime.uow() as uow:
        (change,) = uow.places.changes("ex.south.dunes.beach")
    assert (change.kind, change.actor, change.reason) == ("create", "system:netgov", "imported from t.csv")
    assert json.loads(change.details)["after"]["source"] == "t.csv: line 2"
    assert audit_actions(world, "jurisdiction.create")[-2:] == [
        "jurisdiction:ex.south.dunes",
        "jurisdiction:ex.south.dunes.beach",
    ]


def test_importing_the_same_file_again_changes_nothing(world: World) -> None:
    _import(world, CSV)
    again = _import(world, CSV)
    assert (again.created, again.unchanged) == ((), ("ex.south.dunes", "ex.south.dunes.beach"))
    assert audit_actions(world, "jurisdiction.create").count("jurisdiction:ex.south.dunes") == 1


def test_a_json_file_is_imported_the_same_way(shared_world: World) -> None:
    text = '[{"code": "ex.south.bay", "name": "Bay City", "parent": "ex.south", "level": "city"}]'
    assert _import(shared_world, text, fmt="json", source="t.json").created == ("ex.south.bay",)


def test_a_file_with_one_bad_line_writes_nothing(shared_world: World) -> None:
    text = "code,name,parent\nex.south.reef,Reef,ex.south\nex.south.reef.cove,Cove,ex.south.reeef\n"
    with pytest.raises(JurisdictionFileError, match=r"t\.csv: line 3: unknown parent 'ex\.south\.reeef'"):
        _import(shared_world, text)
    assert _shape(shared_world, "ex.south.reef") is None


def test_a_stored_node_with_other_values_is_a_conflict_naming_the_line(shared_world: World) -> None:
    with pytest.raises(JurisdictionConflictError, match=r"t\.csv: line 2: 'ex\.north' exists with other values"):
        _import(shared_world, "code,name,parent,level\nex.north,Northern Province,ex,\n")


def test_a_provincial_administrator_may_not_import_into_another_province(shared_world: World) -> None:
    from netgov.identity import Grant, Principal, Role

    north_admin = Principal(
        kind="staff", id="n", name="North Admin", grants=(Grant(role=Role.ADMINISTRATOR, jurisdiction="ex.north"),)
    )
    with pytest.raises(PermissionDeniedError, match=r"jurisdiction\.manage"):
        _import(shared_world, CSV, actor=north_admin)
    assert _import(shared_world, "code,name,parent\nex.north.mill,Mill,ex.north\n", actor=north_admin).created == (
        "ex.north.mill",
    )


def test_an_officer_may_not_import(shared_world: World) -> None:
    with pytest.raises(PermissionDeniedError):
        _import(shared_world, CSV, actor=staff(shared_world, "officer_north"))


def _import_iso(world: World, country: str, under: str | None = None) -> Imported:
    with world.runtime.uow(write=True) as uow:
        done = import_jurisdictions(
            uow, actor=SYSTEM, nodes=iso_nodes(country, under=under), source=iso_source(country), at=world.clock()
        )
        uow.commit()
    return done


def test_a_small_country_loads_from_iso_3166(shared_world: World) -> None:
    done = _import_iso(shared_world, "LU")
    assert len(done.created) == 13  # Luxembourg and its 12 cantons
    assert _shape(shared_world, "lu") == ("Luxembourg", "country", None)
    assert _shape(shared_world, "lu.ca") == ("Capellen", "canton", "lu")
    assert _import_iso(shared_world, "LUX").unchanged == done.created


def test_subdivisions_nest_under_their_iso_parent(shared_world: World) -> None:
    created = _import_iso(shared_world, "FR").created
    assert len(created) == 125
    assert _shape(shared_world, "fr.ara.01") == ("Ain", "metropolitan department", "fr.ara")
    assert _shape(shared_world, "fr.ara") == ("Auvergne-Rhône-Alpes", "metropolitan region", "fr")


def test_a_country_can_be_placed_under_an_existing_node(shared_world: World) -> None:
    _import_iso(shared_world, "AD", under="ex")
    assert _shape(shared_world, "ex.ad.02") == ("Canillo", "parish", "ex.ad")


def test_an_unknown_country_is_refused() -> None:
    from netgov.errors import InvalidRequestError

    with pytest.raises(InvalidRequestError, match="'XQ' is not an ISO 3166-1"):
        iso_nodes("XQ")
