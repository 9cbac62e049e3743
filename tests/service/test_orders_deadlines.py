"""Reminders before an order's deadline and escalation after it, each once, audited, on the
case timeline and on the overview's panel of the offices concerned."""

from __future__ import annotations

import json
from datetime import timedelta

from netgov.governance.orders import Effect, EffectReport
from netgov.service.order_deadlines import sweep_orders
from netgov.service.order_views import get_order, list_orders, orders_panel
from netgov.service.orders import acknowledge_order, report_effect
from netgov.service.sweep import run_sweep
from netgov.store.repositories.orders import OrderFilter
from netgov.store.tables import CaseRow
from tests.order_factories import act_request, issued, platform_principal
from tests.service.support import audit_actions, staff
from tests.service_world import START, World


def _sweep(world: World) -> dict[str, int]:
    with world.runtime.uow(write=True) as uow:
        counts = sweep_orders(uow, at=world.clock())
        uow.commit()
    return counts


def test_a_platform_is_reminded_once_when_a_day_is_left(world: World) -> None:
    # A week: a fifth of it is more than a day, so the reminder goes out when a day is left.
    week = act_request(deadline_hours=None, deadline_at=START + timedelta(days=7))
    row = issued(world, staff(world, "officer_north"), week)
    world.clock.now = row.deadline_at - timedelta(hours=24, minutes=1)
    assert _sweep(world) == {"orders_reminded": 0, "orders_escalated": 0}
    world.clock.advance(minutes=2)
    assert _sweep(world) == {"orders_reminded": 1, "orders_escalated": 0}
    world.clock.advance(hours=1)
    assert _sweep(world) == {"orders_reminded": 0, "orders_escalated": 0}
    assert audit_actions(world, "order.remind") == [f"order:{row.id}"]
    with world.runtime.uow() as uow:
        view = get_order(uow, platform_principal(world, "chirp"), row.id, at=world.clock())
    assert view.row.reminded_at == row.deadline_at - timedelta(hours=23, minutes=59)
    assert [entry.step for entry in view.timeline] == ["issued", "reminded"]


def test_a_short_order_is_reminded_when_a_fifth_of_its_time_is_left(world: World) -> None:
    # 5 working hours from Monday 09:00 is 14:00: a fifth of those 5 hours is an hour.
    row = issued(world, staff(world, "officer_north"), act_request(deadline_hours=5))
    world.clock.now = row.deadline_at - timedelta(minutes=61)
    assert _sweep(world)["orders_reminded"] == 0
    world.clock.now = row.deadline_at - timedelta(minutes=60)
    assert _sweep(world)["orders_reminded"] == 1


def test_the_reminded_filter_lists_what_the_sweep_reminded(world: World) -> None:
    reminded = issued(world, staff(world, "officer_north"), act_request(deadline_hours=2))
    later = issued(world, staff(world, "officer_north"), act_request(deadline_hours=40))
    world.clock.now = reminded.deadline_at - timedelta(minutes=10)
    _sweep(world)
    chirp = platform_principal(world, "chirp")
    with world.runtime.uow() as uow:
        assert [r.id for r in list_orders(uow, chirp, OrderFilter(reminded=True), at=world.clock()).rows] == [
            reminded.id
        ]
        assert [r.id for r in list_orders(uow, chirp, OrderFilter(reminded=False), at=world.clock()).rows] == [later.id]


def test_an_answered_order_is_neither_reminded_nor_escalated(world: World) -> None:
    row = issued(world, staff(world, "officer_north"))
    chirp = platform_principal(world, "chirp")
    with world.runtime.uow(write=True) as uow:
        acknowledge_order(uow, actor=chirp, order_id=row.id, at=world.clock())
    with world.runtime.uow(write=True) as uow:
        report = EffectReport(effect=Effect.REMOVED, effect_at=world.clock())
        report_effect(uow, actor=chirp, order_id=row.id, report=report, at=world.clock())
    world.clock.now = row.deadline_at + timedelta(days=2)
    assert _sweep(world) == {"orders_reminded": 0, "orders_escalated": 0}


def test_an_overdue_order_escalates_once_to_the_office_above(world: World) -> None:
    row = issued(world, staff(world, "officer_east"))
    world.clock.now = row.deadline_at
    assert _sweep(world)["orders_escalated"] == 0  # due at the deadline, overdue only after it
    world.clock.advance(seconds=1)
    assert _sweep(world)["orders_escalated"] == 1
    world.clock.advance(hours=5)
    assert _sweep(world)["orders_escalated"] == 0
    assert audit_actions(world, "order.escalate") == [f"order:{row.id}"]
    with world.runtime.uow() as uow:
        event = next(e for e in uow.audit.events() if e.action == "order.escalate")
        view = get_order(uow, staff(world, "officer_east"), row.id, at=world.clock())
    assert event.details["to_office"] == "office-harbour"
    assert event.actor == "system:netgov"
    assert view.escalated_to == "Harbour City Office"
    assert view.overdue


