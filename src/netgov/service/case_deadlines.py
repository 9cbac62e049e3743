"""Deadlines against the stored network: an office's working calendar and the deadline rules.

An office's calendar is its own hours (``OfficeRow``: timezone, opens, closes, weekdays)
less the holidays of its jurisdiction and every jurisdiction above it. The rules are the
built-in ones (``netgov.governance.deadline_rules.BUILT_IN``) overridden by the rows of
``deadline_policies``, which operators edit with ``netgov deadlines set``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta

from netgov.errors import InvalidRequestError, NotFoundError
from netgov.governance.calendar import WorkingCalendar
from netgov.governance.deadline_rules import DeadlineRule, DeadlineRules
from netgov.identity.authorization import Resource
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.audit_trail import Entry, record
from netgov.service.permissions import require
from netgov.store.tables import DeadlinePolicyRow, OfficeRow
from netgov.store.unit_of_work import UnitOfWork

# Deadline rules hold for the whole installation: only a national grant to assign cases changes them.
_POLICY = Resource(kind="deadline_policy")
_SECOND = timedelta(seconds=1)


def lineage(code: str) -> list[str]:
    """``code`` and every jurisdiction above it (codes extend their parent's: ``ex.north`` is under ``ex``)."""
    parts = code.split(".")
    return [".".join(parts[: depth + 1]) for depth in range(len(parts))]


def office_calendar(uow: UnitOfWork, office: OfficeRow, holidays: Sequence[date] | None = None) -> WorkingCalendar:
    """The office's working hours, less the holidays of its jurisdiction and its ancestors
    (``holidays`` when the caller read them already)."""
    try:
        opens, closes = time.fromisoformat(office.opens), time.fromisoformat(office.closes)
        weekdays = [int(day) for day in office.weekdays.split(",") if day.strip()]
    except ValueError as error:
        raise InvalidRequestError(f"office {office.id} has unreadable working hours: {error}") from error
    if holidays is None:
        holidays = [row.day for row in uow.places.holidays(lineage(office.jurisdiction_code))]
    return WorkingCalendar.office_hours(
        office.timezone, opens=opens, closes=closes, weekdays=weekdays, holidays=holidays
    )


def deadline_rules(uow: UnitOfWork) -> DeadlineRules:
    return DeadlineRules(
        DeadlineRule(
            category=row.category, source=row.source, working_hours=row.working_hours, warn_hours=row.warn_hours
        )
        for row in uow.cases.deadline_policies()
    )


class Deadlines:
    """The deadline rules and each office's working calendar, read once for a unit of work
    (a sweep batch reads the rules once and the holidays once, not per case)."""

    def __init__(
        self, uow: UnitOfWork, rules: DeadlineRules | None = None, *, holidays: Mapping[str, list[date]] | None = None
    ) -> None:
        self._uow = uow
        self.rules = deadline_rules(uow) if rules is None else rules
        self._holidays = holidays
        self._calendars: dict[str, WorkingCalendar] = {}
        self._due: dict[tuple[str, float, datetime], datetime] = {}

    @classmethod
    def everywhere(cls, uow: UnitOfWork, rules: DeadlineRules | None = None) -> Deadlines:
        """For a batch across many offices: every jurisdiction's holidays read in one query."""
        holidays: dict[str, list[date]] = {}
        for row in uow.places.all_holidays():
            holidays.setdefault(row.jurisdiction_code, []).append(row.day)
        return cls(uow, rules, holidays=holidays)

    def calendar(self, office: OfficeRow) -> WorkingCalendar:
        calendar = self._calendars.get(office.id)
        if calendar is None:
            days = None
            if self._holidays is not None:
                days = [day for code in lineage(office.jurisdiction_code) for day in self._holidays.get(code, ())]
            calendar = self._calendars[office.id] = office_calendar(self._uow, office, days)
        return calendar

    def due(self, office: OfficeRow, *, category: str, source: str, start: datetime) -> datetime:
        """When a case of (category, source) held by ``office`` from ``start`` is due."""
        hours = self.rules.rule_for(category, source).working_hours
        # A batch opens its cases at one moment: each office and rule has one answer then.
        key = (office.id, hours, start)
        due = self._due.get(key)
        if due is None:
            due = self._due[key] = self.calendar(office).add_working_hours(start, hours)
        return due

    def warning_line(self, office: OfficeRow, *, warn_hours: float, at: datetime) -> datetime:
        """A moment past which a deadline still has more than ``warn_hours`` working hours of
        ``office`` left at ``at``: no deadline after it is due a warning (one before it may be).

        ``warn_hours`` from ``at`` reach some moment; any deadline a second past the next
        working moment after that has working time beyond the margin, however nights,
        weekends and holidays fall."""
        calendar = self.calendar(office)
        reached = calendar.add_working_hours(at, warn_hours)
        return calendar.add_working_hours(reached + _SECOND, 0) + _SECOND


def due_at(
    uow: UnitOfWork, office: OfficeRow, *, category: str, source: str, start: datetime, rules: DeadlineRules | None
) -> datetime:
    """When a case of (category, source) held by ``office`` from ``start`` is due."""
    return Deadlines(uow, rules).due(office, category=category, source=source, start=start)


def set_deadline_rule(
    uow: UnitOfWork,
    *,
    actor: Principal,
    category: str,
    source: str,
    working_hours: float,
    warn_hours: float,
    reason: str,
    at: datetime,
) -> DeadlineRule:
    """Configure (or replace) the rule for (category, source); new deadlines use it, existing ones stand."""
    require(actor, Activity.CASE_ASSIGN, _POLICY)
    rule = DeadlineRule(category=category, source=source, working_hours=working_hours, warn_hours=warn_hours)
    row = uow.cases.deadline_policy(rule.category, rule.source)
    if row is None:
        uow.cases.add(
            DeadlinePolicyRow(
                category=rule.category, source=rule.source, working_hours=rule.working_hours, warn_hours=rule.warn_hours
            )
        )
    else:
        row.working_hours, row.warn_hours = rule.working_hours, rule.warn_hours
    details = {"working_hours": rule.working_hours, "warn_hours": rule.warn_hours}
    _audit(uow, actor, "deadline_policy.set", rule, reason or "deadline rule set", details, at)
    return rule


def remove_deadline_rule(
    uow: UnitOfWork, *, actor: Principal, category: str, source: str, reason: str, at: datetime
) -> None:
    """Drop a configured rule; the built-in one with the same key (if any) applies again."""
    require(actor, Activity.CASE_ASSIGN, _POLICY)
    if not uow.cases.remove_deadline_policy(category, source):
        raise NotFoundError(f"no configured deadline rule for ({category}, {source})")
    rule = DeadlineRule(category=category, source=source, working_hours=1, warn_hours=0)
    _audit(uow, actor, "deadline_policy.remove", rule, reason or "deadline rule removed", {}, at)


def _audit(
    uow: UnitOfWork,
    actor: Principal,
    action: str,
    rule: DeadlineRule,
    reason: str,
    details: dict[str, float],
    at: datetime,
) -> None:
    entry = Entry(
        actor=actor.actor,
        action=action,
        object=f"deadline_policy:{rule.category}/{rule.source}",
        reason=reason,
        details=details,
    )
    record(uow, [entry], at=at)
