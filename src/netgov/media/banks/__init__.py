"""Hash banks: named sets of known-bad (or known-false-positive) hashes, and their index.

``open_index(path)`` is what a matcher calls: it opens the file store at ``path`` and
returns a ``BankIndex`` that follows the store's changes within a second. The store,
formats, flood guard and service functions are re-exported for the CLI and for tests.
"""

from __future__ import annotations

from pathlib import Path

from netgov.media.banks.errors import BankError, BankImportError
from netgov.media.banks.files import FileBankStore
from netgov.media.banks.flood import FloodGuard
from netgov.media.banks.formats import FORMATS, Format, read_signals, write_signals
from netgov.media.banks.live import LiveBankIndex
from netgov.media.banks.memory import MemoryBankStore
from netgov.media.banks.model import SIGNAL_TYPES, BankSettings, Entry, Tombstone
from netgov.media.banks.ports import BankStore
from netgov.media.ports import BankIndex

__all__ = [
    "FORMATS",
    "SIGNAL_TYPES",
    "BankError",
    "BankImportError",
    "BankSettings",
    "BankStore",
    "Entry",
    "FileBankStore",
    "FloodGuard",
    "Format",
    "LiveBankIndex",
    "MemoryBankStore",
    "Tombstone",
    "open_index",
    "read_signals",
    "write_signals",
]


def open_index(path: Path) -> BankIndex:
    """The bank index over the banks directory ``path`` (created if missing)."""
    return LiveBankIndex(FileBankStore(path))
