"""Fixtures for the public portal: a TestClient over the whole app, nobody signed in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from netgov.api import create_app
from tests.service_world import World


@pytest.fixture
def portal(world: World) -> Iterator[TestClient]:
    with TestClient(create_app(world.runtime), base_url="http://127.0.0.1") as client:
        yield client
