"""Bank operations over a store: add, import, remove, confirm, reject, export.

Thin edges (the CLI) call these; every rule about tombstones, duplicates and the flood
guard lives here. Time comes in as an argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from netgov.media.banks.errors import BankError
from netgov.media.banks.flood import FloodGuard, traffic_matches
from netgov.media.banks.formats import SignalRow
from netgov.media.banks.model import PDQ, BankSettings, Entry, Tombstone, check_settings
from netgov.media.banks.ports import BankStore


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What an add or import did to one bank. ``held`` entries await ``confirm``."""

    bank: str
    added: int = 0
    held: int = 0
    already_present: int = 0
    tombstoned: int = 0
    traffic_matches: int = 0
    traffic_sample: int = 0


def create_bank(store: BankStore, settings: BankSettings) -> BankSettings:
    if store.bank(settings.name) is not None:
        raise BankError(f"bank {settings.name!r} already exists")
    store.save_bank(check_settings(settings))
    return settings


def require_bank(store: BankStore, name: str) -> BankSettings:
    settings = store.bank(name)
    if settings is None:
        known = ", ".join(b.name for b in store.banks()) or "none yet"
        raise BankError(f"no bank {name!r}; the banks are: {known}")
    return settings


def live_entries(store: BankStore, name: str) -> list[Entry]:
    """The bank's entries in order of addition, tombstoned ones left out."""
    entries = store.entries_since(name, 0)[0]
    dead = tombstoned(store, name)
    return [e for e in entries if e.key not in dead]


def tombstoned(store: BankStore, name: str) -> set[tuple[str, str]]:
    return {t.key for t in store.tombstones_since(name, 0)[0]}


def ingest(
    store: BankStore, name: str, entries: Sequence[Entry], *, now: datetime, guard: FloodGuard | None = None
) -> IngestResult:
    """Add entries to a bank, skipping present and tombstoned ones (so re-import is
    idempotent), and hold them for confirmation if they would flood recent traffic."""
    settings = require_bank(store, name)
    dead = tombstoned(store, name)
    present = {e.key for e in live_entries(store, name)} | {e.key for e in store.pending(name)}
    fresh: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        if entry.key not in dead and entry.key not in present:
            fresh.setdefault(entry.key, entry if entry.added_at else _stamped(entry, now))
    new = list(fresh.values())
    known = sum(1 for e in entries if e.key in present)
    buried = sum(1 for e in entries if e.key in dead)
    matches, sample = _flood_check(store, settings, new)
    result = IngestResult(
        name, already_present=known, tombstoned=buried, traffic_matches=matches, traffic_sample=sample
    )
    if new and (guard or FloodGuard()).trips(matches, sample) and not settings.negative:
        store.set_pending(name, store.pending(name) + new)
        return replace(result, held=len(new))
    store.append_entries(name, new)
    return replace(result, added=len(new))


def import_rows(
    store: BankStore, rows: Sequence[SignalRow], *, now: datetime, guard: FloodGuard | None = None
) -> list[IngestResult]:
    """Import validated rows, bank by bank; every bank must exist before anything is written."""
    by_bank: dict[str, list[Entry]] = {}
    for row in rows:
        by_bank.setdefault(row.bank, []).append(row.entry)
    for name in by_bank:
        require_bank(store, name)
    return [ingest(store, name, entries, now=now, guard=guard) for name, entries in by_bank.items()]


def remove(store: BankStore, name: str, keys: Iterable[tuple[str, str]], *, now: datetime, reason: str = "") -> int:
    """Tombstone values: they leave the index and are skipped by every later import."""
    require_bank(store, name)
    dead = tombstoned(store, name)
    stones = [Tombstone(signal_type=k, value=v, reason=reason, removed_at=now) for k, v in dict.fromkeys(keys)]
    stones = [s for s in stones if s.key not in dead]
    store.append_tombstones(name, stones)
    removed = {s.key for s in stones}
    held = store.pending(name)
    if any(e.key in removed for e in held):
        store.set_pending(name, [e for e in held if e.key not in removed])
    return len(stones)


def confirm(store: BankStore, name: str) -> int:
    """Make a bank's held entries live; returns how many."""
    require_bank(store, name)
    held = store.pending(name)
    store.append_entries(name, held)
    store.set_pending(name, [])
    return len(held)


def reject(store: BankStore, name: str) -> int:
    """Drop a bank's held entries; returns how many."""
    require_bank(store, name)
    held = store.pending(name)
    store.set_pending(name, [])
    return len(held)


def _flood_check(store: BankStore, settings: BankSettings, new: Sequence[Entry]) -> tuple[int, int]:
    values = [e.value for e in new if e.signal_type == PDQ]
    traffic = store.traffic() if values else []
    threshold = min(settings.threshold, 256)
    return traffic_matches(traffic, values, threshold), len(traffic)


def _stamped(entry: Entry, now: datetime) -> Entry:
    return Entry(signal_type=entry.signal_type, value=entry.value, provenance=entry.provenance, added_at=now)
