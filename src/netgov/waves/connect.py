"""Choosing a wave store by name: ``memory`` or a ``redis://HOST:PORT/DB`` URL."""

from __future__ import annotations

from netgov.waves.config import WaveConfig
from netgov.waves.memory import MemoryWaveStore
from netgov.waves.ports import WaveStore


def open_store(where: str, config: WaveConfig | None = None, *, prefix: str = "netgov:waves") -> WaveStore:
    """Raise ValueError for anything else; Redis is imported only when asked for."""
    if where == "memory":
        return MemoryWaveStore(config)
    if where.startswith(("redis://", "rediss://", "unix://")):
        from netgov.waves.redis_store import RedisWaveStore

        return RedisWaveStore.from_url(where, config, prefix=prefix)
    raise ValueError(f"not a wave store: {where!r} (expected memory or redis://HOST:PORT/DB)")
