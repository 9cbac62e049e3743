"""The brigade rule: enough notices in the window, mostly from new or inaccurate reporters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgov.governance.brigades import (
    BrigadeRule,
    Report,
    ReporterRecord,
    brigade_signal,
    is_inaccurate,
    is_new,
)

AT = datetime(2026, 6, 1, 12, tzinfo=UTC)
RULE = BrigadeRule(window=timedelta(minutes=60), min_notices=4, suspect_share=0.6)
OLD = ReporterRecord(first_seen=AT - timedelta(days=400), decided=10, upheld=8)  # seasoned and accurate
NEW = ReporterRecord(first_seen=AT - timedelta(minutes=5))
WRONG = ReporterRecord(first_seen=AT - timedelta(days=400), decided=5, upheld=0)


def reports(*reporters: str, minutes_ago: float = 1, trusted: bool = False) -> list[Report]:
    return [
        Report(
            notice_id=f"n-{name}-{n}", reporter=name, submitted_at=AT - timedelta(minutes=minutes_ago), trusted=trusted
        )
        for n, name in enumerate(reporters)
    ]


RECORDS = {"old": OLD, "new": NEW, "wrong": WRONG}


def test_a_burst_from_new_reporters_is_a_possible_brigade() -> None:
    signal = brigade_signal(reports("new", "new", "new", "old"), RECORDS, rule=RULE, at=AT)
    assert signal.suspected
    assert (signal.notices, signal.suspects, signal.share) == (4, 3, 0.75)


def test_a_burst_from_inaccurate_reporters_is_a_possible_brigade() -> None:
    assert brigade_signal(reports("wrong", "wrong", "wrong", "old"), RECORDS, rule=RULE, at=AT).suspected


def test_many_notices_from_seasoned_accurate_reporters_are_no_brigade() -> None:
    signal = brigade_signal(reports(*["old"] * 20), RECORDS, rule=RULE, at=AT)
    assert not signal.suspected
    assert signal.share == 0


def test_too_few_notices_are_no_brigade_however_new_their_reporters() -> None:
    assert not brigade_signal(reports("new", "new", "new"), RECORDS, rule=RULE, at=AT).suspected


def test_the_share_threshold_is_inclusive() -> None:
    rule = BrigadeRule(window=RULE.window, min_notices=5, suspect_share=0.6)
    assert brigade_signal(reports("new", "new", "new", "old", "old"), RECORDS, rule=rule, at=AT).suspected
    assert not brigade_signal(reports("new", "new", "old", "old", "old"), RECORDS, rule=rule, at=AT).suspected


def test_notices_before_the_window_do_not_count() -> None:
    late = reports("new", "new", minutes_ago=1)
    early = reports("new", "new", minutes_ago=61)
    signal = brigade_signal([*late, *list(early)], RECORDS, rule=RULE, at=AT)
    assert signal.notices == 2
    assert not signal.suspected


def test_the_window_edge_counts() -> None:
    assert brigade_signal(reports("new", "new", "new", "new", minutes_ago=60), RECORDS, rule=RULE, at=AT).suspected


def test_one_notice_counts_once_however_many_items_it_names() -> None:
    same = Report(notice_id="n1", reporter="new", submitted_at=AT)
    assert brigade_signal([same] * 10, RECORDS, rule=RULE, at=AT).notices == 1


def test_trusted_flaggers_are_never_suspect() -> None:
    signal = brigade_signal(reports("new", "new", "new", "new", trusted=True), RECORDS, rule=RULE, at=AT)
    assert signal.suspects == 0
    assert not signal.suspected


def test_a_reporter_without_history_counts_as_new() -> None:
    assert is_new(None, rule=RULE, at=AT)
    assert brigade_signal(reports("x", "y", "z", "w"), {}, rule=RULE, at=AT).suspected


def test_a_reporter_older_than_the_new_period_is_not_new() -> None:
    assert not is_new(ReporterRecord(first_seen=AT - RULE.new_for - timedelta(seconds=1)), rule=RULE, at=AT)


@pytest.mark.parametrize(
    ("decided", "upheld", "inaccurate"), [(2, 0, False), (3, 0, True), (4, 1, False), (8, 1, True)]
)
def test_inaccuracy_needs_enough_decided_notices_and_a_low_upheld_share(
    decided: int, upheld: int, inaccurate: bool
) -> None:
    record = ReporterRecord(first_seen=AT - timedelta(days=100), decided=decided, upheld=upheld)
    assert is_inaccurate(record, rule=RULE) is inaccurate


@given(st.lists(st.sampled_from(["old", "new", "wrong"]), max_size=30))
def test_the_signal_counts_add_up(names: list[str]) -> None:
    signal = brigade_signal(reports(*names), RECORDS, rule=RULE, at=AT)
    assert signal.notices == len(names)
    assert signal.suspects == sum(name != "old" for name in names)
    assert signal.suspected == (len(names) >= RULE.min_notices and signal.share >= RULE.suspect_share)
