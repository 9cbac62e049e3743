"""Offices, their working time, holidays and staff seats through the service: checked input,
clear refusals, and an audit event for each change."""

from __future__ import annotations

from datetime import date

import pytest

from netgov.errors import ConflictError, InvalidRequestError, PermissionDeniedError
from netgov.governance.holiday_files import HolidaySpec
from netgov.governance.jurisdiction_files import JurisdictionFileError
from netgov.service.offices import OfficeHours, add_holidays, add_office, move_office, seat_staff, set_office_hours
from netgov.service.permissions import SYSTEM
from tests.service.support import audit_actions, staff
from tests.service_world import World


def test_an_office_opens_with_its_working_time(world: World) -> None:
    hours = OfficeHours.parse(timezone="Europe/Paris", opens="08:30", closes="16:00", weekdays="4,0,1")
    with world.runtime.uow(write=True) as uow:
        add_office(
            uow,
            actor=SYSTEM,
            office_id="office-west",
            name="West",
            jurisdiction="ex.north.harbour.west",
            hours=hours,
            at=world.clock(),
        )
        uow.commit()
    with world.runtime.uow() as uow:
        row = uow.places.office("office-west")
    assert row is not None
    assert (row.timezone, row.opens, row.closes, row.weekdays) == ("Europe/Paris", "08:30", "16:00", "0,1,4")
    assert audit_actions(world, "office.create")[-1] == "office:office-west"


@pytest.mark.parametrize(
    ("timezone", "opens", "closes", "weekdays", "refusal"),
    [
        ("Mars/Olympus", "09:00", "17:00", "0", "unknown timezone 'Mars/Olympus'"),
        ("UTC", "9am", "17:00", "0", "opens: '9am' is not a time as HH:MM"),
        ("UTC", "09:00", "24:00", "0", "closes: '24:00' is not a time"),
        ("UTC", "17:00", "09:00", "0", "closes .* before it opens"),
        ("UTC", "09:00", "17:00", "0,7", "weekdays: '0,7' is not a comma-separated list of 0"),
        ("UTC", "09:00", "17:00", "", "weekdays: '' is not"),
    ],
    ids=["timezone", "opening", "closing", "closes before opening", "weekday 7", "no weekday"],
)
def test_working_time_is_checked(timezone: str, opens: str, closes: str, weekdays: str, refusal: str) -> None:
    with pytest.raises(InvalidRequestError, match=refusal):
        OfficeHours.parse(timezone=timezone, opens=opens, closes=closes, weekdays=weekdays)


def test_changing_the_hours_is_audited_with_before_and_after(world: World) -> None:
    hours = OfficeHours.parse(timezone="Asia/Shanghai", opens="08:00", closes="18:00", weekdays="0,1,2,3,4,5")
    with world.runtime.uow(write=True) as uow:
        set_office_hours(uow, actor=SYSTEM, office_id="office-south", hours=hours, at=world.clock())
        uow.commit()
    with world.runtime.uow() as uow:
        row = uow.places.office("office-south")
        (event,) = [e for e in uow.audit.events() if e.action == "office.hours"]
    assert row is not None
    assert OfficeHours.of(row) == hours
    assert event.details == {
        "before": "09:00-17:00 UTC days 0,1,2,3,4",
        "after": "08:00-18:00 Asia/Shanghai days 0,1,2,3,4,5",
    }


def test_an_office_moves_to_an_active_jurisdiction_only(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        move_office(uow, actor=SYSTEM, office_id="office-east", jurisdiction="ex.north.harbour.west", at=world.clock())
        uow.commit()
    assert audit_actions(world, "office.move") == ["office:office-east"]
    with pytest.raises(InvalidRequestError, match=r"no jurisdiction 'ex\.void'"), world.runtime.uow(write=True) as uow:
        move_office(uow, actor=SYSTEM, office_id="office-east", jurisdiction="ex.void", at=world.clock())


def test_holidays_are_added_once_and_a_different_name_conflicts(world: World) -> None:
    day = HolidaySpec(jurisdiction="ex", day=date(2026, 12, 25), name="Christmas Day", where="line 2")
    with world.runtime.uow(write=True) as uow:
        assert add_holidays(uow, actor=SYSTEM, holidays=[day, day], source="h.csv", at=world.clock()) == 1
        uow.commit()
    assert audit_actions(world, "holiday.add") == ["jurisdiction:ex"]
    other = HolidaySpec(jurisdiction="ex", day=date(2026, 12, 25), name="Winter Day", where="line 3")
    refusal = r"h\.csv: line 3: ex already has 2026-12-25 as 'Christmas Day'"
    with pytest.raises(ConflictError, match=refusal), world.runtime.uow(write=True) as uow:
        add_holidays(uow, actor=SYSTEM, holidays=[other], source="h.csv", at=world.clock())


def test_a_holiday_in_an_unknown_jurisdiction_names_its_line(shared_world: World) -> None:
    day = HolidaySpec(jurisdiction="ex.void", day=date(2026, 1, 1), name="New Year", where="line 7")
    refusal = r"h\.csv: line 7: no jurisdiction 'ex\.void'"
    with pytest.raises(JurisdictionFileError, match=refusal), shared_world.runtime.uow(write=True) as uow:
        add_holidays(uow, actor=SYSTEM, holidays=[day], source="h.csv", at=shared_world.clock())


def test_a_regulator_is_seated_in_an_office_their_grants_cover(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        row = seat_staff(
            uow, actor=SYSTEM, username="officer_north", office_id="office-harbour", capacity=12, at=world.clock()
        )
        uow.commit()
    assert (row.office_id, row.weekly_capacity) == ("office-harbour", 12)
    assert audit_actions(world, "staff.seat") == ["staff:officer_north"]


def test_a_seat_outside_the_grants_or_a_negative_capacity_is_refused(shared_world: World) -> None:
    world = shared_world
    with (
        pytest.raises(InvalidRequestError, match="none of the account's grants covers"),
        world.runtime.uow(write=True) as uow,
    ):
        seat_staff(
            uow, actor=SYSTEM, username="officer_west", office_id="office-south", capacity=None, at=world.clock()
        )
    with (
        pytest.raises(InvalidRequestError, match="capacity must be zero or more"),
        world.runtime.uow(write=True) as uow,
    ):
        seat_staff(uow, actor=SYSTEM, username="officer_east", office_id="office-east", capacity=-1, at=world.clock())


def test_only_staff_managers_seat_staff(shared_world: World) -> None:
    officer = staff(shared_world, "officer_north")
    with pytest.raises(PermissionDeniedError, match=r"staff\.manage"), shared_world.runtime.uow(write=True) as uow:
        seat_staff(uow, actor=officer, username="officer_east", office_id=None, capacity=5, at=shared_world.clock())
