"""FileBankStore: banks as folders under one directory, safe to share between processes.

    DIR/
      VERSION                  change counter (rewritten on every change)
      traffic.log              recent traffic PDQ hashes, one per line, bounded
      BANK/bank.json           settings
      BANK/entries.jsonl       live entries, append-only
      BANK/tombstones.jsonl    removed values, append-only
      BANK/pending.jsonl       entries held by the flood guard

Whole files (settings, pending, VERSION) are written to a temporary file and renamed
over the old one, so a crash leaves the old or the new file, never half of one. The logs
are appended one whole line per write; a reader stops at the last newline, so a torn
last line from a crash is ignored rather than misread. Cursors are byte offsets.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

import msgspec

from netgov.media.banks.errors import BankError
from netgov.media.banks.model import BankSettings, Entry, Tombstone

_T = TypeVar("_T", Entry, Tombstone)
_ENCODER = msgspec.json.Encoder()


class FileBankStore:
    def __init__(self, root: Path, *, traffic_limit: int = 10_000) -> None:
        self.root = root
        self.traffic_limit = traffic_limit
        root.mkdir(parents=True, exist_ok=True)

    def version(self) -> int:
        try:
            return int((self.root / "VERSION").read_text(encoding="ascii") or 0)
        except (FileNotFoundError, ValueError):
            return 0

    def banks(self) -> list[BankSettings]:
        found = [self.bank(p.parent.name) for p in sorted(self.root.glob("*/bank.json"))]
        return [b for b in found if b is not None]

    def bank(self, name: str) -> BankSettings | None:
        path = self.root / name / "bank.json"
        if "/" in name or not path.is_file():
            return None
        try:
            return msgspec.json.decode(path.read_bytes(), type=BankSettings)
        except msgspec.DecodeError as error:
            raise BankError(f"{path}: unreadable bank settings: {error}") from None

    def save_bank(self, settings: BankSettings) -> None:
        folder = self.root / settings.name
        folder.mkdir(exist_ok=True)
        _replace(folder / "bank.json", msgspec.json.format(_ENCODER.encode(settings)))
        self._changed()

    def append_entries(self, name: str, entries: Sequence[Entry]) -> None:
        self._append(self._folder(name) / "entries.jsonl", entries)

    def entries_since(self, name: str, cursor: int) -> tuple[list[Entry], int]:
        return _read_log(self._folder(name) / "entries.jsonl", cursor, Entry)

    def append_tombstones(self, name: str, tombstones: Sequence[Tombstone]) -> None:
        self._append(self._folder(name) / "tombstones.jsonl", tombstones)

    def tombstones_since(self, name: str, cursor: int) -> tuple[list[Tombstone], int]:
        return _read_log(self._folder(name) / "tombstones.jsonl", cursor, Tombstone)

    def pending(self, name: str) -> list[Entry]:
        return _read_log(self._folder(name) / "pending.jsonl", 0, Entry)[0]

    def set_pending(self, name: str, entries: Sequence[Entry]) -> None:
        _replace(self._folder(name) / "pending.jsonl", _lines(entries))
        self._changed()

    def record_traffic(self, hashes: Sequence[str]) -> None:
        path = self.root / "traffic.log"
        with path.open("a", encoding="ascii") as log:
            log.write("".join(f"{h}\n" for h in hashes))
        # Let the log reach twice the bound before trimming, so trims are rare.
        if path.stat().st_size > 2 * 65 * self.traffic_limit:
            _replace(path, "".join(f"{h}\n" for h in self.traffic()).encode("ascii"))

    def traffic(self) -> list[str]:
        try:
            text = (self.root / "traffic.log").read_text(encoding="ascii")
        except FileNotFoundError:
            return []
        lines = [line for line in text.split("\n")[:-1] if line]
        return lines[-self.traffic_limit :]

    def _folder(self, name: str) -> Path:
        if self.bank(name) is None:
            raise BankError(f"no bank {name!r} in {self.root}")
        return self.root / name

    def _append(self, path: Path, items: Sequence[Entry] | Sequence[Tombstone]) -> None:
        if not items:
            return
        with path.open("ab") as log:
            log.write(_lines(items))
            log.flush()
            os.fsync(log.fileno())
        self._changed()

    def _changed(self) -> None:
        # time_ns keeps the counter moving even when two processes write at once.
        counter = max(self.version() + 1, time.time_ns())
        _replace(self.root / "VERSION", str(counter).encode("ascii"))


def _lines(items: Sequence[Entry] | Sequence[Tombstone]) -> bytes:
    return b"".join(_ENCODER.encode(item) + b"\n" for item in items)


def _read_log(path: Path, cursor: int, kind: type[_T]) -> tuple[list[_T], int]:
    try:
        with path.open("rb") as log:
            log.seek(cursor)
            data = log.read()
    except FileNotFoundError:
        return [], cursor
    complete = data.rfind(b"\n") + 1
    decoder = msgspec.json.Decoder(kind)
    items = [decoder.decode(line) for line in data[:complete].splitlines() if line]
    return items, cursor + complete


def _replace(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
