"""In-memory state of one cluster and of one account's posting timeline."""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Sequence
from datetime import UTC, datetime

from netgov.core.observations import Wave
from netgov.detectors.waves.windows import Window


def count_after(times: Sequence[float], cutoff: float) -> int:
    """How many of the sorted ``times`` are later than ``cutoff``."""
    return len(times) - bisect_right(times, cutoff)


class Cluster:
    """Post times and, per account, its latest post time, both kept sorted so that every
    window's counts are two binary searches however large the flood."""

    __slots__ = ("accounts", "first_seen", "id", "last_seen", "latest", "representative", "signature", "times")

    def __init__(self, cid: str, representative: str, first_seen: float, signature: bytes) -> None:
        self.id = cid
        self.representative = representative
        self.first_seen = first_seen
        self.last_seen = first_seen
        self.signature = signature
        self.times: list[float] = []
        self.accounts: list[tuple[float, str]] = []
        self.latest: dict[str, float] = {}

    def add(self, at: float, account: str, *, horizon: int, limit: int) -> None:
        self.last_seen = max(self.last_seen, at)
        insort(self.times, at)
        if account:
            self._touch(account, at)
        self._prune(self.last_seen - horizon, limit)

    def _touch(self, account: str, at: float) -> None:
        previous = self.latest.get(account)
        if previous is not None:
            if previous >= at:
                return
            del self.accounts[bisect_right(self.accounts, (previous, account)) - 1]
        self.latest[account] = at
        insort(self.accounts, (at, account))

    def _prune(self, cutoff: float, limit: int) -> None:
        drop = max(bisect_right(self.times, cutoff), len(self.times) - limit)
        if drop > 0:
            del self.times[:drop]
        gone = max(bisect_right(self.accounts, (cutoff, "\U0010ffff")), len(self.accounts) - limit)
        for _, account in self.accounts[:gone]:
            del self.latest[account]
        del self.accounts[:gone]

    def waves(self, at: float, windows: Sequence[Window]) -> tuple[Wave, ...]:
        found = []
        for window in windows:
            cutoff = at - window.seconds
            size = count_after(self.times, cutoff)
            if size < 2:
                continue
            accounts = len(self.accounts) - bisect_right(self.accounts, (cutoff, "\U0010ffff"))
            found.append(
                Wave(
                    cluster=self.id,
                    window=window.label,
                    size=size,
                    accounts=accounts,
                    first_seen=_time(self.times[len(self.times) - size]),
                    representative=self.representative,
                )
            )
        return tuple(found)


class Timeline:
    """One account's recent posts, by content id so that a re-sent post counts once."""

    __slots__ = ("ids", "times")

    def __init__(self) -> None:
        self.ids: dict[str, float] = {}
        self.times: list[float] = []

    def add(self, content_id: str, at: float, *, horizon: int) -> None:
        if content_id not in self.ids:
            self.ids[content_id] = at
            insort(self.times, at)
        cutoff = self.times[-1] - horizon
        drop = bisect_right(self.times, cutoff)
        if drop:
            del self.times[:drop]
            self.ids = {k: t for k, t in self.ids.items() if t > cutoff}

    def count_since(self, cutoff: float, at: float) -> int:
        """Posts later than ``cutoff`` and not after ``at``."""
        return bisect_right(self.times, at) - bisect_right(self.times, cutoff)


def _time(at: float) -> datetime:
    return datetime.fromtimestamp(at, UTC)
