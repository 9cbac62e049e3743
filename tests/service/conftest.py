from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.databases import BACKENDS, database_url
from tests.service_world import World, open_world


@pytest.fixture(scope="module", params=BACKENDS)
def shared_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One test world per module and backend, for tests that only read, or write rows of
    their own that no other test of the module counts. Opening a world costs more than
    most tests that use it; tests that move the clock or count rows take ``world``."""
    data_dir = tmp_path_factory.mktemp("shared-world")
    for url in database_url(request.param, data_dir):
        yield from open_world(url, data_dir)
