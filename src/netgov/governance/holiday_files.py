"""Holiday files: CSV with ``date,name`` (for one jurisdiction given alongside) or
``jurisdiction,date,name`` (a column per row). Pure; errors name the file and line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netgov.governance.jurisdiction_files import JurisdictionFileError, code_problem, csv_records, name_problem


@dataclass(frozen=True, slots=True)
class HolidaySpec:
    jurisdiction: str
    day: date
    name: str
    where: str


def parse_holidays(text: str, *, source: str, jurisdiction: str | None) -> tuple[HolidaySpec, ...]:
    """The holidays of a CSV file; ``jurisdiction`` is for files without a jurisdiction column."""
    records = csv_records(text, source=source, required=("date", "name"), optional=("jurisdiction",))
    holidays = tuple(_holiday(values, where, source=source, jurisdiction=jurisdiction) for where, values in records)
    if not holidays:
        raise JurisdictionFileError(source, None, "the file lists no holidays")
    return holidays


def _holiday(values: dict[str, str], where: str, *, source: str, jurisdiction: str | None) -> HolidaySpec:
    if "jurisdiction" in values and jurisdiction is not None:
        raise JurisdictionFileError(source, "line 1", "the file has a jurisdiction column: leave out --jurisdiction")
    code = values.get("jurisdiction", jurisdiction)
    if not code:
        raise JurisdictionFileError(source, where, "no jurisdiction: add a jurisdiction column or give --jurisdiction")
    problem = code_problem(code) or name_problem(values["name"])
    if problem:
        raise JurisdictionFileError(source, where, problem)
    try:
        day = date.fromisoformat(values["date"])
    except ValueError:
        raise JurisdictionFileError(source, where, f"date {values['date']!r} is not YYYY-MM-DD") from None
    return HolidaySpec(jurisdiction=code, day=day, name=values["name"], where=where)
