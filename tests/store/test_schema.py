"""Schema versions on SQLite and PostgreSQL: migrations build exactly the tables the models
describe, and the service refuses a database that has not been upgraded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from netgov.errors import SchemaError
from netgov.store.database import connect
from netgov.store.schema import current_revision, head_revision, require_current, upgrade
from netgov.store.tables import Base


@pytest.fixture
def empty(database: str) -> Iterator[Engine]:
    engine = connect(database)
    yield engine
    engine.dispose()


def test_an_empty_database_is_refused_with_the_command_that_fixes_it(empty: Engine) -> None:
    with pytest.raises(SchemaError) as refused:
        require_current(empty, "DB-URL")
    message = str(refused.value)
    assert "has no netgov schema" in message
    assert "`netgov db upgrade --db DB-URL`" in message
    assert head_revision() in message


def test_an_upgraded_database_is_accepted(empty: Engine) -> None:
    upgrade(empty)
    require_current(empty, "DB-URL")
    assert current_revision(empty) == head_revision()


def test_upgrading_twice_changes_nothing(empty: Engine) -> None:
    upgrade(empty)
    upgrade(empty)
    assert current_revision(empty) == head_revision()


def test_the_migrations_build_exactly_the_tables_the_models_describe(empty: Engine) -> None:
    upgrade(empty)
    with empty.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        context = MigrationContext.configure(connection, opts={"compare_type": True, "compare_server_default": True})
        differences = compare_metadata(context, Base.metadata)
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert differences == []
