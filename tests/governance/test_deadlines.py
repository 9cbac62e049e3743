"""Deadlines count the office's working hours, in its own timezone, skipping weekends and holidays."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError
from netgov.governance.cases import CaseSource
from netgov.governance.deadlines import (
    DeadlinePolicy,
    DeadlineStatus,
    WorkingCalendar,
    WorkingHours,
    deadline_for,
    deadline_status,
)

BERLIN = ZoneInfo("Europe/Berlin")
HOLIDAYS = {date(2026, 11, 30), date(2026, 12, 24), date(2026, 12, 25), date(2026, 3, 30)}
CALENDAR = WorkingCalendar.office_hours("Europe/Berlin", holidays=HOLIDAYS)
PLAIN = WorkingCalendar.office_hours("Europe/Berlin")


def berlin(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


# --- worked examples -------------------------------------------------------------------------


def test_three_hours_from_friday_four_pm_is_monday_eleven() -> None:
    assert PLAIN.add_working_hours(berlin(2026, 11, 27, 16), 3) == berlin(2026, 11, 30, 11)


def test_a_holiday_monday_pushes_the_deadline_to_tuesday() -> None:
    assert CALENDAR.add_working_hours(berlin(2026, 11, 27, 16), 3) == berlin(2026, 12, 1, 11)


def test_the_result_is_in_utc() -> None:
    assert PLAIN.add_working_hours(berlin(2026, 11, 27, 16), 3).tzinfo is UTC


def test_working_days_keep_their_local_hours_across_a_daylight_saving_change() -> None:
    # Summer time ends on Sunday 25 October 2026: Friday is UTC+2, Monday UTC+1.
    due = PLAIN.add_working_hours(berlin(2026, 10, 23, 16), 3)
    assert due == datetime(2026, 10, 26, 10, tzinfo=UTC)
    assert due.astimezone(BERLIN).hour == 11


def test_a_start_before_opening_counts_from_the_opening() -> None:
    assert PLAIN.add_working_hours(berlin(2026, 11, 26, 7), 1) == berlin(2026, 11, 26, 10)


def test_a_start_on_a_weekend_counts_from_monday_morning() -> None:
    assert PLAIN.add_working_hours(berlin(2026, 11, 28, 10), 1) == berlin(2026, 11, 30, 10)


def test_a_start_in_another_timezone_is_read_in_the_offices_zone() -> None:
    start = datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("America/New_York"))  # 16:00 in Berlin
    assert PLAIN.add_working_hours(start, 3) == berlin(2026, 11, 30, 11)


def test_a_deadline_may_land_exactly_at_closing_time() -> None:
    assert PLAIN.add_working_hours(berlin(2026, 11, 26, 9), 8) == berlin(2026, 11, 26, 17)


def test_working_hours_between_friday_afternoon_and_monday_morning() -> None:
    assert PLAIN.working_hours_between(berlin(2026, 11, 27, 16), berlin(2026, 11, 30, 11)) == 3.0


def test_working_hours_between_is_negative_backwards() -> None:
    assert PLAIN.working_hours_between(berlin(2026, 11, 30, 11), berlin(2026, 11, 27, 16)) == -3.0


def test_working_hours_may_differ_per_weekday() -> None:
    short_friday = WorkingCalendar(
        timezone="Europe/Berlin",
        hours={d: WorkingHours(opens=time(9), closes=time(17 if d < 4 else 12)) for d in range(5)},
    )
    assert short_friday.add_working_hours(berlin(2026, 11, 27, 11), 2) == berlin(2026, 11, 30, 10)


@pytest.mark.parametrize("hours", [-1.0, math.inf, math.nan])
def test_hours_must_be_finite_and_not_negative(hours: float) -> None:
    with pytest.raises(InvalidRequestError, match="working hours"):
        PLAIN.add_working_hours(berlin(2026, 11, 27, 16), hours)


def test_a_naive_start_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="must carry a timezone"):
        PLAIN.add_working_hours(datetime(2026, 11, 27, 16), 1)


def test_an_unknown_timezone_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="unknown timezone"):
        WorkingCalendar.office_hours("Examplia/Harbour")


def test_a_calendar_without_working_days_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="at least one working weekday"):
        WorkingCalendar.office_hours("Europe/Berlin", weekdays=())


def test_a_day_closing_before_it_opens_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="closes"):
        WorkingCalendar.office_hours("Europe/Berlin", opens=time(17), closes=time(9))


# --- policy and status -----------------------------------------------------------------------

POLICY = DeadlinePolicy(default_hours=40, hours={(Category.PROTECTION_OF_MINORS, CaseSource.HOLD): 4})


def test_the_policy_gives_the_listed_hours_for_a_category_and_source() -> None:
    due = deadline_for(
        POLICY,
        PLAIN,
        category=Category.PROTECTION_OF_MINORS,
        source=CaseSource.HOLD,
        opened_at=berlin(2026, 11, 26, 15),
    )
    assert due == berlin(2026, 11, 27, 11)


def test_the_policy_falls_back_to_its_default() -> None:
    due = deadline_for(
        POLICY,
        PLAIN,
        category=Category.PROTECTION_OF_MINORS,
        source=CaseSource.REPORT,
        opened_at=berlin(2026, 11, 23, 9),
    )
    assert due == berlin(2026, 11, 27, 17)


def test_a_policy_with_no_hours_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="positive"):
        DeadlinePolicy(default_hours=0)


def test_a_deadline_far_off_is_ok() -> None:
    status = deadline_status(berlin(2026, 11, 27, 17), now=berlin(2026, 11, 23, 9), warn_before_hours=8, calendar=PLAIN)
    assert status is DeadlineStatus.OK


def test_a_deadline_within_the_warning_margin_of_working_hours_warns() -> None:
    # Friday 16:00 to Monday 11:00 is three working hours, though nearly three days.
    status = deadline_status(
        berlin(2026, 11, 30, 11), now=berlin(2026, 11, 27, 16), warn_before_hours=4, calendar=PLAIN
    )
    assert status is DeadlineStatus.WARNING


def test_a_deadline_exactly_now_is_still_on_time() -> None:
    due = berlin(2026, 11, 27, 12)
    assert deadline_status(due, now=due, warn_before_hours=1, calendar=PLAIN) is DeadlineStatus.WARNING


def test_a_passed_deadline_is_breached() -> None:
    due = berlin(2026, 11, 27, 12)
    status = deadline_status(due, now=due + timedelta(seconds=1), warn_before_hours=1, calendar=PLAIN)
    assert status is DeadlineStatus.BREACHED


# --- properties ------------------------------------------------------------------------------

starts = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC))
hour_counts = st.floats(min_value=0, max_value=120, allow_nan=False)
FAST = settings(max_examples=150, deadline=None)


@FAST
@given(start=starts, hours=hour_counts)
def test_adding_hours_then_counting_them_gives_them_back(start: datetime, hours: float) -> None:
    assert CALENDAR.working_hours_between(start, CALENDAR.add_working_hours(start, hours)) == pytest.approx(
        hours, abs=1e-6
    )


@FAST
@given(start=starts, first=hour_counts, second=hour_counts)
def test_more_hours_never_give_an_earlier_deadline(start: datetime, first: float, second: float) -> None:
    low, high = sorted((first, second))
    assert CALENDAR.add_working_hours(start, low) <= CALENDAR.add_working_hours(start, high)


@FAST
@given(start=starts, hours=hour_counts)
def test_a_deadline_never_lands_on_a_holiday_or_outside_working_hours(start: datetime, hours: float) -> None:
    local = CALENDAR.add_working_hours(start, hours).astimezone(BERLIN)
    assert CALENDAR.is_working_day(local.date())
    assert time(9) <= local.time() <= time(17)
