"""LiveBankIndex: the ``BankIndex`` port over a bank store, kept current without rebuilds.

All enabled and disabled banks' PDQ hashes share one ``HammingIndex``, each hash tagged
with its bank's number; a query runs once at the largest threshold of the enabled banks
and each hit is then kept only within its own bank's threshold. One shared index costs
32 bytes of words + 64 bytes of tables per hash whatever the number of banks, where an
index per bank would repeat the 16 x 65,537 bucket offsets (8 MB) per bank and run the
272 probes once per bank per query. Settings (enabled, threshold, rollout, category,
negative) are looked up at query time, so changing them never touches the index.

On a match call, at most every ``refresh_every`` seconds, the store's change counter is
read; if it moved, only entries and tombstones appended since the last cursor are applied.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np

from netgov.media.banks.model import PDQ, BankSettings, Entry, Tombstone, normalize_value
from netgov.media.banks.ports import BankStore
from netgov.media.index import HammingIndex, format_hash, parse_hashes
from netgov.media.ports import BankMatch, bank_match


class LiveBankIndex:
    def __init__(
        self,
        store: BankStore,
        *,
        refresh_every: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
        merge_at: int = 16_384,
    ) -> None:
        self.store = store
        self.refresh_every = refresh_every
        self._clock = clock
        self._index = HammingIndex(merge_at=merge_at)
        self._banks: list[BankSettings] = []
        self._numbers: dict[str, int] = {}
        self._cursors: dict[str, tuple[int, int]] = {}
        self._exact: dict[tuple[str, str], list[int]] = {}
        self._version: int | None = None
        self._checked = float("-inf")
        self.refresh(force=True)

    def refresh(self, *, force: bool = False) -> bool:
        """Apply what changed in the store; returns whether anything was read."""
        now = self._clock()
        if not force and now - self._checked < self.refresh_every:
            return False
        self._checked = now
        version = self.store.version()
        if version == self._version and not force:
            return False
        self._version = version
        for settings in self.store.banks():
            self._apply(settings)
        return True

    def _apply(self, settings: BankSettings) -> None:
        number = self._numbers.setdefault(settings.name, len(self._numbers))
        if number == len(self._banks):
            self._banks.append(settings)
        self._banks[number] = settings
        entries_at, stones_at = self._cursors.get(settings.name, (0, 0))
        entries, entries_at = self.store.entries_since(settings.name, entries_at)
        stones, stones_at = self.store.tombstones_since(settings.name, stones_at)
        self._add(number, entries)
        self._bury(number, stones)
        self._cursors[settings.name] = (entries_at, stones_at)

    def _add(self, number: int, entries: Sequence[Entry]) -> None:
        pdq = [e.value for e in entries if e.signal_type == PDQ]
        if pdq:
            self._index.add(parse_hashes(pdq), np.full(len(pdq), number, dtype=np.uint16))
        for entry in entries:
            if entry.signal_type != PDQ:
                self._exact.setdefault(entry.key, []).append(number)

    def _bury(self, number: int, stones: Sequence[Tombstone]) -> None:
        for stone in stones:
            if stone.signal_type != PDQ:
                holders = self._exact.get(stone.key, [])
                self._exact[stone.key] = [n for n in holders if n != number]
                continue
            ids, _ = self._index.query(parse_hashes([stone.value])[0], 0)
            self._index.remove(ids[self._index.tags(ids) == number])

    def match_pdq(self, hashes: Sequence[str]) -> list[list[BankMatch]]:
        self.refresh()
        enabled = [b for b in self._banks if b.enabled]
        if not enabled or not hashes:
            return [[] for _ in hashes]
        radius = max(b.threshold for b in enabled)
        queries = parse_hashes([normalize_value(PDQ, h) for h in hashes])
        return [self._match_one(query, radius) for query in queries]

    def _match_one(self, query: np.ndarray, radius: int) -> list[BankMatch]:
        ids, dists = self._index.query(query, radius)
        found = []
        for hit, distance, number in zip(ids, dists, self._index.tags(ids), strict=True):
            bank = self._banks[int(number)]
            if bank.enabled and distance <= bank.threshold:
                entry = format_hash(self._index.words(np.array([hit], dtype=np.uint32))[0])
                found.append(bank_match(bank, entry=entry, signal_type=PDQ, distance=int(distance)))
        return sorted(found, key=lambda m: (m.distance, m.bank))

    def match_exact(self, signal_type: str, values: Sequence[str]) -> list[list[BankMatch]]:
        self.refresh()
        results = []
        for value in values:
            key = (signal_type, value.strip().lower())
            banks = [self._banks[n] for n in self._exact.get(key, [])]
            results.append(
                [bank_match(b, entry=key[1], signal_type=signal_type, distance=0) for b in banks if b.enabled]
            )
        return results

    def record_traffic(self, hashes: Sequence[str]) -> None:
        self.store.record_traffic([h.strip().lower() for h in hashes])
