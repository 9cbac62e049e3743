"""The bank store contract, run against the in-memory and the file store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from netgov.media.banks import BankError, BankStore, FileBankStore, MemoryBankStore, Tombstone
from tests.media.banks_factories import NOW, bank, entry, pdq


@pytest.fixture(params=["memory", "files"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], BankStore]:
    if request.param == "memory":
        shared = MemoryBankStore(traffic_limit=5)
        return lambda: shared
    return lambda: FileBankStore(tmp_path / "banks", traffic_limit=5)


def test_settings_round_trip(make_store: Callable[[], BankStore]) -> None:
    settings = bank("b", description="d", source="s", threshold=20, negative=True, enabled=False, rollout=0.25)
    make_store().save_bank(settings)
    assert make_store().bank("b") == settings
    assert [b.name for b in make_store().banks()] == ["b"]


def test_entries_are_read_from_a_cursor(make_store: Callable[[], BankStore]) -> None:
    store = make_store()
    store.save_bank(bank("b"))
    store.append_entries("b", [entry(pdq(1))])
    first, cursor = store.entries_since("b", 0)
    store.append_entries("b", [entry(pdq(2), provenance="NCMEC")])
    second, _ = make_store().entries_since("b", cursor)
    assert first == [entry(pdq(1))]
    assert second == [entry(pdq(2), provenance="NCMEC")]


def test_tombstones_and_pending_are_kept(make_store: Callable[[], BankStore]) -> None:
    store = make_store()
    store.save_bank(bank("b"))
    stone = Tombstone(signal_type="pdq", value=pdq(1), reason="fp", removed_at=NOW)
    store.append_tombstones("b", [stone])
    store.set_pending("b", [entry(pdq(3))])
    assert make_store().tombstones_since("b", 0)[0] == [stone]
    assert make_store().pending("b") == [entry(pdq(3))]


def test_every_change_moves_the_version(make_store: Callable[[], BankStore]) -> None:
    store = make_store()
    versions = [store.version()]
    store.save_bank(bank("b"))
    versions.append(make_store().version())
    store.append_entries("b", [entry(pdq(1))])
    versions.append(make_store().version())
    assert versions == sorted(set(versions))


def test_traffic_sample_is_bounded(make_store: Callable[[], BankStore]) -> None:
    store = make_store()
    for i in range(20):
        store.record_traffic([pdq(i)])
    assert make_store().traffic() == [pdq(i) for i in range(15, 20)]


def test_unknown_bank_is_an_error(make_store: Callable[[], BankStore]) -> None:
    with pytest.raises(BankError, match="no bank"):
        make_store().append_entries("nope", [entry(pdq(1))])


def test_a_torn_last_line_is_ignored(tmp_path: Path) -> None:
    store = FileBankStore(tmp_path)
    store.save_bank(bank("b"))
    store.append_entries("b", [entry(pdq(1))])
    with (tmp_path / "b" / "entries.jsonl").open("ab") as log:
        log.write(b'{"signal_type":"pdq","val')
    assert store.entries_since("b", 0)[0] == [entry(pdq(1))]
