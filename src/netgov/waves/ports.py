"""The wave store port: recent signatures, clusters and posting velocity, shared state.

Two implementations are shipped: ``MemoryWaveStore`` (one process; also the test
double) and ``RedisWaveStore`` (several workers see the same waves). One contract suite
(``tests/waves/test_store_contract.py``) runs against both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from netgov.core.observations import Wave
from netgov.detectors.waves.signature import Signature


@dataclass(frozen=True, slots=True)
class Sighting:
    """One post as the store sees it. ``account`` is an opaque key ("" when unknown:
    the post counts, but not as an account); ``at`` is when it was posted."""

    content_id: str
    account: str
    at: datetime
    signature: Signature


@dataclass(frozen=True, slots=True)
class Velocity:
    """Posts by one account in the minute and the hour up to the post, the post included."""

    last_minute: int
    last_hour: int


@dataclass(frozen=True, slots=True)
class Activity:
    content_id: str
    account: str
    at: datetime


class WaveStore(Protocol):
    def observe(self, sightings: Sequence[Sighting]) -> list[tuple[Wave, ...]]:
        """Add each post to its cluster (joining a recent one it nearly duplicates, or
        starting one) in order, and return, per post, its cluster over every window in
        which the cluster has at least two posts."""
        ...

    def record(self, activity: Sequence[Activity]) -> list[Velocity]:
        """Count each post against its account (idempotent per content id) and return
        the account's velocity as of that post."""
        ...
