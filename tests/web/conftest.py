from __future__ import annotations

import pytest

from tests.service_world import World
from tests.web.seeding import seed


@pytest.fixture
def seeded(world: World) -> dict[str, str]:
    """The world with ``tests.web.seeding.SEEDS`` decided; decision ids by seed name."""
    return seed(world)
