"""The bank store port: settings, entries, tombstones, held imports, a traffic sample.

Two implementations: ``MemoryBankStore`` (tests, one process) and ``FileBankStore``
(a directory shared by the CLI and every matcher). One contract suite
(``tests/media/test_banks_store.py``) runs against both.

Entries and tombstones are append-only logs read through a cursor, so a running index
applies only what was appended since it last looked (``entries_since``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from netgov.media.banks.model import BankSettings, Entry, Tombstone


class BankStore(Protocol):
    def version(self) -> int:
        """A counter that changes whenever anything in the store changes."""
        ...

    def banks(self) -> list[BankSettings]:
        """Every bank's settings, sorted by name."""
        ...

    def bank(self, name: str) -> BankSettings | None: ...

    def save_bank(self, settings: BankSettings) -> None:
        """Create a bank or replace its settings."""
        ...

    def append_entries(self, name: str, entries: Sequence[Entry]) -> None:
        """Make entries live (callers have already skipped tombstoned and present ones)."""
        ...

    def entries_since(self, name: str, cursor: int) -> tuple[list[Entry], int]:
        """Entries appended after ``cursor`` (0: from the start), and the new cursor.
        Tombstoned entries are included: apply ``tombstones_since`` after them."""
        ...

    def append_tombstones(self, name: str, tombstones: Sequence[Tombstone]) -> None: ...

    def tombstones_since(self, name: str, cursor: int) -> tuple[list[Tombstone], int]: ...

    def pending(self, name: str) -> list[Entry]:
        """Entries held by the flood guard, waiting for a human to confirm them."""
        ...

    def set_pending(self, name: str, entries: Sequence[Entry]) -> None: ...

    def record_traffic(self, hashes: Sequence[str]) -> None:
        """Remember recent PDQ hashes seen in traffic; keeps at most the store's bound."""
        ...

    def traffic(self) -> list[str]:
        """The recent traffic sample, oldest first."""
        ...
