"""Signal files in the ThreatExchange / HMA shape: a signal type and a signal value.

``csv`` and ``tsv`` have a header naming at least ``signal_type`` and ``signal_value``
(HMA's field names); ``bank``, ``provenance`` and ``added_at`` are optional extra
columns that netgov writes and reads. A file without a header is read as two columns,
type then value. ``te`` is python-threatexchange's LocalFileSignalExchangeAPI format:
one ``<signal_type> <signal_value>`` per line, space separated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Literal

import msgspec

from netgov.media.banks.errors import BankImportError
from netgov.media.banks.model import Entry, normalize_value

Format = Literal["csv", "tsv", "te"]
FORMATS: tuple[Format, ...] = ("csv", "tsv", "te")
COLUMNS = ("signal_type", "signal_value", "bank", "provenance", "added_at")


class SignalRow(msgspec.Struct, frozen=True, kw_only=True):
    """One valid row of a signal file; ``line`` is where it was, for messages."""

    line: int
    bank: str
    entry: Entry


def guess_format(path: Path) -> Format:
    return "tsv" if path.suffix.lower() in {".tsv", ".tab"} else "te" if path.suffix == ".txt" else "csv"


def read_signals(path: Path, fmt: Format, *, bank: str | None, provenance: str) -> list[SignalRow]:
    """Every row of a signal file, validated; raises BankImportError listing each bad row
    as ``file:line: why`` (and returns nothing then)."""
    rows, problems = [], []
    for line, cells in _records(path.read_text(encoding="utf-8-sig"), fmt):
        try:
            rows.append(_row(line, cells, bank, provenance))
        except ValueError as error:
            problems.append(f"{path}:{line}: {error}")
    if problems:
        raise BankImportError(problems)
    return rows


def _records(text: str, fmt: Format) -> Iterator[tuple[int, dict[str, str]]]:
    if fmt == "te":
        for number, raw in enumerate(text.splitlines(), start=1):
            kind, _, value = raw.strip().partition(" ")
            if kind:
                yield number, {"signal_type": kind, "signal_value": value}
        return
    reader = csv.reader(io.StringIO(text), delimiter="\t" if fmt == "tsv" else ",")
    header: list[str] | None = None
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        if header is None and "signal_type" in [c.strip().lower() for c in cells]:
            header = [c.strip().lower() for c in cells]
            continue
        yield reader.line_num, dict(zip(header or list(COLUMNS[:2]), cells, strict=False))


def _row(line: int, cells: dict[str, str], bank: str | None, provenance: str) -> SignalRow:
    kind = cells.get("signal_type", "").strip().lower()
    value = normalize_value(kind, cells.get("signal_value", ""))
    target = bank or cells.get("bank", "").strip()
    if not target:
        raise ValueError("no bank: add a 'bank' column or pass --bank NAME")
    added = cells.get("added_at", "").strip()
    try:
        added_at = datetime.fromisoformat(added) if added else None
    except ValueError:
        raise ValueError(f"added_at {added!r} is not an ISO 8601 date/time") from None
    entry = Entry(
        signal_type=kind,
        value=value,
        provenance=cells.get("provenance", "").strip() or provenance,
        added_at=added_at,
    )
    return SignalRow(line=line, bank=target, entry=entry)


def write_signals(out: io.TextIOBase | io.StringIO, bank: str, entries: Iterable[Entry], fmt: Format) -> int:
    """Write entries with a header (csv, tsv) or as ``type value`` lines (te); returns the count."""
    count = 0
    if fmt == "te":
        for entry in entries:
            out.write(f"{entry.signal_type} {entry.value}\n")
            count += 1
        return count
    writer = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        added = entry.added_at.isoformat() if entry.added_at else ""
        writer.writerow([entry.signal_type, entry.value, bank, entry.provenance, added])
        count += 1
    return count
