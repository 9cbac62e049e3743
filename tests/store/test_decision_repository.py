"""The decision repository's contract, on SQLite and PostgreSQL: inserts, lookups, filters,
counts, scope and keyset paging."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta, timezone

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from netgov.identity.authorization import Scope
from netgov.store.repositories.decisions import Cursor, DecisionFilter
from netgov.store.tables import DecisionRow
from netgov.store.unit_of_work import UnitOfWork
from tests.store.rows import T0, Row, add_places, insert_decisions, migrated

EVERYTHING = Scope(jurisdictions=("ex",), platforms=("chirp", "marketly"), unplaced=True)
ALL = DecisionFilter()


@pytest.fixture
def store(database: str) -> Iterator[Engine]:
    engine = migrated(database)
    with UnitOfWork(engine, write=True) as uow:
        add_places(uow, "chirp", "marketly")
        uow.commit()
    yield engine
    engine.dispose()


def _add(engine: Engine, *rows: Row) -> None:
    with UnitOfWork(engine, write=True) as uow:
        insert_decisions(uow, rows)
        uow.commit()


def _ids(engine: Engine, scope: Scope = EVERYTHING, where: DecisionFilter = ALL) -> list[str]:
    with UnitOfWork(engine, write=False) as uow:
        return [row.id for row in uow.decisions.page(scope, where, limit=500)]


def _minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def test_an_inserted_decision_is_read_back_with_its_content(store: Engine) -> None:
    _add(store, Row(id="d1", content_id="post-1", jurisdiction="ex.north", action="remove", rules=("a.b",)))
    with UnitOfWork(store, write=False) as uow:
        found = uow.decisions.get("d1")
    assert found is not None
    decision, content = found
    assert (decision.id, decision.content_id, decision.action, decision.rules) == ("d1", "post-1", "remove", " a.b ")
    assert (content.pk, content.content_id, content.text) == (decision.content_pk, "post-1", "text of d1")


def test_an_unknown_decision_id_reads_as_none(store: Engine) -> None:
    with UnitOfWork(store, write=False) as uow:
        assert uow.decisions.get("nope") is None


def test_existing_finds_stored_items_of_one_platform_by_content_id(store: Engine) -> None:
    _add(
        store,
        Row(id="d1", content_id="p1"),
        Row(id="d2", content_id="p2"),
        Row(id="d3", content_id="p1", platform="marketly"),
    )
    with UnitOfWork(store, write=False) as uow:
        found = uow.decisions.existing("chirp", ["p1", "p2", "p9"])
    assert sorted(found) == ["p1", "p2"]
    assert (found["p1"].decision_id, found["p1"].digest, found["p1"].document) == ("d1", "0" * 64, b'{"id":"d1"}')


def test_a_content_id_is_stored_once_per_platform(store: Engine) -> None:
    _add(store, Row(id="d1", content_id="p1"), Row(id="d2", content_id="p1", platform="marketly"))
    with pytest.raises(IntegrityError), UnitOfWork(store, write=True) as uow:
        insert_decisions(uow, [Row(id="d3", content_id="p1")])
    assert sorted(_ids(store)) == ["d1", "d2"]


def test_a_page_lists_newest_first_with_ties_broken_by_id(store: Engine) -> None:
    _add(store, Row(id="a", at=T0), Row(id="c", at=T0), Row(id="b", at=T0), Row(id="z", at=T0 - _minutes(1)))
    assert _ids(store) == ["c", "b", "a", "z"]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (DecisionFilter(platform="marketly"), ["m1"]),
        (DecisionFilter(category="SCAMS_AND_FRAUD"), ["c2", "c1"]),
        (DecisionFilter(action="remove"), ["c2"]),
        (DecisionFilter(rule="scam.fraud"), ["c1"]),
        (DecisionFilter(since=T0 + _minutes(1)), ["m1", "c2"]),
        (DecisionFilter(until=T0 + _minutes(1)), ["c1"]),
        (DecisionFilter(since=T0 + _minutes(1), until=T0 + _minutes(2)), ["c2"]),
        (DecisionFilter(platform="chirp", category="SCAMS_AND_FRAUD", action="hold_for_review"), ["c1"]),
    ],
    ids=["platform", "category", "action", "rule", "since (inclusive)", "until (exclusive)", "window", "combined"],
)
def test_each_filter_narrows_the_page_and_the_count(store: Engine, where: DecisionFilter, expected: list[str]) -> None:
    _add(
        store,
        Row(id="c1", at=T0, action="hold_for_review", category="SCAMS_AND_FRAUD", rules=("scam.fraud", "scam.weak")),
        Row(id="c2", at=T0 + _minutes(1), action="remove", category="SCAMS_AND_FRAUD", rules=("scam.fraud-x",)),
        Row(id="m1", at=T0 + _minutes(2), platform="marketly"),
    )
    assert _ids(store, where=where) == expected
    with UnitOfWork(store, write=False) as uow:
        assert uow.decisions.count(EVERYTHING, where) == len(expected)


def test_the_rule_filter_matches_whole_rule_ids_only(store: Engine) -> None:
    _add(
        store,
        Row(id="exact", rules=("scam.fraud",)),
        Row(id="among", rules=("spam.flood", "scam.fraud", "x.y")),
        Row(id="longer", rules=("scam.fraud2",)),
        Row(id="nested", rules=("old.scam.fraud",)),
        Row(id="none"),
    )
    assert sorted(_ids(store, where=DecisionFilter(rule="scam.fraud"))) == ["among", "exact"]
    assert _ids(store, where=DecisionFilter(rule="scam")) == []
    assert _ids(store, where=DecisionFilter(rule="SCAM.FRAUD")) == []
    assert _ids(store, where=DecisionFilter(rule="scam%fraud")) == []


def test_counts_by_groups_within_scope_and_filter(store: Engine) -> None:
    _add(
        store,
        Row(id="1", action="remove", jurisdiction="ex.north"),
        Row(id="2", action="remove", jurisdiction="ex.south"),
        Row(id="3", action="allow", jurisdiction="ex.north"),
        Row(id="4", action="label", jurisdiction="ex.north", platform="marketly"),
    )
    north = Scope(jurisdictions=("ex.north",))
    with UnitOfWork(store, write=False) as uow:
        assert uow.decisions.counts_by("action", north, ALL) == {"remove": 1, "allow": 1, "label": 1}
        assert uow.decisions.counts_by("platform_id", EVERYTHING, ALL) == {"chirp": 3, "marketly": 1}
        assert uow.decisions.counts_by("action", north, DecisionFilter(platform="chirp")) == {"remove": 1, "allow": 1}


def test_a_jurisdiction_scope_takes_the_subtree_and_not_lookalike_siblings(store: Engine) -> None:
    _add(
        store,
        Row(id="north", jurisdiction="ex.north"),
        Row(id="harbour", jurisdiction="ex.north.harbour"),
        Row(id="northwest", jurisdiction="ex.northwest"),
        Row(id="underscore", jurisdiction="ex.north_x"),
        Row(id="shouting", jurisdiction="EX.NORTH.harbour"),
        Row(id="south", jurisdiction="ex.south"),
        Row(id="unplaced", jurisdiction=None),
    )
    assert sorted(_ids(store, Scope(jurisdictions=("ex.north",)))) == ["harbour", "north"]
    assert sorted(_ids(store, Scope(jurisdictions=("ex.north.harbour", "ex.south")))) == ["harbour", "south"]


def test_a_platform_scope_takes_that_platform_anywhere(store: Engine) -> None:
    _add(store, Row(id="c", jurisdiction="ex.south"), Row(id="c0"), Row(id="m", platform="marketly"))
    assert sorted(_ids(store, Scope(platforms=("chirp",)))) == ["c", "c0"]


def test_the_unplaced_scope_takes_decisions_without_jurisdiction(store: Engine) -> None:
    _add(store, Row(id="placed", jurisdiction="ex"), Row(id="unplaced"))
    assert _ids(store, Scope(unplaced=True)) == ["unplaced"]


def test_an_empty_scope_lists_and_counts_nothing(store: Engine) -> None:
    _add(store, Row(id="1", jurisdiction="ex"), Row(id="2"))
    assert _ids(store, Scope()) == []
    with UnitOfWork(store, write=False) as uow:
        assert uow.decisions.count(Scope(), ALL) == 0
        assert uow.decisions.counts_by("action", Scope(), ALL) == {}


def test_keyset_paging_visits_every_row_once_across_equal_timestamps(store: Engine) -> None:
    # 23 rows over 5 distinct times, so that page boundaries fall inside runs of ties.
    rows = [Row(id=f"d{n:02}", at=T0 + _minutes(n % 5)) for n in range(23)]
    _add(store, *rows)
    seen: list[str] = []
    after: Cursor | None = None
    with UnitOfWork(store, write=False) as uow:
        while page := uow.decisions.page(EVERYTHING, ALL, after=after, limit=4):
            seen += [row.id for row in page]
            after = Cursor(page[-1].decided_at, page[-1].id)
    expected = sorted(rows, key=lambda row: (row.at, row.id), reverse=True)
    assert seen == [row.id for row in expected]


def test_a_cursor_means_the_same_instant_in_any_time_zone(store: Engine) -> None:
    _add(store, *(Row(id=f"d{n}", at=T0 + _minutes(n)) for n in range(4)))
    pages = []
    for zone in (UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))):
        cursor = Cursor((T0 + _minutes(2)).astimezone(zone), "d2")
        with UnitOfWork(store, write=False) as uow:
            pages.append([row.id for row in uow.decisions.page(EVERYTHING, ALL, after=cursor, limit=10)])
    assert pages == [["d1", "d0"]] * 3


def test_decision_times_come_back_as_aware_utc(store: Engine) -> None:
    _add(store, Row(id="d", at=T0.astimezone(timezone(timedelta(hours=2)))))
    with UnitOfWork(store, write=False) as uow:
        (row,) = uow.decisions.page(EVERYTHING, ALL, limit=1)
    assert isinstance(row, DecisionRow)
    assert row.decided_at == T0
    assert row.decided_at.utcoffset() == timedelta(0)
