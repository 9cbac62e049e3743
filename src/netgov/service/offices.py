"""Regulator offices: where they sit, their working time, the holidays of their
jurisdictions, and the staff seated in them with their weekly capacity.

Working time is what deadlines count in (``netgov.governance.calendar``), so it is checked
the same way here: a timezone zoneinfo knows, HH:MM opening and closing, weekdays 0-6.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from netgov.errors import ConflictError, InvalidRequestError, NotFoundError
from netgov.governance.calendar import WorkingCalendar
from netgov.governance.holiday_files import HolidaySpec
from netgov.governance.jurisdiction_files import JurisdictionFileError, name_problem
from netgov.identity.authorization import Resource
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.audit_trail import Detail, Entry, record
from netgov.service.permissions import require
from netgov.service.staff import check_seat, principal_of
from netgov.store.tables import HolidayRow, JurisdictionRow, OfficeRow, StaffRow
from netgov.store.unit_of_work import UnitOfWork

_CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
_OFFICE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """An office's working time as stored: ``weekdays`` 0 = Monday."""

    timezone: str = "UTC"
    opens: str = "09:00"
    closes: str = "17:00"
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)

    @classmethod
    def parse(cls, *, timezone: str, opens: str, closes: str, weekdays: str) -> OfficeHours:
        """From text as an operator types it ("Europe/Paris", "08:30", "17:00", "0,1,2,3,4"); checked."""
        hours = cls(timezone=timezone.strip(), opens=opens.strip(), closes=closes.strip(), weekdays=_weekdays(weekdays))
        hours.calendar()
        return hours

    @classmethod
    def of(cls, row: OfficeRow) -> OfficeHours:
        return cls(row.timezone, row.opens, row.closes, tuple(int(day) for day in row.weekdays.split(",") if day))

    def calendar(self, holidays: Iterable[date] = ()) -> WorkingCalendar:
        """The office's working calendar; refuses hours that are not HH:MM or close before they open."""
        return WorkingCalendar.office_hours(
            self.timezone,
            opens=_clock(self.opens, "opens"),
            closes=_clock(self.closes, "closes"),
            weekdays=self.weekdays,
            holidays=holidays,
        )

    def describe(self) -> str:
        days = ",".join(str(day) for day in self.weekdays)
        return f"{self.opens}-{self.closes} {self.timezone} days {days}"


def _clock(text: str, field: str) -> time:
    if not _CLOCK.fullmatch(text):
        raise InvalidRequestError(f"{field}: {text!r} is not a time as HH:MM (00:00 to 23:59)")
    return time.fromisoformat(text)


def _weekdays(text: str) -> tuple[int, ...]:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts or any(part not in "0123456" or len(part) != 1 for part in parts):
        raise InvalidRequestError(f"weekdays: {text!r} is not a comma-separated list of 0 (Monday) to 6 (Sunday)")
    return tuple(sorted({int(part) for part in parts}))


def active_jurisdiction(uow: UnitOfWork, code: str) -> JurisdictionRow:
    """The jurisdiction ``code``; refused when unknown or retired (it takes no new work)."""
    row = uow.places.jurisdiction(code)
    if row is None:
        raise InvalidRequestError(f"no jurisdiction {code!r}")
    if row.retired_at is not None:
        raise InvalidRequestError(f"the jurisdiction {code!r} is retired: it takes no new offices or children")
    return row


def add_office(
    uow: UnitOfWork,
    *,
    actor: Principal,
    office_id: str,
    name: str,
    jurisdiction: str,
    at: datetime,
    hours: OfficeHours | None = None,
) -> None:
    """Open office ``office_id`` in an active jurisdiction, with its working time
    (default: 09:00-17:00 UTC, Monday to Friday)."""
    if not _OFFICE_ID.fullmatch(office_id):
        raise InvalidRequestError(f"office id {office_id!r} is not 1-64 of A-Z, a-z, 0-9, _, . and -")
    if problem := name_problem(name):
        raise InvalidRequestError(problem)
    active_jurisdiction(uow, jurisdiction)
    require(actor, Activity.JURISDICTION_MANAGE, Resource(kind="office", id=office_id, jurisdiction=jurisdiction))
    if uow.places.office(office_id) is not None:
        raise ConflictError(f"the office {office_id!r} exists")
    hours = hours or OfficeHours()
    weekdays = ",".join(map(str, hours.weekdays))
    row = OfficeRow(id=office_id, name=name, jurisdiction_code=jurisdiction, timezone=hours.timezone)
    row.opens, row.closes, row.weekdays = hours.opens, hours.closes, weekdays
    uow.places.add(row)
    _audit(uow, actor, "office.create", f"office:{office_id}", name, at, {"jurisdiction": jurisdiction})


