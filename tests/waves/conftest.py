"""The wave store contract runs against every store: memory always, Redis when
NETGOV_TEST_REDIS_URL names a server (each test under its own key prefix, cleaned up)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest

from netgov.rulebook.loader import default_normalizer
from netgov.waves import MemoryWaveStore, WaveConfig, WaveStore, WaveTracker

REDIS_URL = os.environ.get("NETGOV_TEST_REDIS_URL")
StoreMaker = Callable[[WaveConfig], WaveStore]


@pytest.fixture
def redis_maker() -> Iterator[StoreMaker]:
    """Stores over fresh Redis clients sharing one key prefix, as several workers would."""
    if not REDIS_URL:
        pytest.skip("set NETGOV_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/15) to run the Redis store tests")
    import redis

    from netgov.waves.redis_store import RedisWaveStore

    prefix = f"netgov-test:{uuid.uuid4().hex}"
    clients: list[redis.Redis] = []

    def make(config: WaveConfig) -> WaveStore:
        client = redis.Redis.from_url(REDIS_URL)
        clients.append(client)
        return RedisWaveStore(client, config, prefix=prefix)

    yield make
    for client in clients:
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        client.close()


@pytest.fixture(params=["memory", "redis"])
def make_store(request: pytest.FixtureRequest) -> StoreMaker:
    if request.param == "memory":
        return MemoryWaveStore
    maker: StoreMaker = request.getfixturevalue("redis_maker")
    return maker


@pytest.fixture
def make_tracker(make_store: StoreMaker) -> Callable[..., WaveTracker]:
    def make(config: WaveConfig | None = None) -> WaveTracker:
        return WaveTracker(make_store(config or WaveConfig()), default_normalizer())

    return make
