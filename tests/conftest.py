from __future__ import annotations

import pytest

from netgov import Engine, Rulebook, load_rulebook
from tests.factories import NOW


@pytest.fixture(scope="session")
def bundled() -> Rulebook:
    return load_rulebook(at=NOW)


@pytest.fixture(scope="session")
def bundled_engine(bundled: Rulebook) -> Engine:
    return Engine(bundled)
