"""Case deadlines: how many working hours an office has for a case, and how close it is to them.

A ``DeadlinePolicy`` says how many working hours a case of a category reaching the office from
a source may take (e.g. 24 h for a held decision about the protection of minors), with a default
for the rest. ``deadline_for`` turns that into a moment on the office's ``WorkingCalendar``;
``deadline_status`` says whether a case is on time, nearly due, or past due.

    policy = DeadlinePolicy(default_hours=40, hours={(Category.PROTECTION_OF_MINORS, CaseSource.HOLD): 4})
    due = deadline_for(policy, calendar, category=case.category, source=case.source, opened_at=case.opened_at)
    deadline_status(due, now=now, warn_before_hours=8, calendar=calendar)  # DeadlineStatus.OK
"""

from __future__ import annotations

import math
from datetime import datetime
from enum import StrEnum

import msgspec

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError
from netgov.governance.calendar import WorkingCalendar, WorkingHours
from netgov.governance.cases import CaseSource

__all__ = [
    "DeadlinePolicy",
    "DeadlineStatus",
    "WorkingCalendar",
    "WorkingHours",
    "deadline_for",
    "deadline_status",
]


class DeadlineStatus(StrEnum):
    OK = "ok"
    WARNING = "warning"  # within the warning margin, still on time
    BREACHED = "breached"  # the deadline has passed


class DeadlinePolicy(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """Working hours allowed per (category, source); ``default_hours`` for pairs not listed."""

    default_hours: float
    hours: dict[tuple[Category, CaseSource], float] = {}

    def __post_init__(self) -> None:
        for key, value in [(("default", ""), self.default_hours), *self.hours.items()]:
            if not math.isfinite(value) or value <= 0:
                raise InvalidRequestError(f"deadline hours for {key} must be a positive number, not {value}")

    def hours_for(self, category: Category, source: CaseSource) -> float:
        return self.hours.get((category, source), self.default_hours)


def deadline_for(
    policy: DeadlinePolicy,
    calendar: WorkingCalendar,
    *,
    category: Category,
    source: CaseSource,
    opened_at: datetime,
) -> datetime:
    """When a case opened at ``opened_at`` is due, in UTC."""
    return calendar.add_working_hours(opened_at, policy.hours_for(category, source))


def deadline_status(
    deadline: datetime,
    *,
    now: datetime,
    warn_before_hours: float,
    calendar: WorkingCalendar,
) -> DeadlineStatus:
    """Breached once ``now`` is past the deadline; a warning when at most ``warn_before_hours`` working hours remain."""
    if not math.isfinite(warn_before_hours) or warn_before_hours < 0:
        raise InvalidRequestError(f"warn_before_hours must be zero or more, not {warn_before_hours}")
    remaining = calendar.working_hours_between(now, deadline)
    if now > deadline:
        return DeadlineStatus.BREACHED
    if remaining <= warn_before_hours:
        return DeadlineStatus.WARNING
    return DeadlineStatus.OK
