"""MemoryBankStore: the bank store in one process's memory (tests and small setups)."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import TypeVar

from netgov.media.banks.errors import BankError
from netgov.media.banks.model import BankSettings, Entry, Tombstone

_T = TypeVar("_T")


class MemoryBankStore:
    def __init__(self, *, traffic_limit: int = 10_000) -> None:
        self._version = 0
        self._banks: dict[str, BankSettings] = {}
        self._entries: dict[str, list[Entry]] = {}
        self._tombstones: dict[str, list[Tombstone]] = {}
        self._pending: dict[str, list[Entry]] = {}
        self._traffic: deque[str] = deque(maxlen=traffic_limit)

    def version(self) -> int:
        return self._version

    def banks(self) -> list[BankSettings]:
        return [self._banks[name] for name in sorted(self._banks)]

    def bank(self, name: str) -> BankSettings | None:
        return self._banks.get(name)

    def save_bank(self, settings: BankSettings) -> None:
        self._banks[settings.name] = settings
        self._entries.setdefault(settings.name, [])
        self._tombstones.setdefault(settings.name, [])
        self._changed()

    def append_entries(self, name: str, entries: Sequence[Entry]) -> None:
        self._log(self._entries, name).extend(entries)
        self._changed()

    def entries_since(self, name: str, cursor: int) -> tuple[list[Entry], int]:
        log = self._log(self._entries, name)
        return log[cursor:], len(log)

    def append_tombstones(self, name: str, tombstones: Sequence[Tombstone]) -> None:
        self._log(self._tombstones, name).extend(tombstones)
        self._changed()

    def tombstones_since(self, name: str, cursor: int) -> tuple[list[Tombstone], int]:
        log = self._log(self._tombstones, name)
        return log[cursor:], len(log)

    def pending(self, name: str) -> list[Entry]:
        self._known(name)
        return list(self._pending.get(name, []))

    def set_pending(self, name: str, entries: Sequence[Entry]) -> None:
        self._known(name)
        self._pending[name] = list(entries)
        self._changed()

    def record_traffic(self, hashes: Sequence[str]) -> None:
        self._traffic.extend(hashes)

    def traffic(self) -> list[str]:
        return list(self._traffic)

    def _log(self, logs: dict[str, list[_T]], name: str) -> list[_T]:
        self._known(name)
        return logs[name]

    def _known(self, name: str) -> None:
        if name not in self._banks:
            raise BankError(f"no bank {name!r}")

    def _changed(self) -> None:
        self._version += 1