def test_escalation_shows_on_the_issuing_and_the_parent_office_overview(world: World) -> None:
    east = issued(world, staff(world, "officer_east"))
    issued(world, staff(world, "officer_north"), act_request(deadline_hours=80))
    world.clock.now = east.deadline_at + timedelta(hours=1)
    _sweep(world)
    for reader in ("officer_east", "officer_north", "supervisor"):
        with world.runtime.uow() as uow:
            panel = orders_panel(uow, staff(world, reader), at=world.clock())
        assert panel is not None
        assert panel.audience == "regulator"
        assert [row.id for row in panel.page.rows] == [east.id], reader
        assert panel.page.overdue == {east.id}
    with world.runtime.uow() as uow:
        assert orders_panel(uow, staff(world, "marketly_moderator"), at=world.clock()) is not None
        assert orders_panel(uow, staff(world, "reviewer_harbour"), at=world.clock()) is None


def test_the_platform_panel_lists_its_open_orders_by_deadline(world: World) -> None:
    late = issued(world, staff(world, "officer_north"), act_request(deadline_hours=30))
    soon = issued(world, staff(world, "officer_north"), act_request(deadline_hours=3))
    with world.runtime.uow() as uow:
        panel = orders_panel(uow, staff(world, "chirp_moderator"), at=world.clock())
    assert panel is not None
    assert panel.audience == "platform"
    assert [row.id for row in panel.page.rows] == [soon.id, late.id]


def test_the_national_office_has_no_office_above(world: World) -> None:
    row = issued(world, staff(world, "supervisor"))
    world.clock.now = row.deadline_at + timedelta(minutes=1)
    assert _sweep(world)["orders_escalated"] == 1
    with world.runtime.uow() as uow:
        view = get_order(uow, staff(world, "supervisor"), row.id, at=world.clock())
    assert view.escalated_to is None
    assert view.timeline[-1].detail == "overdue: no office above to escalate to"


def test_escalation_is_written_on_the_case_timeline(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        uow.cases.add(
            CaseRow(
                id="case-9",
                source="report",
                source_ref="rep-9",
                state="investigating",
                jurisdiction_code="ex.north",
                office_id="office-north",
                category="ILLEGAL_GOODS",
                severity="high",
                priority=3,
                regulation="MOSR",
                article="9",
                opened_at=START,
                updated_at=START,
            )
        )
        uow.commit()
    row = issued(world, staff(world, "officer_north"), act_request(case_id="case-9"))
    world.clock.now = row.deadline_at + timedelta(minutes=1)
    _sweep(world)
    with world.runtime.uow() as uow:
        kinds = [(e.kind, json.loads(e.details)["order"]) for e in uow.cases.events("case-9")]
    assert kinds == [("order_issued", row.id), ("order_escalated", row.id)]


def test_a_sweep_escalates_one_batch_and_the_next_the_rest(world: World) -> None:
    first = issued(world, staff(world, "officer_north"), act_request(deadline_hours=2))
    second = issued(world, staff(world, "officer_north"), act_request(deadline_hours=3))
    world.clock.now = second.deadline_at + timedelta(minutes=1)
    with world.runtime.uow(write=True) as uow:
        assert sweep_orders(uow, at=world.clock(), limit=1) == {"orders_reminded": 0, "orders_escalated": 1}
        uow.commit()
    assert audit_actions(world, "order.escalate") == [f"order:{first.id}"]
    with world.runtime.uow(write=True) as uow:
        assert sweep_orders(uow, at=world.clock(), limit=1)["orders_escalated"] == 1
        uow.commit()
    assert audit_actions(world, "order.escalate") == [f"order:{first.id}", f"order:{second.id}"]


def test_the_periodic_sweep_runs_the_orders_step(world: World) -> None:
    row = issued(world, staff(world, "officer_north"), act_request(deadline_hours=2))
    world.clock.now = row.deadline_at + timedelta(minutes=1)
    report = run_sweep(world.runtime.database, rulebook=world.runtime.rulebook, at=world.clock())
    assert report.failed == ()
    assert (report.counts["orders_reminded"], report.counts["orders_escalated"]) == (0, 1)
    assert audit_actions(world, "order.escalate") == [f"order:{row.id}"]
