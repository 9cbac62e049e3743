"""Fixtures for the REST API tests: a TestClient over ``create_app(world.runtime)`` on
each backend, and the API-key headers of the world's two platforms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from netgov.api import create_app
from tests.databases import BACKENDS, database_url
from tests.service_world import World, open_world


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def api(world: World) -> Iterator[TestClient]:
    with TestClient(create_app(world.runtime)) as client:
        yield client


@pytest.fixture(scope="module", params=BACKENDS)
def shared_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One world per module and backend, for tests that only read or whose writes are idempotent."""
    data_dir = tmp_path_factory.mktemp("api-world")
    for url in database_url(request.param, data_dir):
        yield from open_world(url, data_dir)


@pytest.fixture(scope="module")
def shared_api(shared_world: World) -> Iterator[TestClient]:
    with TestClient(create_app(shared_world.runtime)) as client:
        yield client


@pytest.fixture
def chirp(world: World) -> dict[str, str]:
    """Headers of chirp's API key (seat: ex.north.harbour)."""
    return bearer(world.keys["chirp"])


@pytest.fixture
def marketly(world: World) -> dict[str, str]:
    """Headers of marketly's API key (seat: ex.south)."""
    return bearer(world.keys["marketly"])


@pytest.fixture
def small_world(database: str, tmp_path: Path) -> Iterator[World]:
    """A world whose limits are tiny: 2 KiB bodies, 3 items a batch."""
    yield from open_world(database, tmp_path, max_body_bytes=2048, max_batch_items=3)


@pytest.fixture
def small_api(small_world: World) -> Iterator[TestClient]:
    with TestClient(create_app(small_world.runtime)) as client:
        yield client


@pytest.fixture
def small_world_chirp(small_world: World) -> dict[str, str]:
    return bearer(small_world.keys["chirp"])
