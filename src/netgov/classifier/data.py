"""Reading labelled examples from CSV, TSV or JSONL: the file side of training."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from netgov.errors import NetgovError

FORMATS = ("csv", "tsv", "jsonl")


class TrainingError(NetgovError):
    """Training cannot start or finish: bad data file, missing column, one class only."""


@dataclass(frozen=True, slots=True)
class Examples:
    texts: list[str]
    labels: list[str]
    duplicates: int


def guess_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return {"jsonl": "jsonl", "ndjson": "jsonl", "tsv": "tsv"}.get(suffix, "csv")


def read_examples(path: Path, *, text_column: str, label_column: str, fmt: str, header: bool = True) -> Examples:
    """Rows with a text and a label; exact repeats of a text are dropped (the first
    label wins) so that no message sits in both the training and the held-out split."""
    try:
        data = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TrainingError(f"{path}: cannot read the file: {error}") from None
    rows = _jsonl(path, data) if fmt == "jsonl" else _delimited(data, fmt, header=header)
    texts: list[str] = []
    labels: list[str] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        text, label = _field(path, row, text_column, number), _field(path, row, label_column, number)
        if text not in seen and label:
            seen.add(text)
            texts.append(text)
            labels.append(label)
    return Examples(texts, labels, len(rows) - len(texts))


def _delimited(data: str, fmt: str, *, header: bool) -> list[dict[str, str]]:
    """CSV follows RFC 4180 quoting; TSV is plain: split on tabs, quotes are text."""
    if fmt == "tsv":
        table = [line.split("\t") for line in data.splitlines() if line]
    else:
        table = list(csv.reader(io.StringIO(data, newline="")))
    if not header:
        return [{str(i): cell for i, cell in enumerate(row, start=1)} for row in table]
    if not table:
        return []
    names = table[0]
    return [dict(zip(names, row, strict=False)) for row in table[1:]]


def _jsonl(path: Path, data: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as error:
            raise TrainingError(f"{path}:{number}: not valid JSON: {error}") from None
        if not isinstance(value, dict):
            raise TrainingError(f"{path}:{number}: expected a JSON object")
        rows.append({str(k): "" if v is None else str(v) for k, v in value.items()})
    return rows


def _field(path: Path, row: dict[str, str], column: str, number: int) -> str:
    if column not in row:
        known = ", ".join(sorted(row)) or "none"
        raise TrainingError(f"{path}: row {number} has no column {column!r} (columns: {known})")
    return row[column]
