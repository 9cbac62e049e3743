"""An in-memory ``BankIndex``: a linear scan over a few banks.

Good for tests and for small deployments with a few thousand hashes; the bank store's
Hamming index (netgov.media.banks) is the one to use at scale. It implements the same
port, so the matcher cannot tell them apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netgov.core.taxonomy import Category
from netgov.media.hashing import hamming
from netgov.media.ports import DEFAULT_PDQ_THRESHOLD, BankMatch, bank_match


@dataclass(frozen=True, slots=True)
class MemoryBank:
    """A bank's settings: ``threshold`` is its PDQ distance limit (inclusive);
    ``rollout`` its matching_enabled_ratio; a ``negative`` bank holds known false
    positives."""

    name: str
    category: Category | None = None
    negative: bool = False
    rollout: float = 1.0
    threshold: int = DEFAULT_PDQ_THRESHOLD
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class _Entry:
    bank: str
    entry: str
    signal_type: str
    value: str


class MemoryIndex:
    def __init__(self, banks: Sequence[MemoryBank] = ()) -> None:
        self._banks = {bank.name: bank for bank in banks}
        self._entries: list[_Entry] = []
        self.traffic: list[str] = []

    def add_bank(self, bank: MemoryBank) -> None:
        self._banks[bank.name] = bank

    def add(self, bank: str, entry: str, signal_type: str, value: str) -> None:
        if bank not in self._banks:
            raise KeyError(f"no bank named {bank!r}")
        self._entries.append(_Entry(bank, entry, signal_type, value.lower()))

    def remove(self, bank: str, entry: str) -> None:
        self._entries = [e for e in self._entries if (e.bank, e.entry) != (bank, entry)]

    def match_pdq(self, hashes: Sequence[str]) -> list[list[BankMatch]]:
        return [self._near(value.lower()) for value in hashes]

    def match_exact(self, signal_type: str, values: Sequence[str]) -> list[list[BankMatch]]:
        return [[self._found(e, 0) for e in self._live(signal_type) if e.value == value.lower()] for value in values]

    def record_traffic(self, hashes: Sequence[str]) -> None:
        self.traffic.extend(hashes)

    def _near(self, value: str) -> list[BankMatch]:
        found = []
        for entry in self._live("pdq"):
            distance = hamming(value, entry.value)
            if distance <= self._banks[entry.bank].threshold:
                found.append(self._found(entry, distance))
        return found

    def _live(self, signal_type: str) -> list[_Entry]:
        return [e for e in self._entries if e.signal_type == signal_type and self._banks[e.bank].enabled]

    def _found(self, entry: _Entry, distance: int) -> BankMatch:
        bank = self._banks[entry.bank]
        return bank_match(bank, entry=entry.entry, signal_type=entry.signal_type, distance=distance)
