"""A retired jurisdiction takes no new work, and neither does an office left on one: work
placed there goes to the route of the nearest active jurisdiction above, and a breached case
or an overdue order escalates past such an office to the next active one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from netgov.errors import InvalidRequestError
from netgov.service.case_deadline_sweep import escalate_breached_cases
from netgov.service.jurisdiction_changes import retire
from netgov.service.order_deadlines import sweep_orders
from netgov.service.permissions import SYSTEM
from netgov.service.sweep import run_sweep
from netgov.store.tables import CaseRow
from tests.order_factories import issued
from tests.service import cases_country
from tests.service.cases_country import EAST, WEST, Country
from tests.service.support import SCAM, item, staff, submit
from tests.service_world import World

country = cases_country.country

SATURDAY = datetime(2026, 6, 6, 10, tzinfo=UTC)  # past the first week's Friday close


def _retire(world: World, *codes: str) -> None:
    with world.runtime.uow(write=True) as uow:
        for code in codes:
            retire(uow, actor=SYSTEM, code=code, reason="reorganised", at=world.clock())
        uow.commit()


def _retire_harbour(country: Country) -> None:
    """Retire Harbour City with both its counties: the harbour and east offices are stranded."""
    _retire(country.world, country.place(EAST), country.place(WEST), country.place(".north.harbour"))


def test_work_placed_in_a_retired_county_goes_to_the_office_above(country: Country) -> None:
    _retire(country.world, country.place(EAST))
    case = country.open(EAST)
    assert (case.jurisdiction_code, case.office_id) == (country.place(EAST), country.office("harbour"))
    assert country.username(case.assignee_id) == "reviewer_harbour"
    assert f"1 level(s) up: {country.place(EAST)} is retired" in country.timeline(case.id)[0].reason


def test_staff_may_not_open_a_case_in_a_retired_jurisdiction(country: Country) -> None:
    _retire(country.world, country.place(EAST))
    with pytest.raises(InvalidRequestError, match="is retired; open the case in its successor"):
        country.open(EAST, actor=country.staff("officer_east"))


def test_no_new_case_goes_to_an_office_on_a_retired_node(country: Country) -> None:
    _retire_harbour(country)
    for place in (EAST, WEST, ".north.harbour"):
        case = country.open(place)
        assert case.office_id == country.office("north"), place
        assert country.username(case.assignee_id) == "officer_north"


def test_a_breach_escalates_past_an_office_on_a_retired_node(country: Country) -> None:
    case = country.open(EAST)
    assert case.office_id == country.office("east")
    _retire_harbour(country)
    country.at = SATURDAY
    with country.world.runtime.uow(write=True) as uow:
        escalate_breached_cases(uow, at=country.at, limit=500)
        uow.commit()
    row = country.case(case.id)
    assert (row.office_id, country.username(row.assignee_id)) == (country.office("north"), "officer_north")


def test_a_hold_in_a_retired_jurisdiction_is_swept_to_the_office_above(world: World) -> None:
    submit(world, item("held-before-the-merger", SCAM))
    _retire(world, "ex.north.harbour.east")
    report = run_sweep(world.runtime.database, rulebook=world.runtime.rulebook, at=world.clock())
    assert (report.counts["cases_opened"], report.counts["holds_unplaced"]) == (1, 0)
    with world.runtime.uow() as uow:
        case = uow.session.query(CaseRow).filter(CaseRow.content_id == "held-before-the-merger").one()
    assert (case.jurisdiction_code, case.office_id) == ("ex.north.harbour.east", "office-harbour")


def test_an_overdue_order_escalates_past_an_office_on_a_retired_node(world: World) -> None:
    order = issued(world, staff(world, "officer_east"))
    _retire(world, "ex.north.harbour.east", "ex.north.harbour.west", "ex.north.harbour")
    world.clock.now = order.deadline_at + timedelta(seconds=1)
    with world.runtime.uow(write=True) as uow:
        assert sweep_orders(uow, at=world.clock())["orders_escalated"] == 1
        uow.commit()
    with world.runtime.uow() as uow:
        event = next(e for e in uow.audit.events() if e.action == "order.escalate")
    assert event.details["to_office"] == "office-north"
