"""The bulk exports of statements with their decisions: CSV, JSON Lines and Parquet, as
byte chunks produced while the rows stream in (no row cap, memory bounded by a chunk).

    for chunk in export_chunks(Format.PARQUET, export_rows(uow, request)):
        sink.write(chunk)

Every format carries the same columns (``COLUMNS``): what an analyst counts and groups
by, and nothing personal: no account id, no post text, no reporter, no staff member (a
person's decision shows as ``decided_by_kind`` staff, an engine's names its rule).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from enum import StrEnum
from typing import Any

import msgspec
import pyarrow as pa
import pyarrow.parquet as pq

from netgov.service.statement_exports import CHUNK, ExportRow

ROW_GROUP = 10_000
"""Rows per Parquet row group: a group is built in memory, written, then dropped."""


class Format(StrEnum):
    DSA_TDB = "dsa-tdb"
    CSV = "csv"
    JSONL = "jsonl"
    PARQUET = "parquet"

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self]

    @property
    def suffix(self) -> str:
        return _SUFFIXES[self]


_MEDIA_TYPES = {
    Format.DSA_TDB: "application/jsonl",
    Format.CSV: "text/csv; charset=utf-8",
    Format.JSONL: "application/jsonl",
    Format.PARQUET: "application/vnd.apache.parquet",
}
_SUFFIXES = {Format.DSA_TDB: ".jsonl", Format.CSV: ".csv", Format.JSONL: ".jsonl", Format.PARQUET: ".parquet"}


def _decider(decided_by: str) -> tuple[str, str | None]:
    kind, _, who = decided_by.partition(":")
    return kind, who if kind == "rule" else None


def _grounds(row: ExportRow) -> str:
    return ";".join(f"{g.regulation} {g.version} Art. {g.article}" for g in row.statement.legal_grounds)


_Column = tuple[str, pa.DataType, Callable[[ExportRow], Any]]
_TIME = pa.timestamp("us", tz="UTC")

COLUMNS: tuple[_Column, ...] = (
    ("statement_id", pa.string(), lambda r: r.statement_id),
    ("platform", pa.string(), lambda r: r.platform),
    ("content_id", pa.string(), lambda r: r.content_id),
    ("decision_id", pa.string(), lambda r: r.decision_id),
    ("case_id", pa.string(), lambda r: r.case_id),
    ("notice_id", pa.string(), lambda r: r.notice_id),
    ("decided_by_kind", pa.string(), lambda r: _decider(r.decided_by)[0]),
    ("rule", pa.string(), lambda r: _decider(r.decided_by)[1]),
    ("measure", pa.string(), lambda r: r.statement.measure.value),
    ("category", pa.string(), lambda r: r.statement.category.value),
    ("source", pa.string(), lambda r: r.statement.source.value),
    ("automated_detection", pa.bool_(), lambda r: r.statement.automated_detection),
    ("automated_decision", pa.string(), lambda r: r.statement.automated_decision.value),
    ("jurisdiction", pa.string(), lambda r: r.jurisdiction),
    ("territorial_scope", pa.string(), lambda r: ";".join(r.statement.territorial_scope)),
    ("legal_grounds", pa.string(), _grounds),
    ("issued_at", _TIME, lambda r: r.statement.issued_at),
    ("ends_at", _TIME, lambda r: r.statement.duration_until),
    ("status", pa.string(), lambda r: r.status),
    ("reverted_at", _TIME, lambda r: r.reverted_at),
    ("decision_action", pa.string(), lambda r: r.decision_action),
    ("decision_rulebook_version", pa.string(), lambda r: r.decision_rulebook_version),
    ("decision_rules", pa.string(), lambda r: r.decision_rules),
    ("decision_decided_at", _TIME, lambda r: r.decision_decided_at),
    ("content_language", pa.string(), lambda r: r.content_language),
    ("content_created_at", _TIME, lambda r: r.content_created_at),
)
NAMES = tuple(name for name, _, _ in COLUMNS)
SCHEMA = pa.schema([(name, kind) for name, kind, _ in COLUMNS])


def record(row: ExportRow) -> tuple[Any, ...]:
    """The row's values in ``COLUMNS`` order."""
    return tuple(get(row) for _, _, get in COLUMNS)


def export_chunks(form: Format, rows: Iterable[ExportRow]) -> Iterator[bytes]:
    """The bulk formats; the DSA format is ``service.tdb_export.tdb_lines``."""
    if form is Format.CSV:
        return csv_chunks(rows)
    if form is Format.JSONL:
        return jsonl_chunks(rows)
    if form is Format.PARQUET:
        return parquet_chunks(rows)
    raise ValueError(f"{form.value} is not a bulk format")


def csv_chunks(rows: Iterable[ExportRow]) -> Iterator[bytes]:
    """RFC 4180 CSV with a header line; times in ISO 8601 UTC, booleans true/false, none empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(NAMES)
    for n, row in enumerate(rows, 1):
        writer.writerow([_csv_value(value) for value in record(row)])
        if n % CHUNK == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def jsonl_chunks(rows: Iterable[ExportRow]) -> Iterator[bytes]:
    """One JSON object per line, keys as ``COLUMNS``; times ISO 8601, absent values null."""
    encoder = msgspec.json.Encoder()
    lines: list[bytes] = []
    for row in rows:
        lines.append(encoder.encode(dict(zip(NAMES, record(row), strict=True))))
        if len(lines) == CHUNK:
            yield b"\n".join(lines) + b"\n"
            lines = []
    if lines:
        yield b"\n".join(lines) + b"\n"


def parquet_chunks(rows: Iterable[ExportRow], *, row_group: int = ROW_GROUP) -> Iterator[bytes]:
    """A Parquet file written one row group at a time; each group's bytes are yielded as written.

    Rows become Arrow record batches every CHUNK rows, so a row group waits in Arrow's
    compact columns rather than as Python objects."""
    sink = _Drain()
    with pq.ParquetWriter(sink, SCHEMA, compression="zstd") as writer:
        batches: list[pa.RecordBatch] = []
        pending: list[tuple[Any, ...]] = []
        held = 0
        for row in rows:
            pending.append(record(row))
            if len(pending) == CHUNK or held + len(pending) == row_group:
                batches.append(_batch(pending))
                held, pending = held + len(pending), []
            if held == row_group:
                writer.write_table(pa.Table.from_batches(batches, schema=SCHEMA), row_group_size=row_group)
                batches, held = [], 0
                yield sink.take()
        if pending:
            batches.append(_batch(pending))
        if batches:
            writer.write_table(pa.Table.from_batches(batches, schema=SCHEMA), row_group_size=row_group)
    yield sink.take()


def _batch(rows: list[tuple[Any, ...]]) -> pa.RecordBatch:
    columns = zip(*rows, strict=True)
    arrays = [pa.array(values, type=kind) for values, (_, kind, _) in zip(columns, COLUMNS, strict=True)]
    return pa.RecordBatch.from_arrays(arrays, schema=SCHEMA)


class _Drain(io.RawIOBase):
    """A write-only file that hands over what was written since the last ``take``."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._parts.append(chunk)
        self._position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._position

    def take(self) -> bytes:
        taken, self._parts = b"".join(self._parts), []
        return taken


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _drain(buffer: io.StringIO) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")
