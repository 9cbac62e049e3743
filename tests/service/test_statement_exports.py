"""Exporting statements: who may export what, the DSA check before anything is written,
the four formats, and a large export streamed in bounded memory."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from netgov.errors import ConflictError, InvalidRequestError, PermissionDeniedError
from netgov.service.export_formats import NAMES, Format, parquet_chunks
from netgov.service.exports import Prepared, export_stream, prepare_export
from netgov.service.permissions import SYSTEM
from tests.service.export_support import bulk_statements, removed
from tests.service.support import staff
from tests.service_world import World, open_world


def _prepare(world: World, form: Format, **changes: object) -> Prepared:
    arguments: dict[str, object] = {"actor": SYSTEM, "form": form, "platform": None, "since": None}
    with world.runtime.uow() as uow:
        return prepare_export(uow, at=world.clock(), **(arguments | changes))  # type: ignore[arg-type]


def _export(world: World, form: Format, **changes: object) -> bytes:
    return b"".join(export_stream(world.runtime.uow, _prepare(world, form, **changes)))


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.fixture(scope="module")
def exported(shared_world: World) -> World:
    """Removals on chirp in ex.south and de.by and on marketly in ex.south, an hour ago."""
    removed(shared_world, "ex-1")
    removed(shared_world, "ex-2", jurisdiction="de.by")
    removed(shared_world, "ex-m", platform="marketly")
    shared_world.clock.advance(hours=1)
    return shared_world


def test_csv_has_a_header_and_one_row_per_statement_with_its_decision(exported: World) -> None:
    rows = {row["content_id"]: row for row in _csv(_export(exported, Format.CSV))}
    assert {"ex-1", "ex-2", "ex-m"} <= set(rows)
    row = rows["ex-1"]
    assert (row["measure"], row["decided_by_kind"], row["rule"]) == ("remove", "rule", "scam.crypto-doubling")
    assert (row["decision_action"], row["automated_detection"], row["content_language"]) == ("remove", "true", "en-GB")
    assert row["legal_grounds"] == "MOSR 1.0 Art. 7"


def test_no_bulk_format_carries_the_account_or_the_text(exported: World) -> None:
    for form in (Format.CSV, Format.JSONL):
        data = _export(exported, form).decode("utf-8")
        assert "u-ex-1" not in data
        assert "send back double" not in data
    assert "account_id" not in NAMES


def test_jsonl_has_one_object_per_statement_with_the_csv_columns(exported: World) -> None:
    lines = _export(exported, Format.JSONL).splitlines()
    first = json.loads(lines[0])
    assert list(first) == list(NAMES)
    assert len(lines) == len(_csv(_export(exported, Format.CSV)))


def test_parquet_reads_back_with_the_same_rows(exported: World) -> None:
    table = pq.read_table(io.BytesIO(_export(exported, Format.PARQUET)))
    assert table.schema.names == list(NAMES)
    assert {"ex-1", "ex-2", "ex-m"} <= set(table.column("content_id").to_pylist())


def test_a_platform_admin_exports_only_their_platform(exported: World) -> None:
    rows = _csv(_export(exported, Format.CSV, actor=staff(exported, "chirp_admin")))
    assert {row["platform"] for row in rows} == {"chirp"}


def test_a_platform_admin_may_not_export_another_platform(exported: World) -> None:
    with pytest.raises(PermissionDeniedError):
        _prepare(exported, Format.CSV, actor=staff(exported, "chirp_admin"), platform="marketly")


def test_a_moderator_may_not_export_at_all(exported: World) -> None:
    with pytest.raises(PermissionDeniedError, match=r"statement\.export"):
        _prepare(exported, Format.CSV, actor=staff(exported, "chirp_moderator"))


def test_an_unknown_platform_is_refused(exported: World) -> None:
    with pytest.raises(InvalidRequestError, match="no platform 'nope'"):
        _prepare(exported, Format.CSV, platform="nope")


def test_since_keeps_only_later_statements(exported: World) -> None:
    assert _csv(_export(exported, Format.CSV, since=exported.clock() - timedelta(minutes=1))) == []
    assert _csv(_export(exported, Format.CSV, since=exported.clock() - timedelta(hours=2)))


def test_a_since_in_the_future_is_refused(exported: World) -> None:
    with pytest.raises(InvalidRequestError, match="since"):
        _prepare(exported, Format.CSV, since=exported.clock() + timedelta(days=1))


def test_the_dsa_export_takes_eea_statements_and_counts_the_others(exported: World) -> None:
    prepared = _prepare(exported, Format.DSA_TDB)
    assert prepared.check is not None
    bodies = [json.loads(line) for line in b"".join(export_stream(exported.runtime.uow, prepared)).splitlines()]
    statements = [s for body in bodies for s in body["statements"]]
    assert prepared.check.exported == len(statements) >= 1
    assert prepared.check.outside >= 2
    (mine,) = [s for s in statements if s["puid"].startswith("ex-2-")]
    assert (mine["territorial_scope"], mine["content_language"], mine["content_type"]) == (
        ["DE"],
        "EN",
        ["CONTENT_TYPE_TEXT"],
    )
    assert "u-ex-2" not in json.dumps(bodies)


def test_an_invalid_statement_stops_the_dsa_export_before_anything_is_written(world: World) -> None:
    removed(world, "bad:id", jurisdiction="de")
    world.clock.advance(minutes=5)
    with pytest.raises(ConflictError, match=r"statement sor_\w+ cannot go .*: puid: "):
        _prepare(world, Format.DSA_TDB)


@pytest.fixture
def large(database: str, tmp_path: Path) -> Iterator[World]:
    for world in open_world(database, tmp_path):
        bulk_statements(world, 25_000, start=world.clock() - timedelta(days=1))
        yield world


def _streamed(chunks: Iterator[bytes], path: Path) -> tuple[int, bytes]:
    """The most memory Python held while the chunks were produced and written to ``path``; the file."""
    tracemalloc.start()
    try:
        with path.open("wb") as sink:
            for chunk in chunks:
                sink.write(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, path.read_bytes()


# Holding all 25,000 rows decoded (what a non-streaming export would do) takes about 64 MB;
# streaming holds a chunk of 1,000 (about 5 MB).
BUDGET = 12_000_000


def test_a_large_export_streams_in_bounded_memory_and_round_trips(large: World, tmp_path: Path) -> None:
    prepared = _prepare(large, Format.CSV)
    peak, data = _streamed(export_stream(large.runtime.uow, prepared), tmp_path / "statements.csv")
    rows = _csv(data)
    assert len(rows) == 25_000
    assert rows[0]["statement_id"] == "sor_bulk0000000"
    assert peak < BUDGET

    b"".join(parquet_chunks([]))  # pyarrow imports what it needs on first use: not the export's memory
    prepared = _prepare(large, Format.PARQUET)
    peak, data = _streamed(export_stream(large.runtime.uow, prepared), tmp_path / "statements.parquet")
    table = pq.read_table(io.BytesIO(data))
    assert table.num_rows == 25_000
    assert pq.ParquetFile(io.BytesIO(data)).metadata.num_row_groups == 3
    assert peak < BUDGET
