"""Deadlines count the office's working hours and its jurisdictions' holidays; a warning
goes out once before a breach, and a breach escalates the case to the office above.

The sweep's steps work across the database; each test checks its own country's cases only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.governance.deadline_rules import DeadlineRule
from netgov.service.case_deadline_sweep import escalate_breached_cases, warn_due_cases
from netgov.service.case_deadlines import remove_deadline_rule, set_deadline_rule
from netgov.service.offices import OfficeHours, set_office_hours
from netgov.service.permissions import SYSTEM
from netgov.store.tables import HolidayRow
from tests.service import cases_country
from tests.service.cases_country import EAST, WEST, Country
from tests.service.cases_support import opened, timeline
from tests.service_world import World

country = cases_country.country

# Countries start on Monday 2026-06-01 09:00 UTC; offices work 09:00-17:00 UTC, Monday to Friday.
FRIDAY_CLOSE = datetime(2026, 6, 5, 17, tzinfo=UTC)
SATURDAY = datetime(2026, 6, 6, 10, tzinfo=UTC)


def _holiday(country: Country, suffix: str, day: date) -> None:
    with country.world.runtime.uow(write=True) as uow:
        uow.places.add(HolidayRow(jurisdiction_code=country.place(suffix), day=day, name="Harbour Day"))
        uow.commit()


def _warn(country: Country) -> None:
    with country.world.runtime.uow(write=True) as uow:
        warn_due_cases(uow, at=country.at, limit=500)
        uow.commit()


def _escalate(country: Country) -> None:
    with country.world.runtime.uow(write=True) as uow:
        escalate_breached_cases(uow, at=country.at, limit=500)
        uow.commit()


def _kinds(country: Country, case_id: str) -> list[str]:
    return [event.kind for event in country.timeline(case_id)]


def test_the_default_deadline_is_forty_working_hours(country: Country) -> None:
    assert country.open().deadline_at == FRIDAY_CLOSE


def test_a_holiday_above_the_office_pushes_the_deadline_a_working_day(country: Country) -> None:
    _holiday(country, ".north", date(2026, 6, 3))
    _holiday(country, ".south", date(2026, 6, 4))  # not above the east office: no effect
    assert country.open(EAST).deadline_at == datetime(2026, 6, 8, 17, tzinfo=UTC)


def test_harm_to_minors_gets_a_shorter_deadline(country: Country) -> None:
    assert country.open(category=Category.PROTECTION_OF_MINORS).deadline_at == datetime(2026, 6, 1, 17, tzinfo=UTC)


def test_a_configured_rule_overrides_the_built_in_one_until_removed(country: Country) -> None:
    key = {"category": Category.ANIMAL_WELFARE.value, "source": "appeal"}
    with country.world.runtime.uow(write=True) as uow:
        set_deadline_rule(uow, actor=SYSTEM, **key, working_hours=16, warn_hours=4, reason="quick", at=country.at)
        uow.commit()
    fields = {"category": Category.ANIMAL_WELFARE, "source": CaseSource.APPEAL}
    assert country.open(**fields).deadline_at == datetime(2026, 6, 2, 17, tzinfo=UTC)
    assert country.open(category=Category.ANIMAL_WELFARE).deadline_at == FRIDAY_CLOSE
    with country.world.runtime.uow(write=True) as uow:
        remove_deadline_rule(uow, actor=SYSTEM, **key, reason="back to the default", at=country.at)
        uow.commit()
    assert country.open(**fields).deadline_at == FRIDAY_CLOSE


def test_only_a_national_supervisor_changes_deadline_rules(country: Country) -> None:
    key = {"category": Category.CYBER_VIOLENCE.value, "source": "inspection"}
    with country.world.runtime.uow(write=True) as uow, pytest.raises(PermissionDeniedError):
        set_deadline_rule(
            uow, actor=country.staff("officer_north"), **key, working_hours=30, warn_hours=5, reason="x", at=country.at
        )
    with country.world.runtime.uow(write=True) as uow:
        set_deadline_rule(
            uow, actor=country.staff("supervisor"), **key, working_hours=30, warn_hours=5, reason="x", at=country.at
        )
        remove_deadline_rule(uow, actor=country.staff("supervisor"), **key, reason="undo", at=country.at)
        uow.commit()
    with country.world.runtime.uow(write=True) as uow, pytest.raises(NotFoundError):
        remove_deadline_rule(uow, actor=SYSTEM, **key, reason="x", at=country.at)


def test_a_rule_with_a_warning_margin_as_long_as_the_deadline_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="warn_hours"):
        DeadlineRule(category="*", source="*", working_hours=8, warn_hours=8)


def test_a_warning_goes_out_once_within_the_margin(country: Country) -> None:
    case = country.open()
    country.at = datetime(2026, 6, 4, 10, tzinfo=UTC)  # 15 working hours left, the margin is 8
    _warn(country)
    assert "warned" not in _kinds(country, case.id)
    country.at = datetime(2026, 6, 4, 17, tzinfo=UTC)  # 8 left
    _warn(country)
    country.at = datetime(2026, 6, 4, 18, tzinfo=UTC)
    _warn(country)
    assert country.case(case.id).warned_at == datetime(2026, 6, 4, 17, tzinfo=UTC)
    assert _kinds(country, case.id).count("warned") == 1
    assert country.audited(case.id).count("case.warn") == 1


def test_the_warning_margin_counts_working_hours_across_a_weekend_and_a_holiday(country: Country) -> None:
    _holiday(country, ".north", date(2026, 6, 5))  # Friday off: 40 hours run to Monday's close
    case = country.open()
    assert case.deadline_at == datetime(2026, 6, 8, 17, tzinfo=UTC)
    country.at = datetime(2026, 6, 4, 16, tzinfo=UTC)  # Thursday's last hour and Monday: 9 left
    _warn(country)
    assert "warned" not in _kinds(country, case.id)
    country.at = datetime(2026, 6, 4, 17, 0, 1, tzinfo=UTC)  # after Thursday's close: Monday's 8 left
    _warn(country)
    assert _kinds(country, case.id).count("warned") == 1


def test_a_deadline_outside_the_office_hours_is_warned_when_the_margin_is_reached(world: World) -> None:
    # A world of its own: which cases the warning step reads depends on every office's hours.
    case = opened(world)  # due Friday 17:00; then the office closes at 16:00, and the deadline stands
    with world.runtime.uow(write=True) as uow:
        hours = OfficeHours(timezone="UTC", opens="09:00", closes="16:00")
        set_office_hours(uow, actor=SYSTEM, office_id="office-east", hours=hours, at=world.clock())
        uow.commit()
    for at, warned in ((datetime(2026, 6, 4, 14, 59, tzinfo=UTC), 0), (datetime(2026, 6, 4, 15, tzinfo=UTC), 1)):
        # 8 hours and a minute of the office's left; then Thursday's last hour and Friday's seven
        with world.runtime.uow(write=True) as uow:
            warn_due_cases(uow, at=at, limit=500)
            uow.commit()
        assert [event.kind for event in timeline(world, case.id)].count("warned") == warned


def test_a_decided_case_is_not_warned(country: Country) -> None:
    case = country.open()
    for to in (CaseState.INVESTIGATING, CaseState.UNDER_REVIEW):
        country.step("officer_east", case.id, to)
    country.step("officer_east", case.id, CaseState.DECIDED, CaseOutcome.VIOLATION)
    country.at = datetime(2026, 6, 5, 16, tzinfo=UTC)
    _warn(country)
    assert "warned" not in _kinds(country, case.id)


def test_a_breach_escalates_to_the_parent_office_with_a_new_assignee_and_deadline(country: Country) -> None:
    case = country.open(EAST)
    country.at = SATURDAY  # past Friday's close
    _escalate(country)
    row = country.case(case.id)
    assert (row.office_id, row.escalations) == (country.office("harbour"), 1)
    assert country.username(row.assignee_id) == "reviewer_harbour"
    assert row.deadline_at == datetime(2026, 6, 12, 17, tzinfo=UTC)  # 40 hours from Monday's opening
    escalated = [(e.from_office, e.to_office, e.actor) for e in country.timeline(case.id) if e.kind == "escalated"]
    assert escalated == [(country.office("east"), country.office("harbour"), "system:netgov")]
    assert "case.escalate" in country.audited(case.id)
    _escalate(country)
    assert country.case(case.id).escalations == 1


def test_a_breach_at_the_top_is_recorded_once_and_the_case_stays(country: Country) -> None:
    case = country.open("")
    country.at = SATURDAY
    _escalate(country)
    _escalate(country)
    row = country.case(case.id)
    assert (row.office_id, row.escalations) == (country.office("ex"), 0)
    assert _kinds(country, case.id).count("breached") == 1
    assert country.audited(case.id).count("case.breach") == 1


def test_harbour_west_escalates_past_its_missing_office_to_the_province(country: Country) -> None:
    case = country.open(WEST)
    assert case.office_id == country.office("harbour")
    country.at = SATURDAY
    _escalate(country)
    assert country.case(case.id).office_id == country.office("north")
