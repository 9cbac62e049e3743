"""The decisions page's query string: parsed into a filter, written back for links."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from netgov.errors import InvalidRequestError
from netgov.store.repositories.decisions import Cursor, DecisionFilter
from netgov.web.filters import decode_cursor, encode_cursor, parse_query


def test_a_cursor_survives_the_round_trip_through_a_link() -> None:
    cursor = Cursor(datetime(2026, 6, 1, 9, 30, tzinfo=UTC), "dec_0123456789abcdef01234567")
    assert decode_cursor(encode_cursor(cursor)) == cursor


def test_a_cursor_without_a_time_zone_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="page cursor is not valid"):
        decode_cursor(encode_cursor(Cursor(datetime(2026, 6, 1), "dec_1")))


def test_empty_fields_filter_nothing() -> None:
    query = parse_query({"platform": "", "action": "", "date_from": ""})
    assert query.where() == DecisionFilter()
    assert not query.filtered()


def test_the_to_date_includes_its_whole_day() -> None:
    where = parse_query({"date_from": "2026-06-01", "date_to": "2026-06-02"}).where()
    assert where.since == datetime(2026, 6, 1, tzinfo=UTC)
    assert where.until == datetime(2026, 6, 3, tzinfo=UTC)


def test_the_last_possible_day_leaves_the_end_open() -> None:
    assert parse_query({"date_to": "9999-12-31"}).where().until is None


def test_links_keep_the_filters_and_replace_the_cursor() -> None:
    query = parse_query({"action": "remove", "platform": "chirp"})
    cursor = Cursor(datetime(2026, 6, 1, tzinfo=UTC), "dec_1")
    assert query.query_string() == "platform=chirp&action=remove"
    assert query.query_string(after=cursor) == f"platform=chirp&action=remove&after={encode_cursor(cursor)}"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_to": "31/12/2026"}, "date to must be a date like 2026-06-01"),
        ({"action": "obliterate"}, "action must be one of allow, label"),
        ({"category": "GOSSIP"}, "category must be one of the taxonomy's categories"),
        ({"platform": "chirp\x00"}, "platform must be printable text"),
        ({"rule": "r" * 201}, "rule must be printable text of at most 200 characters"),
    ],
)
def test_unusable_values_are_refused_with_what_is_wrong(params: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidRequestError, match=message):
        parse_query(params)
