"""Databases for contract tests: a SQLite file, and PostgreSQL when NETGOV_TEST_POSTGRES_URL is set.

Each PostgreSQL test gets a schema of its own (dropped afterwards), so tests never see
each other's rows and can run against a shared server.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from netgov.store.database import connect

POSTGRES_ENV = "NETGOV_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", "postgresql"]


def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'netgov.sqlite'}"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set; the PostgreSQL contract tests need a server")
    schema = "t_" + uuid.uuid4().hex[:16]
    admin = connect(base)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        separator = "&" if "?" in base else "?"
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
