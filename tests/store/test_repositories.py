"""The places, identity and audit repositories' contract, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from netgov.audit import EMPTY_HEAD, verify_chain
from netgov.audit.checkpoints import Checkpoint
from netgov.store.tables import (
    ApiKeyRow,
    GrantRow,
    JurisdictionRow,
    OfficeRow,
    PlatformRow,
    StaffRow,
    WebSessionRow,
)
from netgov.store.unit_of_work import UnitOfWork
from tests.audit import build_chain
from tests.store.rows import T0, add_places, migrated


@pytest.fixture
def store(database: str) -> Iterator[Engine]:
    engine = migrated(database)
    yield engine
    engine.dispose()


def _staff(username: str) -> StaffRow:
    return StaffRow(
        id=f"id-{username}",
        username=username,
        display_name=username.title(),
        password_hash="x",
        created_at=T0,
        failed_sign_ins=0,
        disabled=False,
    )


def _session(token: str, expires_in: timedelta) -> WebSessionRow:
    return WebSessionRow(
        token_digest=token, staff_id="id-ann", csrf_token="c", created_at=T0, expires_at=T0 + expires_in
    )


def _key(lookup: str, platform: str, minute: int) -> ApiKeyRow:
    return ApiKeyRow(
        lookup=lookup,
        platform_id=platform,
        name=f"key {lookup}",
        digest="d" * 64,
        created_at=T0 + timedelta(minutes=minute),
        created_by="system:netgov",
    )


# --- places ---------------------------------------------------------------------------


def test_jurisdictions_offices_and_platforms_are_stored_and_listed_in_order(store: Engine) -> None:
    with UnitOfWork(store, write=True) as uow:
        uow.places.add(JurisdictionRow(code="ex", name="Examplia", level="national", parent_code=None))
        uow.places.add(
            JurisdictionRow(code="ex.south", name="South", level="provincial", parent_code="ex"),
            JurisdictionRow(code="ex.north", name="North", level="provincial", parent_code="ex"),
            OfficeRow(id="o-south", name="South office", jurisdiction_code="ex.south"),
            OfficeRow(id="o-nat", name="National office", jurisdiction_code="ex"),
            PlatformRow(id="marketly", name="Marketly", jurisdiction_code="ex.south", created_at=T0),
            PlatformRow(id="chirp", name="Chirp", jurisdiction_code=None, created_at=T0),
        )
        uow.commit()
    with UnitOfWork(store, write=False) as uow:
        assert [j.code for j in uow.places.jurisdictions()] == ["ex", "ex.north", "ex.south"]
        assert [o.id for o in uow.places.offices()] == ["o-nat", "o-south"]
        assert [p.id for p in uow.places.platforms()] == ["chirp", "marketly"]
        north, marketly = uow.places.jurisdiction("ex.north"), uow.places.platform("marketly")
        assert north is not None
        assert (north.name, north.parent_code) == ("North", "ex")
        assert marketly is not None
        assert (marketly.jurisdiction_code, marketly.created_at) == ("ex.south", T0)
        office = uow.places.office("o-south")
        assert office is not None
        assert office.jurisdiction_code == "ex.south"
        assert uow.places.office("o-west") is None
        assert uow.places.jurisdiction("ex.west") is None
        assert uow.places.platform("nope") is None


# --- identity -------------------------------------------------------------------------


def test_staff_and_their_grants_are_found_by_username_and_id(store: Engine) -> None:
    with UnitOfWork(store, write=True) as uow:
        add_places(uow, "chirp", jurisdictions=["ex", "ex.north"])
        uow.identity.add(_staff("zed"), _staff("ann"))
        uow.identity.add(
            GrantRow(staff_id="id-ann", role="regulator_officer", jurisdiction_code="ex.north"),
            GrantRow(staff_id="id-ann", role="platform_moderator", platform_id="chirp"),
            GrantRow(staff_id="id-zed", role="auditor", jurisdiction_code="ex"),
        )
        uow.commit()
    with UnitOfWork(store, write=False) as uow:
        ann = uow.identity.staff_by_username("ann")
        assert ann is not None
        assert ann.id == "id-ann"
        assert uow.identity.staff("id-zed") is not None
        assert uow.identity.staff_by_username("bob") is None
        assert [s.username for s in uow.identity.all_staff()] == ["ann", "zed"]
        grants = [(g.role, g.jurisdiction_code, g.platform_id) for g in uow.identity.grants_of("id-ann")]
        assert grants == [("regulator_officer", "ex.north", None), ("platform_moderator", None, "chirp")]


def test_purging_sessions_removes_only_expired_ones(store: Engine) -> None:
    with UnitOfWork(store, write=True) as uow:
        uow.identity.add(_staff("ann"))
        uow.identity.add(_session("old", timedelta(hours=1)), _session("edge", timedelta(hours=2)))
        uow.identity.add(_session("new", timedelta(hours=3)))
        assert uow.identity.purge_sessions(T0 + timedelta(hours=2)) == 2
        uow.commit()
    with UnitOfWork(store, write=False) as uow:
        assert [uow.identity.session(t) is not None for t in ("old", "edge", "new")] == [False, False, True]


def test_an_ended_session_is_gone(store: Engine) -> None:
    with UnitOfWork(store, write=True) as uow:
        uow.identity.add(_staff("ann"))
        uow.identity.add(_session("s1", timedelta(hours=1)), _session("s2", timedelta(hours=1)))
        uow.identity.end_session("s1")
        uow.commit()
    with UnitOfWork(store, write=False) as uow:
        assert uow.identity.session("s1") is None
        session = uow.identity.session("s2")
        assert session is not None
        assert session.expires_at == T0 + timedelta(hours=1)


def test_api_keys_are_listed_per_platform_in_issue_order_and_touched(store: Engine) -> None:
    with UnitOfWork(store, write=True) as uow:
        add_places(uow, "chirp", "marketly")
        uow.identity.add(_key("k2", "chirp", 2), _key("k1", "chirp", 1), _key("m1", "marketly", 0))
        uow.identity.touch_keys({"k1": T0 + timedelta(hours=1), "m1": T0 + timedelta(hours=2)})
        uow.commit()
    with UnitOfWork(store, write=False) as uow:
        assert [k.lookup for k in uow.identity.api_keys("chirp")] == ["k1", "k2"]
        assert [k.lookup for k in uow.identity.api_keys()] == ["m1", "k1", "k2"]
        used = {k.lookup: k.last_used_at for k in uow.identity.api_keys()}
        assert used == {"k1": T0 + timedelta(hours=1), "k2": None, "m1": T0 + timedelta(hours=2)}
        assert uow.identity.api_key("zz") is None


# --- audit ----------------------------------------------------------------------------


def test_an_empty_log_has_the_empty_head(store: Engine) -> None:
    with UnitOfWork(store, write=True) as uow:
        assert uow.audit.lock_head() == EMPTY_HEAD
        assert uow.audit.head() == EMPTY_HEAD
        assert list(uow.audit.events()) == []


def test_appended_events_read_back_in_order_across_read_batches(store: Engine) -> None:
    chain = build_chain(11)
    with UnitOfWork(store, write=True) as uow:
        uow.audit.append(chain[:4])
        uow.audit.append(chain[4:])
        uow.commit()
    with UnitOfWork(store, write=False) as uow:
        assert list(uow.audit.events(batch=3)) == chain
        assert list(uow.audit.events(start=5, batch=2)) == chain[4:]
        assert verify_chain(uow.audit.events(batch=4)).ok
        head = uow.audit.head()
    assert (head.seq, head.hash) == (11, chain[-1].hash)


def test_one_event_and_recent_events_are_read_by_seq(store: Engine) -> None:
    chain = build_chain(6)
    with UnitOfWork(store, write=True) as uow:
        uow.audit.append(chain)
        uow.commit()
    with UnitOfWork(store, write=False) as uow:
        assert uow.audit.event(3) == chain[2]
        assert uow.audit.event(7) is None
        assert [e.seq for e in uow.audit.recent(limit=2)] == [6, 5]
        assert [e.seq for e in uow.audit.recent(limit=3, before=3)] == [2, 1]


def test_checkpoints_are_kept_in_seq_order(store: Engine) -> None:
    def checkpoint(seq: int) -> Checkpoint:
        return Checkpoint(
            seq=seq, head_hash="h" * 64, at=T0 + timedelta(seconds=seq), log="netgov", key_id="k" * 16, signature="s"
        )

    with UnitOfWork(store, write=True) as uow:
        uow.audit.add_checkpoint(checkpoint(9))
        uow.audit.add_checkpoint(checkpoint(4))
        uow.commit()
    with UnitOfWork(store, write=False) as uow:
        rows = uow.audit.checkpoints()
    assert [(row.seq, row.at) for row in rows] == [(4, T0 + timedelta(seconds=4)), (9, T0 + timedelta(seconds=9))]
