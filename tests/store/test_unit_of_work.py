"""The unit of work and the shared column types, on SQLite and PostgreSQL: only a commit
keeps anything, and times are aware UTC on the way out whatever zone they came in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import StatementError

from netgov.store.tables import PlatformRow
from netgov.store.unit_of_work import UnitOfWork
from tests.store.rows import T0, Row, add_places, insert_decisions, migrated


@pytest.fixture
def store(database: str) -> Iterator[Engine]:
    engine = migrated(database)
    yield engine
    engine.dispose()


def test_a_write_that_is_not_committed_leaves_nothing_behind(store: Engine) -> None:
    with UnitOfWork(store, write=True) as uow:
        add_places(uow, "chirp", jurisdictions=["ex"])
        insert_decisions(uow, [Row(id="d1")])
        uow.audit.append([])
    with UnitOfWork(store, write=False) as uow:
        assert (uow.places.platforms(), uow.places.jurisdictions(), uow.decisions.get("d1")) == ([], [], None)


def _fail_after_a_write(engine: Engine) -> None:
    with UnitOfWork(engine, write=True) as uow:
        add_places(uow, "chirp")
        raise LookupError("the request failed after its first write")


def test_a_write_that_raises_midway_is_rolled_back_whole(store: Engine) -> None:
    with pytest.raises(LookupError):
        _fail_after_a_write(store)
    with UnitOfWork(store, write=False) as uow:
        assert uow.places.platforms() == []


def test_a_read_only_unit_of_work_refuses_to_commit(store: Engine) -> None:
    with UnitOfWork(store, write=False) as uow, pytest.raises(RuntimeError, match="read-only"):
        uow.commit()


def test_rows_stay_readable_after_the_unit_of_work_ends(store: Engine) -> None:
    with UnitOfWork(store, write=True) as uow:
        add_places(uow, "chirp")
        uow.commit()
    with UnitOfWork(store, write=False) as uow:
        (platform,) = uow.places.platforms()
    assert platform.name == "Chirp"


@pytest.mark.parametrize(
    "zone", [UTC, timezone(timedelta(hours=9)), timezone(timedelta(hours=-3, minutes=-30))], ids=["utc", "+9", "-3:30"]
)
def test_an_aware_time_comes_back_as_the_same_instant_in_utc(store: Engine, zone: timezone) -> None:
    sent = datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=UTC).astimezone(zone)
    with UnitOfWork(store, write=True) as uow:
        uow.places.add(PlatformRow(id="chirp", name="Chirp", jurisdiction_code=None, created_at=sent))
        uow.commit()
    with UnitOfWork(store, write=False) as uow:
        platform = uow.places.platform("chirp")
    assert platform is not None
    assert platform.created_at == sent
    assert platform.created_at.tzinfo is UTC


def test_a_naive_time_is_refused(store: Engine) -> None:
    with pytest.raises(StatementError, match="naive datetime"), UnitOfWork(store, write=True) as uow:
        uow.places.add(
            PlatformRow(id="chirp", name="Chirp", jurisdiction_code=None, created_at=T0.replace(tzinfo=None))
        )


def test_a_value_the_database_refuses_is_an_invalid_request(database: str) -> None:
    import pytest
    from sqlalchemy import select

    from netgov.errors import InvalidRequestError
    from netgov.store.database import connect
    from netgov.store.schema import upgrade
    from netgov.store.tables import StaffRow
    from netgov.store.unit_of_work import UnitOfWork

    engine = connect(database)
    upgrade(engine)
    query = select(StaffRow).where(StaffRow.username == "a\x00b")
    try:
        if engine.dialect.name == "postgresql":
            # PostgreSQL refuses NUL in text: a 422 for whoever sent it, not a 500.
            with pytest.raises(InvalidRequestError, match="cannot be stored"), UnitOfWork(engine, write=False) as uow:
                uow.session.scalars(query).all()
        else:
            with UnitOfWork(engine, write=False) as uow:
                assert uow.session.scalars(query).all() == []
    finally:
        engine.dispose()
