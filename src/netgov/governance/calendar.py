"""An office's working time: the hours per weekday in its own timezone, less its holidays.

Statutory deadlines count working hours, not wall-clock hours: three hours from Friday 16:00 at
an office open Monday to Friday 09:00-17:00 is Monday 11:00. Hours are read in the office's
local time, so a working day stays 09:00-17:00 across daylight-saving changes. Datetimes come in
aware (any zone) and go out aware in UTC.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from netgov.errors import InvalidRequestError

_MONDAY_TO_FRIDAY = (0, 1, 2, 3, 4)


class WorkingHours(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """One day's opening and closing time, local wall-clock."""

    opens: time
    closes: time


class WorkingCalendar(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """``hours`` maps a weekday (0 = Monday) to its working hours; days not in it are closed."""

    timezone: str
    hours: dict[int, WorkingHours]
    holidays: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise InvalidRequestError(f"unknown timezone {self.timezone!r}") from error
        for weekday, day in self.hours.items():
            if weekday not in range(7):
                raise InvalidRequestError(f"weekday {weekday} is not 0 (Monday) to 6 (Sunday)")
            if day.opens >= day.closes:
                raise InvalidRequestError(f"weekday {weekday} closes ({day.closes}) before it opens ({day.opens})")
        if not self.hours:
            raise InvalidRequestError("a working calendar needs at least one working weekday")

    @classmethod
    def office_hours(
        cls,
        timezone: str,
        *,
        opens: time = time(9),
        closes: time = time(17),
        weekdays: Iterable[int] = _MONDAY_TO_FRIDAY,
        holidays: Iterable[date] = (),
    ) -> WorkingCalendar:
        """The same hours on each of ``weekdays`` (Monday to Friday unless told)."""
        day = WorkingHours(opens=opens, closes=closes)
        return cls(timezone=timezone, hours=dict.fromkeys(weekdays, day), holidays=frozenset(holidays))

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment ``hours`` working hours after ``start``; a start outside hours counts from the next opening."""
        if not math.isfinite(hours) or hours < 0:
            raise InvalidRequestError(f"working hours must be a finite number of zero or more, not {hours}")
        remaining = timedelta(hours=hours)
        for opens, closes in self._windows_from(_utc(start, "start")):
            begin = max(opens, _utc(start, "start"))
            available = closes - begin
            if remaining <= available:
                return begin + remaining
            remaining -= max(available, timedelta(0))
        raise AssertionError("unreachable: _windows_from never ends")

    def working_hours_between(self, a: datetime, b: datetime) -> float:
        """Working hours from ``a`` to ``b``; negative when ``b`` is before ``a``."""
        start, end = _utc(a, "a"), _utc(b, "b")
        if end < start:
            return -self.working_hours_between(b, a)
        total = timedelta(0)
        for opens, closes in self._windows_from(start):
            if opens >= end:
                break
            total += max(min(closes, end) - max(opens, start), timedelta(0))
        return total / timedelta(hours=1)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.hours and day not in self.holidays

    def _windows_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Each working day's (opens, closes) in UTC, from the local day holding ``moment`` on, forever."""
        zone = ZoneInfo(self.timezone)
        day = moment.astimezone(zone).date()
        while True:
            if self.is_working_day(day):
                hours = self.hours[day.weekday()]
                opens = datetime.combine(day, hours.opens, tzinfo=zone).astimezone(UTC)
                closes = datetime.combine(day, hours.closes, tzinfo=zone).astimezone(UTC)
                yield opens, closes
            day += timedelta(days=1)


def _utc(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidRequestError(f"{name} must carry a timezone")
    return moment.astimezone(UTC)
