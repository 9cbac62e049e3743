"""Engines for SQLite and PostgreSQL with the settings each needs for durable writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import ConnectionPoolEntry

# Execution option a unit of work sets for write transactions (see _begin).
WRITE = "netgov_write"


def connect(url: str, *, pool_size: int = 5, pre_ping: bool = True) -> Engine:
    """``pre_ping`` tests each pooled connection before use (one round trip): worth it for
    requests, which may find a connection the server closed; a busy writer that commits
    many times a second can skip it, a dead connection then fails one commit."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite(url, parsed.database)
    return create_engine(url, pool_size=pool_size, max_overflow=10, pool_pre_ping=pre_ping)


def _sqlite(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # Take transactions out of pysqlite's hands so that _begin decides how they start.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit is on disk when it returns, which is what "acknowledged" promises.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _begin(connection: Any) -> None:
    # Writers take the write lock at BEGIN: a deferred transaction that reads and then
    # writes can fail with SQLITE_BUSY when another writer committed in between.
    mode = "BEGIN IMMEDIATE" if connection.get_execution_options().get(WRITE) else "BEGIN"
    connection.exec_driver_sql(mode)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
