"""Deadlines count the office's working hours and its jurisdictions' holidays; a warning
goes out once before a breach, and a breach escalates the case to the office above."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.governance.deadline_rules import DeadlineRule
from netgov.service.case_deadline_sweep import Escalations, escalate_breached_cases, warn_due_cases
from netgov.service.case_deadlines import remove_deadline_rule, set_deadline_rule
from netgov.service.permissions import SYSTEM
from netgov.store.tables import HolidayRow
from tests.service.cases_support import audited, case_row, opened, step, timeline, username_of
from tests.service.support import staff
from tests.service_world import World

# The world's clock starts on Monday 2026-06-01 09:00 UTC; offices work 09:00-17:00 UTC, Monday to Friday.
FRIDAY_CLOSE = datetime(2026, 6, 5, 17, tzinfo=UTC)


def _holiday(world: World, jurisdiction: str, day: date) -> None:
    with world.runtime.uow(write=True) as uow:
        uow.places.add(HolidayRow(jurisdiction_code=jurisdiction, day=day, name="Harbour Day"))
        uow.commit()


def _warn(world: World) -> int:
    with world.runtime.uow(write=True) as uow:
        warned = warn_due_cases(uow, at=world.clock(), limit=100)
        uow.commit()
    return warned


def _escalate(world: World) -> Escalations:
    with world.runtime.uow(write=True) as uow:
        result = escalate_breached_cases(uow, at=world.clock(), limit=100)
        uow.commit()
    return result


def test_the_default_deadline_is_forty_working_hours(world: World) -> None:
    assert opened(world).deadline_at == FRIDAY_CLOSE


def test_a_holiday_above_the_office_pushes_the_deadline_a_working_day(world: World) -> None:
    _holiday(world, "ex.north", date(2026, 6, 3))
    _holiday(world, "ex.south", date(2026, 6, 4))  # not above office-east: no effect
    assert opened(world, "ex.north.harbour.east").deadline_at == datetime(2026, 6, 8, 17, tzinfo=UTC)


def test_harm_to_minors_gets_a_shorter_deadline(world: World) -> None:
    case = opened(world, category=Category.PROTECTION_OF_MINORS)
    assert case.deadline_at == datetime(2026, 6, 1, 17, tzinfo=UTC)


def test_a_configured_rule_overrides_the_built_in_one(world: World) -> None:
    rule = {"category": Category.SCAMS_AND_FRAUD.value, "source": "report", "working_hours": 16, "warn_hours": 4}
    with world.runtime.uow(write=True) as uow:
        set_deadline_rule(uow, actor=SYSTEM, **rule, reason="scams move fast", at=world.clock())
        uow.commit()
    assert opened(world).deadline_at == datetime(2026, 6, 2, 17, tzinfo=UTC)
    assert opened(world, source=CaseSource.INSPECTION).deadline_at == FRIDAY_CLOSE
    with world.runtime.uow(write=True) as uow:
        remove_deadline_rule(
            uow, actor=SYSTEM, category="SCAMS_AND_FRAUD", source="report", reason="back", at=world.clock()
        )
        uow.commit()
    assert opened(world).deadline_at == FRIDAY_CLOSE


def test_only_a_national_supervisor_changes_deadline_rules(world: World) -> None:
    rule = {"category": "*", "source": "*", "working_hours": 30, "warn_hours": 5}
    with world.runtime.uow(write=True) as uow, pytest.raises(PermissionDeniedError):
        set_deadline_rule(uow, actor=staff(world, "officer_north"), **rule, reason="x", at=world.clock())
    with world.runtime.uow(write=True) as uow:
        set_deadline_rule(uow, actor=staff(world, "supervisor"), **rule, reason="x", at=world.clock())
        uow.commit()
    with world.runtime.uow(write=True) as uow, pytest.raises(NotFoundError):
        remove_deadline_rule(uow, actor=SYSTEM, category="VIOLENCE", source="*", reason="x", at=world.clock())


def test_a_rule_with_a_warning_margin_as_long_as_the_deadline_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="warn_hours"):
        DeadlineRule(category="*", source="*", working_hours=8, warn_hours=8)


def test_a_warning_goes_out_once_within_the_margin(world: World) -> None:
    case = opened(world)
    world.clock.now = datetime(2026, 6, 4, 10, tzinfo=UTC)  # 15 working hours left, the margin is 8
    assert _warn(world) == 0
    world.clock.now = datetime(2026, 6, 4, 17, tzinfo=UTC)  # 8 left
    assert _warn(world) == 1
    world.clock.advance(hours=1)
    assert _warn(world) == 0
    assert case_row(world, case.id).warned_at == datetime(2026, 6, 4, 17, tzinfo=UTC)
    assert [e.kind for e in timeline(world, case.id)].count("warned") == 1
    assert audited(world, case.id).count("case.warn") == 1


def test_a_decided_case_is_not_warned(world: World) -> None:
    east = staff(world, "officer_east")
    case = opened(world)
    step(world, east, case.id, CaseState.INVESTIGATING)
    step(world, east, case.id, CaseState.UNDER_REVIEW)
    step(world, east, case.id, CaseState.DECIDED, outcome=CaseOutcome.VIOLATION)
    world.clock.now = datetime(2026, 6, 5, 16, tzinfo=UTC)
    assert _warn(world) == 0


def test_a_breach_escalates_to_the_parent_office_with_a_new_assignee_and_deadline(world: World) -> None:
    case = opened(world, "ex.north.harbour.east")
    world.clock.now = datetime(2026, 6, 6, 10, tzinfo=UTC)  # Saturday, past Friday's close
    assert _escalate(world) == Escalations(escalated=1, breached_at_top=0)
    row = case_row(world, case.id)
    assert (row.office_id, row.escalations) == ("office-harbour", 1)
    assert username_of(world, row.assignee_id) == "reviewer_harbour"
    assert row.deadline_at == datetime(2026, 6, 12, 17, tzinfo=UTC)  # 40 hours from Monday's opening
    escalated = [e for e in timeline(world, case.id) if e.kind == "escalated"]
    assert [(e.from_office, e.to_office, e.actor) for e in escalated] == [
        ("office-east", "office-harbour", "system:netgov")
    ]
    assert "case.escalate" in audited(world, case.id)
    assert _escalate(world) == Escalations(escalated=0, breached_at_top=0)


def test_a_breach_at_the_top_is_recorded_once_and_the_case_stays(world: World) -> None:
    case = opened(world, "ex")
    world.clock.now = datetime(2026, 6, 6, 10, tzinfo=UTC)
    assert _escalate(world) == Escalations(escalated=0, breached_at_top=1)
    assert _escalate(world) == Escalations(escalated=0, breached_at_top=0)
    row = case_row(world, case.id)
    assert (row.office_id, row.escalations) == ("office-ex", 0)
    assert audited(world, case.id).count("case.breach") == 1


def test_harbour_west_escalates_past_its_missing_office_to_the_province(world: World) -> None:
    case = opened(world, "ex.north.harbour.west")
    assert case.office_id == "office-harbour"
    world.clock.now = datetime(2026, 6, 6, 10, tzinfo=UTC)
    _escalate(world)
    assert case_row(world, case.id).office_id == "office-north"
