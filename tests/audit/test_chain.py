"""The hash chain: how events are hashed and linked, and how verify_chain names what was tampered with."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netgov.audit import (
    EMPTY_HEAD,
    GENESIS,
    AuditEvent,
    ChainHead,
    ChainReport,
    append,
    event_hash,
    head_of,
    recomputed_hash,
    verify_chain,
)
from tests.audit import build_chain, rehash
from tests.factories import NOW

_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12)
)
_ZONES = st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))])
_ENTRIES = st.fixed_dictionaries(
    {
        "at": st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=_ZONES),
        "actor": st.sampled_from(["staff:alice", "platform:acme", "system"]),
        "action": st.sampled_from(["decision.create", "staff.sign_in", "decision.read_content"]),
        "object": st.text(max_size=20),
        "reason": st.text(max_size=40),
        # Keys never contain "tampered", so adding that key is always a real edit.
        "details": st.dictionaries(st.text(alphabet="abcdefgh", min_size=1, max_size=6), _VALUES, max_size=4),
    }
)
_CONTENT_FIELDS = ["at", "actor", "action", "object", "reason", "details", "prev_hash"]


def _chain_of(entries: list[dict[str, Any]]) -> list[AuditEvent]:
    events: list[AuditEvent] = []
    head = EMPTY_HEAD
    for entry in entries:
        events.append(append(head, **entry))
        head = head_of(events[-1])
    return events


_CHAINS = st.lists(_ENTRIES, min_size=2, max_size=8).map(_chain_of)


def _tampered(event: AuditEvent, field: str) -> AuditEvent:
    changes: dict[str, object] = {
        "at": event.at + timedelta(seconds=1),
        "actor": event.actor + "~",
        "action": event.action + "~",
        "object": event.object + "~",
        "reason": event.reason + "~",
        "details": {**event.details, "tampered": True},
        "prev_hash": "f" * 64,
        "hash": "e" * 64,
    }
    return msgspec.structs.replace(event, **{field: changes[field]})


def _where(report: ChainReport) -> tuple[int, str] | None:
    return None if report.problem is None else (report.problem.seq, report.problem.kind)


def _message(report: ChainReport) -> str:
    assert report.problem is not None
    return report.problem.message


# Hashing and appending


def test_the_first_event_links_to_genesis() -> None:
    first = build_chain(1)[0]
    assert (first.seq, first.prev_hash) == (1, GENESIS)


def test_append_numbers_events_and_links_each_to_the_one_before() -> None:
    events = build_chain(3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]


def test_append_stores_the_time_in_utc() -> None:
    event = append(
        EMPTY_HEAD, at=NOW.astimezone(timezone(timedelta(hours=8))), actor="system", action="a", object="o", reason=""
    )
    assert event.at.utcoffset() == timedelta(0)
    assert event.at == NOW


def test_append_keeps_its_own_copy_of_details() -> None:
    details: dict[str, str | int | float | bool | None] = {"rule": "R1"}
    event = append(EMPTY_HEAD, at=NOW, actor="system", action="a", object="o", reason="", details=details)
    details["rule"] = "R2"
    assert event.details == {"rule": "R1"}
    assert recomputed_hash(event) == event.hash


def test_head_of_an_event_is_its_seq_and_hash() -> None:
    event = build_chain(1)[0]
    assert head_of(event) == ChainHead(1, event.hash)


def test_event_hash_is_sha256_of_the_documented_encoding() -> None:
    encoded = (
        r'["netgov-audit-event-v1",1,"2026-06-01T12:00:00.000000Z","staff:alice","decision.create",'
        r'"decision:dec_ab12","Tab\there \"quoted\" é",'
        r'{"a":true,"b":1e-05,"n":100000000000000000000,"z":null,"é":"x"},'
        f'"{GENESIS}"]'
    ).encode()
    computed = event_hash(
        seq=1,
        at=datetime(2026, 6, 1, 14, 0, tzinfo=timezone(timedelta(hours=2))),
        actor="staff:alice",
        action="decision.create",
        object="decision:dec_ab12",
        reason='Tab\there "quoted" é',
        details={"z": None, "é": "x", "b": 1e-05, "n": 10**20, "a": True},
        prev_hash=GENESIS,
    )
    assert computed == hashlib.sha256(encoded).hexdigest()


def _hash_with(**changes: Any) -> str:
    fields: dict[str, Any] = {
        "seq": 1,
        "at": NOW,
        "actor": "system",
        "action": "a",
        "object": "o",
        "reason": "",
        "details": {},
        "prev_hash": GENESIS,
    }
    return event_hash(**(fields | changes))


def test_event_hash_ignores_the_order_of_details_keys() -> None:
    assert _hash_with(details={"a": 1, "b": 2}) == _hash_with(details={"b": 2, "a": 1})


def test_event_hash_is_the_same_for_one_instant_in_any_timezone() -> None:
    assert _hash_with(at=NOW) == _hash_with(at=NOW.astimezone(timezone(timedelta(hours=-7))))


@pytest.mark.parametrize(("one", "other"), [(True, 1), (1, 1.0), (1, "1"), (None, "null"), (False, 0)])
def test_event_hash_tells_detail_values_of_different_types_apart(one: object, other: object) -> None:
    assert _hash_with(details={"k": one}) != _hash_with(details={"k": other})


def test_event_hash_rejects_naive_times() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        _hash_with(at=datetime(2026, 6, 1, 12, 0))


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_event_hash_rejects_non_finite_floats(value: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        _hash_with(details={"score": value})


# Verifying: what intact chains look like


def test_an_empty_log_verifies_and_its_head_is_the_start() -> None:
    assert verify_chain([]) == ChainReport(ok=True, checked=0, head=EMPTY_HEAD, problem=None)


def test_verify_chain_reads_a_one_shot_iterator() -> None:
    events = build_chain(3)

    def stream() -> Iterator[AuditEvent]:
        yield from events

    assert verify_chain(stream()) == ChainReport(ok=True, checked=3, head=head_of(events[-1]), problem=None)


def test_verifying_from_a_head_checks_only_the_later_events() -> None:
    events = build_chain(5)
    report = verify_chain(events[3:], start=head_of(events[2]))
    assert (report.ok, report.checked, report.head) == (True, 2, head_of(events[4]))


# Verifying: tampering, one kind at a time


def test_a_changed_event_is_named_and_the_report_stops_before_it() -> None:
    events = build_chain(4)
    events[1] = _tampered(events[1], "reason")
    report = verify_chain(events)
    assert _message(report) == "event 2 was changed: its stored hash does not match its content"
    assert (report.ok, report.checked, report.head) == (False, 1, head_of(events[0]))


def test_an_edit_with_a_recomputed_hash_blames_the_edited_event_not_the_next() -> None:
    events = build_chain(4)
    events[1] = rehash(_tampered(events[1], "reason"))
    report = verify_chain(events)
    assert _where(report) == (2, "changed")
    assert _message(report) == "event 2 was changed and its hash recomputed: event 3 still links to its original hash"
    assert (report.checked, report.head) == (1, head_of(events[0]))


def test_a_link_rewritten_with_a_recomputed_hash_blames_that_event() -> None:
    events = build_chain(4)
    events[2] = rehash(_tampered(events[2], "prev_hash"))
    report = verify_chain(events)
    assert _where(report) == (3, "changed")
    assert _message(report) == "event 3 was changed and its hash recomputed: it does not link to event 2"


def test_a_first_event_that_does_not_link_to_the_start_is_changed() -> None:
    events = [rehash(_tampered(build_chain(1)[0], "prev_hash"))]
    report = verify_chain(events)
    assert _message(report) == "event 1 was changed and its hash recomputed: it does not link to the start of the log"


def test_a_break_right_after_a_trusted_start_blames_the_first_checked_event() -> None:
    events = build_chain(4)
    events[2] = rehash(_tampered(events[2], "prev_hash"))
    report = verify_chain(events[2:3], start=head_of(events[1]))
    assert _where(report) == (3, "changed")
    assert (report.checked, report.head) == (0, head_of(events[1]))


def test_a_deleted_event_is_named_with_its_neighbours() -> None:
    events = build_chain(4)
    del events[2]
    report = verify_chain(events)
    assert _where(report) == (3, "deleted")
    assert _message(report) == "event 3 was deleted: event 4 follows event 2"


def test_a_deleted_run_of_events_names_the_range() -> None:
    events = build_chain(5)
    del events[1:4]
    assert _message(verify_chain(events)) == "events 2 to 4 were deleted: event 5 follows event 1"


def test_a_deleted_first_event_says_where_the_log_starts() -> None:
    events = build_chain(3)[1:]
    report = verify_chain(events)
    assert _where(report) == (1, "deleted")
    assert _message(report) == "event 1 was deleted: the log starts at event 2"


def test_a_row_whose_seq_was_edited_leaves_a_gap_where_it_was() -> None:
    events = build_chain(4)
    events[1] = msgspec.structs.replace(events[1], seq=99)
    report = verify_chain(sorted(events, key=lambda e: e.seq))
    assert _message(report) == "event 2 was deleted: event 3 follows event 1"


def test_events_read_out_of_order_are_reordered() -> None:
    one, two, three, four = build_chain(4)
    report = verify_chain([one, three, two, four])
    assert _where(report) == (2, "reordered")
    assert _message(report) == "event 3 comes before event 2: the events are out of order"


def test_an_event_read_after_a_later_one_is_reordered() -> None:
    one, two, three = build_chain(3)
    report = verify_chain([one, two, three, one])
    assert _where(report) == (1, "reordered")
    assert _message(report) == "event 1 comes after event 3: the events are out of order"


def test_swapping_two_rows_seq_columns_shows_as_a_changed_event() -> None:
    one, two, three, four = build_chain(4)
    swapped = [msgspec.structs.replace(three, seq=2), msgspec.structs.replace(two, seq=3)]
    assert _where(verify_chain([one, *swapped, four])) == (2, "changed")


def test_two_events_swapped_and_renumbered_with_recomputed_hashes_are_reordered() -> None:
    one, two, three, four = build_chain(4)
    swapped = [rehash(msgspec.structs.replace(three, seq=2)), rehash(msgspec.structs.replace(two, seq=3))]
    report = verify_chain([one, *swapped, four])
    assert _where(report) == (2, "reordered")
    assert _message(report) == "events 2 and 3 were swapped: event 3 links to event 1"


def test_an_inserted_event_with_the_rest_renumbered_is_reported_as_inserted() -> None:
    one, two, three = build_chain(3)
    forged = append(head_of(one), at=NOW, actor="staff:mallory", action="decision.create", object="o", reason="")
    renumbered = [rehash(msgspec.structs.replace(e, seq=e.seq + 1)) for e in (two, three)]
    report = verify_chain([one, forged, *renumbered])
    assert _where(report) == (2, "inserted")
    assert _message(report) == "event 2 was inserted: event 3 links to event 1, the one before it"
    assert (report.checked, report.head) == (1, head_of(one))


def test_a_duplicated_row_is_reported_as_duplicate() -> None:
    one, two, three = build_chain(3)
    report = verify_chain([one, two, two, three])
    assert _where(report) == (2, "duplicate")
    assert _message(report) == "event 2 appears twice: two rows claim seq 2"


def test_verification_stops_at_the_first_break() -> None:
    events = build_chain(6)
    events[4] = _tampered(events[4], "actor")
    del events[1]
    report = verify_chain(events)
    assert (_where(report), report.checked) == ((2, "deleted"), 1)


# Properties over any chain and any single act of tampering


@settings(deadline=None)
@given(st.lists(_ENTRIES, max_size=10).map(_chain_of))
def test_any_chain_built_with_append_verifies(events: list[AuditEvent]) -> None:
    head = head_of(events[-1]) if events else EMPTY_HEAD
    assert verify_chain(events) == ChainReport(ok=True, checked=len(events), head=head, problem=None)


@settings(deadline=None)
@given(_CHAINS, st.data())
def test_verifying_in_two_parts_gives_the_same_head(events: list[AuditEvent], data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(events)))
    first = verify_chain(events[:cut])
    assert verify_chain(events[cut:], start=first.head).head == head_of(events[-1])


@settings(deadline=None)
@given(_CHAINS, st.data())
def test_any_edit_without_fixing_the_hash_is_reported_at_the_edited_event(
    events: list[AuditEvent], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(events) - 1))
    events[index] = _tampered(events[index], data.draw(st.sampled_from([*_CONTENT_FIELDS, "hash"])))
    assert _where(verify_chain(events)) == (index + 1, "changed")


@settings(deadline=None)
@given(_CHAINS, st.data())
def test_any_edit_with_a_recomputed_hash_is_reported_at_the_edited_event(
    events: list[AuditEvent], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(events) - 2))
    events[index] = rehash(_tampered(events[index], data.draw(st.sampled_from(_CONTENT_FIELDS))))
    assert _where(verify_chain(events)) == (index + 1, "changed")


@settings(deadline=None)
@given(_CHAINS, st.sampled_from(_CONTENT_FIELDS[:-1]))
def test_rewriting_the_last_event_with_a_recomputed_hash_passes_the_chain_alone(
    events: list[AuditEvent], field: str
) -> None:
    events[-1] = rehash(_tampered(events[-1], field))
    assert verify_chain(events).ok


@settings(deadline=None)
@given(_CHAINS, st.data())
def test_deleting_any_event_but_the_last_is_reported_at_its_seq(events: list[AuditEvent], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(events) - 2))
    del events[index]
    assert _where(verify_chain(events)) == (index + 1, "deleted")


@settings(deadline=None)
@given(_CHAINS)
def test_deleting_the_last_event_passes_the_chain_alone(events: list[AuditEvent]) -> None:
    report = verify_chain(events[:-1])
    assert (report.ok, report.checked, report.head) == (True, len(events) - 1, head_of(events[-2]))


@settings(deadline=None)
@given(_CHAINS, st.data())
def test_swapping_any_two_events_is_reported_as_reordered_at_the_first(
    events: list[AuditEvent], data: st.DataObject
) -> None:
    first = data.draw(st.integers(0, len(events) - 2))
    second = data.draw(st.integers(first + 1, len(events) - 1))
    events[first], events[second] = events[second], events[first]
    assert _where(verify_chain(events)) == (first + 1, "reordered")
