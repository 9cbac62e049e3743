"""Bank operations: import/export round trips, tombstones, provenance, the flood guard,
and the live index over the store."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from netgov.core.taxonomy import Category
from netgov.media.banks import BankImportError, FileBankStore, FloodGuard, LiveBankIndex, MemoryBankStore, open_index
from netgov.media.banks import service as banks
from netgov.media.banks.formats import read_signals, write_signals
from tests.media.banks_factories import NOW, bank, entry, near, pdq


def store_with(*settings: object) -> MemoryBankStore:
    store = MemoryBankStore()
    for s in settings or (bank(),):
        store.save_bank(s)  # type: ignore[arg-type]
    return store


@pytest.mark.parametrize("fmt", ["csv", "tsv", "te"])
def test_export_then_import_yields_the_same_entries(fmt: str, tmp_path: Path) -> None:
    source = store_with()
    entries = [entry(pdq(1), provenance="GIFCT"), entry("d41d8cd98f00b204e9800998ecf8427e", "video_md5")]
    banks.ingest(source, "scams", entries, now=NOW)
    path = tmp_path / f"out.{fmt}"
    with path.open("w", newline="") as out:
        write_signals(out, "scams", banks.live_entries(source, "scams"), fmt)  # type: ignore[arg-type]
    target = store_with()
    rows = read_signals(path, fmt, bank=None if fmt != "te" else "scams", provenance="file")  # type: ignore[arg-type]
    banks.import_rows(target, rows, now=NOW)
    got = banks.live_entries(target, "scams")
    assert [e.key for e in got] == [e.key for e in entries]
    if fmt != "te":
        assert got == entries


def test_hma_style_file_without_extra_columns_imports(tmp_path: Path) -> None:
    path = tmp_path / "hma.csv"
    path.write_text(f"signal_type,signal_value\npdq,{pdq(1).upper()}\n")
    rows = read_signals(path, "csv", bank="scams", provenance="hma.csv")
    assert rows[0].entry.value == pdq(1)
    assert rows[0].entry.provenance == "hma.csv"


def test_invalid_values_are_reported_as_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"signal_type,signal_value,bank\npdq,{pdq(1)},b\npdq,xyz,b\nmd5,{'0' * 31},b\nfoo,1,b\n")
    with pytest.raises(BankImportError) as caught:
        read_signals(path, "csv", bank=None, provenance="")
    assert [p.split(": ")[0] for p in caught.value.problems] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "not a valid pdq value (64 hex digits)" in caught.value.problems[0]
    assert "unknown signal type 'foo'" in caught.value.problems[2]


def test_reimport_is_idempotent_and_tombstones_survive_it() -> None:
    store = store_with()
    entries = [entry(pdq(i)) for i in range(3)]
    banks.ingest(store, "scams", entries, now=NOW)
    assert banks.remove(store, "scams", [("pdq", pdq(1))], now=NOW, reason="fp") == 1
    result = banks.ingest(store, "scams", entries, now=NOW)
    assert (result.added, result.already_present, result.tombstoned) == (0, 2, 1)
    assert [e.value for e in banks.live_entries(store, "scams")] == [pdq(0), pdq(2)]


def traffic_store(matching: int, total: int = 1000) -> MemoryBankStore:
    store = store_with()
    store.record_traffic([near(pdq(7), 5, seed=i) for i in range(matching)])
    store.record_traffic([pdq(10_000 + i) for i in range(total - matching)])
    return store


def test_an_import_matching_over_one_percent_of_traffic_is_held_until_confirmed() -> None:
    store = traffic_store(matching=30)
    result = banks.ingest(store, "scams", [entry(pdq(7))], now=NOW)
    assert (result.held, result.added, result.traffic_matches) == (1, 0, 30)
    assert banks.live_entries(store, "scams") == []
    assert banks.confirm(store, "scams") == 1
    assert [e.value for e in banks.live_entries(store, "scams")] == [pdq(7)]
    assert store.pending("scams") == []


def test_a_held_import_can_be_rejected() -> None:
    store = traffic_store(matching=30)
    banks.ingest(store, "scams", [entry(pdq(7))], now=NOW)
    assert banks.reject(store, "scams") == 1
    assert banks.live_entries(store, "scams") == []


def test_a_normal_import_goes_live() -> None:
    store = traffic_store(matching=5)
    result = banks.ingest(store, "scams", [entry(pdq(7)), entry(pdq(8))], now=NOW)
    assert (result.added, result.held) == (2, 0)


def test_the_guard_needs_a_minimum_of_matches() -> None:
    assert not FloodGuard().trips(10, 100)
    assert FloodGuard().trips(20, 100)
    assert not FloodGuard().trips(20, 2000)


def test_index_matches_within_each_banks_threshold_with_its_settings() -> None:
    store = store_with(
        bank("strict", threshold=5, category=Category.SCAMS_AND_FRAUD, rollout=0.5),
        bank("loose", threshold=31),
        bank("fp", negative=True),
        bank("off", enabled=False),
    )
    for name in ("strict", "loose", "fp", "off"):
        banks.ingest(store, name, [entry(pdq(1))], now=NOW)
    index = LiveBankIndex(store)
    (close,), (far,) = index.match_pdq([near(pdq(1), 3)]), index.match_pdq([near(pdq(1), 20)])
    assert sorted(m.bank for m in close) == ["fp", "loose", "strict"]
    assert sorted(m.bank for m in far) == ["fp", "loose"]
    strict = next(m for m in close if m.bank == "strict")
    assert (strict.category, strict.rollout, strict.distance, strict.entry) == (
        Category.SCAMS_AND_FRAUD,
        0.5,
        3,
        pdq(1),
    )
    assert next(m for m in close if m.bank == "fp").negative


def test_index_follows_additions_tombstones_and_exact_values() -> None:
    store = store_with()
    index = LiveBankIndex(store, refresh_every=0)
    md5 = "d41d8cd98f00b204e9800998ecf8427e"
    banks.ingest(store, "scams", [entry(pdq(1)), entry(md5, "md5")], now=NOW)
    assert [m.bank for m in index.match_pdq([pdq(1)])[0]] == ["scams"]
    assert [m.entry for m in index.match_exact("md5", [md5.upper()])[0]] == [md5]
    banks.remove(store, "scams", [("pdq", pdq(1)), ("md5", md5)], now=NOW)
    assert index.match_pdq([pdq(1)]) == [[]]
    assert index.match_exact("md5", [md5]) == [[]]


def test_a_change_by_another_store_instance_is_seen_within_a_second(tmp_path: Path) -> None:
    FileBankStore(tmp_path).save_bank(bank())
    index = open_index(tmp_path)
    assert index.match_pdq([pdq(1)]) == [[]]
    banks.ingest(FileBankStore(tmp_path), "scams", [entry(pdq(1))], now=NOW)
    deadline = time.monotonic() + 1.0
    while not index.match_pdq([pdq(1)])[0]:
        assert time.monotonic() < deadline, "not matchable within a second"
        time.sleep(0.02)


def test_recorded_traffic_reaches_the_store(tmp_path: Path) -> None:
    index = open_index(tmp_path)
    index.record_traffic([pdq(1).upper()])
    assert FileBankStore(tmp_path).traffic() == [pdq(1)]


def test_write_signals_writes_a_header() -> None:
    out = io.StringIO()
    write_signals(out, "b", [entry(pdq(1), provenance="x")], "csv")
    assert out.getvalue().splitlines()[0] == "signal_type,signal_value,bank,provenance,added_at"
