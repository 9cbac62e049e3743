"""Wave and velocity state behind a port: in memory or in Redis, and the tracker that
callers run before deciding. The engine never imports this package."""

from __future__ import annotations

from netgov.waves.config import WaveConfig
from netgov.waves.memory import MemoryWaveStore
from netgov.waves.ports import Activity, Sighting, Velocity, WaveStore
from netgov.waves.tracker import Tracked, WaveTracker, account_key

__all__ = [
    "Activity",
    "MemoryWaveStore",
    "Sighting",
    "Tracked",
    "Velocity",
    "WaveConfig",
    "WaveStore",
    "WaveTracker",
    "account_key",
]
