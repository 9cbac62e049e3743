"""The decisions page's query string: filters and the page cursor, parsed and written back.

The same query string serves the plain GET form, the HTMX update and the next-page
link, so a filtered page can be bookmarked and shared. Anything unusable is a clear 422.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode

import msgspec

from netgov.core.actions import Action
from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError
from netgov.store.repositories.decisions import Cursor, DecisionFilter, encode_cursor
from netgov.store.repositories.decisions import decode_cursor as decode_token

PAGE_SIZE = 50
_FIELDS = ("platform", "category", "action", "rule", "date_from", "date_to")


class ListQuery(msgspec.Struct, frozen=True, kw_only=True):
    """The form's values as typed, empty meaning "any"; ``after`` is an encoded cursor."""

    platform: str = ""
    category: str = ""
    action: str = ""
    rule: str = ""
    date_from: str = ""
    date_to: str = ""
    after: str = ""

    def where(self) -> DecisionFilter:
        until = _day(self.date_to, "date to")
        return DecisionFilter(
            platform=self.platform or None,
            category=self.category or None,
            action=self.action or None,
            rule=self.rule or None,
            since=_day(self.date_from, "date from"),
            # "to" names the last day shown, so the filter ends where the next day starts.
            until=None if until is None else _next_day(until),
        )

    def cursor(self) -> Cursor | None:
        return decode_cursor(self.after) if self.after else None

    def filtered(self) -> bool:
        return any(getattr(self, name) for name in _FIELDS)

    def query_string(self, *, after: Cursor | None = None) -> str:
        """The filters (without the current cursor), and ``after`` when given."""
        pairs = [(name, getattr(self, name)) for name in _FIELDS if getattr(self, name)]
        if after is not None:
            pairs.append(("after", encode_cursor(after)))
        return urlencode(pairs)

    def canonical(self) -> str:
        """This page's own query string, without the empty fields a form submits."""
        pairs = [(name, getattr(self, name)) for name in (*_FIELDS, "after") if getattr(self, name)]
        return urlencode(pairs)


def parse_query(params: Mapping[str, str]) -> ListQuery:
    values = {name: params.get(name, "").strip() for name in (*_FIELDS, "after")}
    for name in ("platform", "rule"):
        _check_text(name, values[name])
    if values["category"] and values["category"] not in Category.__members__:
        raise InvalidRequestError(f"category must be one of the taxonomy's categories, not {values['category']!r}")
    if values["action"] and values["action"] not in {action.value for action in Action}:
        raise InvalidRequestError(f"action must be one of {', '.join(a.value for a in Action)}")
    query = ListQuery(**values)
    query.where()
    query.cursor()
    return query


def decode_cursor(text: str) -> Cursor:
    try:
        cursor = decode_token(text)
    except ValueError as error:
        raise InvalidRequestError(_BAD_CURSOR) from error
    if cursor.decided_at.tzinfo is None:
        raise InvalidRequestError(_BAD_CURSOR)
    _check_text("after", cursor.id)
    return cursor


_BAD_CURSOR = "the page cursor is not valid; start again from the first page"


def _check_text(name: str, value: str) -> None:
    # Databases refuse control characters (PostgreSQL rejects NUL outright): refuse them here, clearly.
    if len(value) > 200 or not value.isprintable():
        raise InvalidRequestError(f"{name} must be printable text of at most 200 characters")


def _day(value: str, name: str) -> datetime | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise InvalidRequestError(f"{name} must be a date like 2026-06-01, not {value!r}") from error
    return datetime.combine(day, time(), tzinfo=UTC)


def _next_day(moment: datetime) -> datetime | None:
    try:
        return moment + timedelta(days=1)
    except OverflowError:
        return None
