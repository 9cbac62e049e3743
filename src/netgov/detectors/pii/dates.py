"""Dates of birth: a real calendar date written right after a birth keyword.

The keyword (``DOB``, ``born on``, ``出生日期``, ``生日``) is part of the candidate pattern,
so a date alone is never a date of birth. The detector reads no clock, so it cannot
reject dates in the future: years from 1900 to 2099 are accepted. A two-digit year is
read as 19yy from 30 up and 20yy below; an ambiguous numeric date (03/04/1990) is read
day first unless only month first makes a real date.
"""

from __future__ import annotations

import datetime
import re

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_YEAR_FIRST = re.compile(r"(\d{4}) ?[\-/.年] ?(\d{1,2}) ?[\-/.月] ?(\d{1,2})")
_YEAR_LAST = re.compile(r"(\d{1,2})[\-/.](\d{1,2})[\-/.](\d{4}|\d{2})")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]{3})[a-z]*\.?,? (\d{4})")
_MONTH_DAY = re.compile(r"([a-z]{3})[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")


def birth_date(text: str) -> str | None:
    """The ISO date written in ``text`` (folded), if it is a plausible date of birth."""
    if found := _YEAR_FIRST.match(text):
        return _iso(int(found[1]), int(found[2]), int(found[3]))
    if found := _YEAR_LAST.match(text):
        first, second, year = int(found[1]), int(found[2]), _full_year(found[3])
        return _iso(year, second, first) or _iso(year, first, second)
    if found := _DAY_MONTH.match(text):
        return _named(found[2], int(found[1]), found[3])
    if found := _MONTH_DAY.match(text):
        return _named(found[1], int(found[2]), found[3])
    return None


def _full_year(written: str) -> int:
    year = int(written)
    if len(written) == 4:
        return year
    return 1900 + year if year >= 30 else 2000 + year


def _named(month: str, day: int, year: str) -> str | None:
    if month not in _MONTHS:
        return None
    return _iso(int(year), _MONTHS.index(month) + 1, day)


def _iso(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= 2099:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
