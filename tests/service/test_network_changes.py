"""Changes to the jurisdiction tree keep history: rename, move, split, merge and retire, each
with history rows for every code touched and an audit event; and the refusals."""

from __future__ import annotations

import pytest

from netgov.errors import ConflictError, InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.service.jurisdiction_changes import history, merge, move, rename, retire, split
from netgov.service.offices import add_office
from netgov.service.permissions import SYSTEM
from netgov.service.places import add_jurisdiction
from tests.service.support import audit_actions, staff
from tests.service_world import World

WEST, EAST = "ex.north.harbour.west", "ex.north.harbour.east"


def _retired(world: World, code: str) -> bool:
    with world.runtime.uow() as uow:
        row = uow.places.jurisdiction(code)
    assert row is not None
    return row.retired_at is not None


def test_a_rename_keeps_the_code_and_the_old_name_in_history(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        rename(uow, actor=SYSTEM, code=WEST, name="West Harbour County", reason="local vote", at=world.clock())
        uow.commit()
    with world.runtime.uow() as uow:
        (_, renamed) = history(uow, code=WEST)
    assert (renamed.kind, renamed.reason, renamed.details["before"], renamed.details["after"]) == (
        "rename",
        "local vote",
        {"name": "Harbour West County"},
        {"name": "West Harbour County"},
    )
    assert audit_actions(world, "jurisdiction.rename") == [f"jurisdiction:{WEST}"]


def test_a_split_retires_the_node_into_new_siblings_at_its_level(world: World) -> None:
    into = {"ex.north.harbour.docks": "Docks County", "ex.north.harbour.hills": "Hills County"}
    with world.runtime.uow(write=True) as uow:
        done = split(uow, actor=SYSTEM, code=WEST, into=into, reason="reform", at=world.clock())
        uow.commit()
    assert (done.retired, done.created) == ((WEST,), tuple(into))
    assert _retired(world, WEST)
    with world.runtime.uow() as uow:
        docks = uow.places.jurisdiction("ex.north.harbour.docks")
        entries = [history(uow, code=code)[-1] for code in (WEST, *into)]
    assert docks is not None
    assert (docks.level, docks.parent_code) == ("county", "ex.north.harbour")
    assert {entry.kind for entry in entries} == {"split"}
    assert entries[0].details["after"]["codes"] == list(into)
    assert audit_actions(world, "jurisdiction.split") == [f"jurisdiction:{WEST}"]


def test_a_merge_into_a_new_node_retires_the_siblings_and_reports_their_offices(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        done = merge(
            uow,
            actor=SYSTEM,
            codes=[EAST, WEST],
            into="ex.north.harbour.bay",
            name="Bay County",
            reason="r",
            at=world.clock(),
        )
        uow.commit()
    assert (done.retired, done.created, done.stranded) == ((EAST, WEST), ("ex.north.harbour.bay",), ("office-east",))
    assert [_retired(world, code) for code in (EAST, WEST)] == [True, True]
    with world.runtime.uow() as uow:
        (entry,) = history(uow, code="ex.north.harbour.bay")
    assert entry.details["before"] == {"codes": [EAST, WEST]}


def test_a_merge_into_an_existing_sibling_keeps_it(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        done = merge(uow, actor=SYSTEM, codes=[WEST], into=EAST, reason="r", at=world.clock())
        uow.commit()
    assert (done.retired, done.created) == ((WEST,), ())
    assert not _retired(world, EAST)


def test_a_retired_node_takes_no_children_offices_or_changes(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        retire(uow, actor=SYSTEM, code=WEST, reason="abolished", at=world.clock())
        uow.commit()
    assert audit_actions(world, "jurisdiction.retire") == [f"jurisdiction:{WEST}"]
    with pytest.raises(InvalidRequestError, match="is retired"), world.runtime.uow(write=True) as uow:
        add_jurisdiction(uow, actor=SYSTEM, code=f"{WEST}.x", name="X", level="district", parent=WEST, at=world.clock())
    with pytest.raises(InvalidRequestError, match="is retired"), world.runtime.uow(write=True) as uow:
        add_office(uow, actor=SYSTEM, office_id="office-west", name="West", jurisdiction=WEST, at=world.clock())
    with pytest.raises(ConflictError, match="is retired"), world.runtime.uow(write=True) as uow:
        rename(uow, actor=SYSTEM, code=WEST, name="Again", reason="r", at=world.clock())


def test_a_node_with_active_children_cannot_be_retired_split_or_merged(world: World) -> None:
    with (
        pytest.raises(
            ConflictError, match=r"still has active children \(ex.north.harbour.east, ex.north.harbour.west\)"
        ),
        world.runtime.uow(write=True) as uow,
    ):
        retire(uow, actor=SYSTEM, code="ex.north.harbour", reason="r", at=world.clock())
    with pytest.raises(ConflictError, match="still has active children"), world.runtime.uow(write=True) as uow:
        split(uow, actor=SYSTEM, code="ex.north", into={"ex.n1": "A", "ex.n2": "B"}, reason="r", at=world.clock())
    with pytest.raises(ConflictError, match="still has active children"), world.runtime.uow(write=True) as uow:
        merge(
            uow, actor=SYSTEM, codes=["ex.north", "ex.south"], into="ex.all", name="All", reason="r", at=world.clock()
        )


def test_only_siblings_merge_and_a_split_needs_two_parts(shared_world: World) -> None:
    world = shared_world
    with pytest.raises(InvalidRequestError, match="only siblings"), world.runtime.uow(write=True) as uow:
        merge(uow, actor=SYSTEM, codes=[WEST, "ex.south"], into="ex.x", name="X", reason="r", at=world.clock())
    with pytest.raises(InvalidRequestError, match="at least two"), world.runtime.uow(write=True) as uow:
        split(uow, actor=SYSTEM, code=WEST, into={"ex.north.harbour.a": "A"}, reason="r", at=world.clock())
    with pytest.raises(InvalidRequestError, match="needs a reason"), world.runtime.uow(write=True) as uow:
        retire(uow, actor=SYSTEM, code=WEST, reason=" ", at=world.clock())
    with pytest.raises(NotFoundError), world.runtime.uow(write=True) as uow:
        retire(uow, actor=SYSTEM, code="ex.nowhere", reason="r", at=world.clock())


def test_a_move_recreates_the_subtree_under_the_new_parent_with_its_offices(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        done = move(
            uow, actor=SYSTEM, code="ex.north.harbour", parent="ex.south", reason="boundary change", at=world.clock()
        )
        uow.commit()
    assert done.created == ("ex.south.harbour", "ex.south.harbour.east", "ex.south.harbour.west")
    assert all(_retired(world, code) for code in done.retired)
    with world.runtime.uow() as uow:
        office = uow.places.office("office-east")
        moved = history(uow, code="ex.south.harbour.east")
    assert office is not None
    assert office.jurisdiction_code == "ex.south.harbour.east"
    assert [(e.kind, e.details["codes"]) for e in moved] == [("move", [EAST, "ex.south.harbour.east"])]


def test_a_node_cannot_move_under_its_own_subtree(shared_world: World) -> None:
    with pytest.raises(InvalidRequestError, match="lies within it"), shared_world.runtime.uow(write=True) as uow:
        move(uow, actor=SYSTEM, code="ex.north", parent="ex.north.harbour", reason="r", at=shared_world.clock())


def test_an_officer_may_not_change_the_tree(shared_world: World) -> None:
    officer = staff(shared_world, "officer_north")
    with (
        pytest.raises(PermissionDeniedError, match=r"jurisdiction\.manage"),
        shared_world.runtime.uow(write=True) as uow,
    ):
        rename(uow, actor=officer, code=WEST, name="Mine", reason="r", at=shared_world.clock())


def test_a_national_administrator_may_retire_a_county(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        retire(uow, actor=staff(world, "admin"), code=WEST, reason="abolished", at=world.clock())
        uow.commit()
    with world.runtime.uow() as uow:
        (_, retired) = history(uow, code=WEST)
    assert (retired.kind, retired.actor) == ("retire", "staff:admin")
