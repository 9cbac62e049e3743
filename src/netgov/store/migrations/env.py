"""Alembic environment: runs on the connection that ``netgov.store.schema`` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from netgov.store.tables import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `netgov db upgrade`, which provides the connection")
_run(connection)
