"""``netgov offices`` and ``netgov holidays``: regulator offices, their working time, and
the days off of each jurisdiction (which every office in its subtree keeps)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import click

from netgov.cli.listing import echo_table
from netgov.cli.options import db_option, service_settings
from netgov.cli.places_command import read_text
from netgov.cli.service_access import operator_work, service_errors
from netgov.governance.holiday_files import HolidaySpec, parse_holidays
from netgov.service.clock import system_clock
from netgov.service.offices import OfficeHours, add_holidays, add_office, move_office, office, set_office_hours
from netgov.service.permissions import SYSTEM


@click.group("offices")
def offices_group() -> None:
    """Regulator offices: each sits in one jurisdiction and works the cases of its subtree
    that have no office of their own lower down. Deadlines count in its working hours."""


@offices_group.command("add")
@click.argument("office_id", metavar="ID")
@click.option("--name", required=True, help='The office\'s name, e.g. "Harbour City Office".')
@click.option("--jurisdiction", required=True, metavar="CODE", help="The (active) jurisdiction it sits in.")
@click.option("--timezone", default="UTC", show_default=True, help="Its IANA timezone, e.g. Europe/Paris.")
@click.option("--opens", default="09:00", show_default=True, help="Opening time, HH:MM local.")
@click.option("--closes", default="17:00", show_default=True, help="Closing time, HH:MM local.")
@click.option("--weekdays", default="0,1,2,3,4", show_default=True, help="Working days, 0 = Monday ... 6 = Sunday.")
@db_option
def add_command(
    office_id: str, name: str, jurisdiction: str, timezone: str, opens: str, closes: str, weekdays: str, db: str | None
) -> None:
    """Open office ID in a jurisdiction, with its working hours."""
    with operator_work(service_settings(db), write=True) as uow:
        hours = OfficeHours.parse(timezone=timezone, opens=opens, closes=closes, weekdays=weekdays)
        add_office(
            uow, actor=SYSTEM, office_id=office_id, name=name, jurisdiction=jurisdiction, hours=hours, at=system_clock()
        )
        uow.commit()
    click.echo(f"added office {office_id} in {jurisdiction}: {hours.describe()}")


@offices_group.command("list")
@db_option
def list_command(db: str | None) -> None:
    """List offices: id, name, jurisdiction (marked when retired), hours, seated staff."""
    with operator_work(service_settings(db), write=False) as uow:
        heads = Counter(row.office_id for row, _ in uow.identity.seated_staff())
        retired = {row.code for row in uow.places.jurisdictions() if row.retired_at is not None}
        rows = [
            [
                o.id,
                o.name,
                o.jurisdiction_code + (" (retired: move this office)" if o.jurisdiction_code in retired else ""),
                OfficeHours.of(o).describe(),
                str(heads[o.id]),
            ]
            for o in uow.places.offices()
        ]
    echo_table(["id", "name", "jurisdiction", "hours", "staff"], rows, empty="no offices")


@offices_group.command("hours")
@click.argument("office_id", metavar="ID")
@click.option("--timezone", default=None, help="Its IANA timezone, e.g. Europe/Paris.")
@click.option("--opens", default=None, help="Opening time, HH:MM local.")
@click.option("--closes", default=None, help="Closing time, HH:MM local.")
@click.option("--weekdays", default=None, help="Working days, 0 = Monday ... 6 = Sunday, e.g. 0,1,2,3,4.")
@db_option
def hours_command(
    office_id: str, timezone: str | None, opens: str | None, closes: str | None, weekdays: str | None, db: str | None
) -> None:
    """Change the working time of office ID; what is not given stays as it is."""
    with operator_work(service_settings(db), write=True) as uow:
        now = OfficeHours.of(office(uow, office_id))
        hours = OfficeHours.parse(
            timezone=timezone or now.timezone,
            opens=opens or now.opens,
            closes=closes or now.closes,
            weekdays=weekdays or ",".join(map(str, now.weekdays)),
        )
        set_office_hours(uow, actor=SYSTEM, office_id=office_id, hours=hours, at=system_clock())
        uow.commit()
    click.echo(f"office {office_id}: {hours.describe()}")


@offices_group.command("move")
@click.argument("office_id", metavar="ID")
@click.option("--to", "jurisdiction", required=True, metavar="CODE", help="The active jurisdiction it moves to.")
@db_option
def move_command(office_id: str, jurisdiction: str, db: str | None) -> None:
    """Move office ID to another jurisdiction, e.g. off one a merge or split retired."""
    with operator_work(service_settings(db), write=True) as uow:
        move_office(uow, actor=SYSTEM, office_id=office_id, jurisdiction=jurisdiction, at=system_clock())
        uow.commit()
    click.echo(f"office {office_id} now sits in {jurisdiction}")


@click.group("holidays")
def holidays_group() -> None:
    """Days off per jurisdiction: every office in the jurisdiction's subtree keeps them, and
    deadlines in working hours skip them."""


@holidays_group.command("add")
@click.argument("jurisdiction", metavar="CODE")
@click.argument("day", metavar="DATE", type=click.DateTime(formats=["%Y-%m-%d"]))
@click.argument("name")
@db_option
def add_holiday_command(jurisdiction: str, day: datetime, name: str, db: str | None) -> None:
    """Add holiday NAME on DATE (YYYY-MM-DD) in jurisdiction CODE."""
    holiday = HolidaySpec(jurisdiction=jurisdiction, day=day.date(), name=name, where="arguments")
    with operator_work(service_settings(db), write=True) as uow:
        added = add_holidays(uow, actor=SYSTEM, holidays=[holiday], source="command line", at=system_clock())
        uow.commit()
    click.echo(f"{jurisdiction}: {holiday.day} {name}" + ("" if added else " (already there)"))


@holidays_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--jurisdiction", default=None, metavar="CODE", help="For a file without a jurisdiction column.")
@db_option
def import_holidays_command(file: Path, jurisdiction: str | None, db: str | None) -> None:
    """Import holidays from a CSV FILE with header date,name (and --jurisdiction) or
    jurisdiction,date,name, all or nothing; days already stored with the same name are skipped."""
    with service_errors():
        holidays = parse_holidays(read_text(file), source=str(file), jurisdiction=jurisdiction)
    with operator_work(service_settings(db), write=True) as uow:
        added = add_holidays(uow, actor=SYSTEM, holidays=holidays, source=str(file), at=system_clock())
        uow.commit()
    click.echo(f"{file}: {added} holidays added, {len(holidays) - added} already there")


@holidays_group.command("list")
@click.option("--jurisdiction", default=None, metavar="CODE", help="Only this jurisdiction's own holidays.")
@click.option("--year", type=int, default=None, help="Only this year's.")
@db_option
def list_holidays_command(jurisdiction: str | None, year: int | None, db: str | None) -> None:
    """List holidays, by jurisdiction then date: jurisdiction, date, name."""
    with operator_work(service_settings(db), write=False) as uow:
        rows = [
            [h.jurisdiction_code, h.day.isoformat(), h.name]
            for h in uow.places.all_holidays()
            if jurisdiction in (None, h.jurisdiction_code) and year in (None, h.day.year)
        ]
    echo_table(["jurisdiction", "date", "name"], rows, empty="no holidays")
