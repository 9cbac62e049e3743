from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from netgov import Engine, Rulebook, load_rulebook
from tests.databases import BACKENDS, database_url
from tests.factories import NOW
from tests.service_world import World, open_world

# No per-example deadline: on two busy cores a slow example is load, not a failure; the
# suite's own timeout still catches a test that hangs.
settings.register_profile("netgov", deadline=None)
settings.load_profile("netgov")


@pytest.fixture(scope="session")
def bundled() -> Rulebook:
    return load_rulebook(at=NOW)


@pytest.fixture(scope="session")
def bundled_engine(bundled: Rulebook) -> Engine:
    return Engine(bundled)


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL: a SQLite file, then a PostgreSQL schema when NETGOV_TEST_POSTGRES_URL is set."""
    yield from database_url(request.param, tmp_path)


@pytest.fixture
def world(database: str, tmp_path: Path) -> Iterator[World]:
    """The small test world of ``tests.service_world`` on each backend."""
    yield from open_world(database, tmp_path)