def office(uow: UnitOfWork, office_id: str) -> OfficeRow:
    row = uow.places.office(office_id)
    if row is None:
        raise NotFoundError(f"no office {office_id!r}")
    return row


def set_office_hours(uow: UnitOfWork, *, actor: Principal, office_id: str, hours: OfficeHours, at: datetime) -> None:
    """Change an office's working time; deadlines computed from now on count in the new hours."""
    row = office(uow, office_id)
    require(
        actor, Activity.JURISDICTION_MANAGE, Resource(kind="office", id=office_id, jurisdiction=row.jurisdiction_code)
    )
    hours.calendar()
    before = OfficeHours.of(row).describe()
    row.timezone, row.opens, row.closes = hours.timezone, hours.opens, hours.closes
    row.weekdays = ",".join(map(str, hours.weekdays))
    uow.session.flush()
    details: dict[str, Detail] = {"before": before, "after": hours.describe()}
    _audit(uow, actor, "office.hours", f"office:{office_id}", hours.describe(), at, details)


def move_office(uow: UnitOfWork, *, actor: Principal, office_id: str, jurisdiction: str, at: datetime) -> None:
    """Re-seat an office in another active jurisdiction (after a merge or split retired its own)."""
    row = office(uow, office_id)
    active_jurisdiction(uow, jurisdiction)
    for code in (row.jurisdiction_code, jurisdiction):
        require(actor, Activity.JURISDICTION_MANAGE, Resource(kind="office", id=office_id, jurisdiction=code))
    before, row.jurisdiction_code = row.jurisdiction_code, jurisdiction
    uow.session.flush()
    details: dict[str, Detail] = {"before": before, "after": jurisdiction}
    _audit(uow, actor, "office.move", f"office:{office_id}", f"from {before} to {jurisdiction}", at, details)


def add_holidays(
    uow: UnitOfWork, *, actor: Principal, holidays: Sequence[HolidaySpec], source: str, at: datetime
) -> int:
    """Add days off, all or none; a day already stored with the same name is skipped. Returns how many were added."""
    added = 0
    for holiday in holidays:
        row = uow.places.jurisdiction(holiday.jurisdiction)
        if row is None:
            raise JurisdictionFileError(source, holiday.where, f"no jurisdiction {holiday.jurisdiction!r}")
        require(actor, Activity.JURISDICTION_MANAGE, Resource(kind="holiday", jurisdiction=holiday.jurisdiction))
        stored = uow.places.holiday(holiday.jurisdiction, holiday.day)
        if stored is not None and stored.name != holiday.name:
            raise ConflictError(
                f"{source}: {holiday.where}: {holiday.jurisdiction} already has {holiday.day} as {stored.name!r}"
            )
        if stored is None:
            uow.places.add(HolidayRow(jurisdiction_code=holiday.jurisdiction, day=holiday.day, name=holiday.name))
            obj = f"jurisdiction:{holiday.jurisdiction}"
            _audit(uow, actor, "holiday.add", obj, holiday.name, at, {"day": holiday.day.isoformat()})
            added += 1
    return added


def seat_staff(
    uow: UnitOfWork, *, actor: Principal, username: str, office_id: str | None, capacity: int | None, at: datetime
) -> StaffRow:
    """Seat a regulator in an office their grants reach (None: no office), and/or set their weekly capacity."""
    row = uow.identity.staff_by_username(username)
    if row is None:
        raise NotFoundError(f"no staff account {username!r}")
    if office_id is not None:
        active_jurisdiction(uow, office(uow, office_id).jurisdiction_code)
    weekly = row.weekly_capacity if capacity is None else capacity
    check_seat(uow, principal_of(uow, row).grants, office=office_id, weekly_capacity=weekly)
    # The old seat and the new one are both the actor's business; with neither, only the national level's.
    seats = sorted({seat for seat in (row.office_id, office_id) if seat is not None})
    places: list[str | None] = [office(uow, seat).jurisdiction_code for seat in seats]
    for where in places or [None]:
        require(actor, Activity.STAFF_MANAGE, Resource(kind="staff", id=username, jurisdiction=where))
    before = f"{row.office_id or 'no office'}, capacity {row.weekly_capacity}"
    row.office_id, row.weekly_capacity = office_id, weekly
    uow.session.flush()
    after = f"{office_id or 'no office'}, capacity {weekly}"
    _audit(uow, actor, "staff.seat", f"staff:{username}", after, at, {"before": before, "after": after})
    return row


def _audit(
    uow: UnitOfWork, actor: Principal, action: str, obj: str, reason: str, at: datetime, details: dict[str, Detail]
) -> None:
    record(uow, [Entry(actor=actor.actor, action=action, object=obj, reason=reason, details=details)], at=at)
