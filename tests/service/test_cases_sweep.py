"""The sweep: held decisions become cases exactly once, however often it runs or crashes;
deadlines are warned and escalated; a failing step is logged and the rest still run."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping

import pytest
from sqlalchemy import select

from netgov.core.decision import Decision
from netgov.service.case_intake import open_cases_for_holds
from netgov.service.decisions import get_decision
from netgov.service.permissions import SYSTEM
from netgov.service.places import add_jurisdiction
from netgov.service.sweep import STEPS, Sweeper, Tick, run_sweep
from netgov.store.tables import CaseRow
from netgov.store.unit_of_work import UnitOfWork
from tests.service.cases_support import timeline, username_of
from tests.service.support import CALM, SCAM, item, submit
from tests.service_world import World, bundled_rulebook


def _sweep(world: World, batch: int = 500) -> dict[str, int]:
    report = run_sweep(world.runtime.database, rulebook=world.runtime.rulebook, at=world.clock(), batch=batch)
    assert report.failed == ()
    return report.counts


def _hold_cases(world: World) -> list[CaseRow]:
    with world.runtime.uow() as uow:
        return list(uow.session.scalars(select(CaseRow).where(CaseRow.source == "hold").order_by(CaseRow.source_ref)))


def test_held_decisions_become_cases_exactly_once_across_runs_and_a_crash(world: World) -> None:
    outcomes = submit(world, *(item(f"held-{n}", SCAM) for n in range(5)), item("calm", CALM))
    held = sorted(o.decision_id for o in outcomes[:5])
    assert _sweep(world, batch=2)["cases_opened"] == 2
    # A crash between batches: a batch opened, then the process died before committing.
    with UnitOfWork(world.runtime.database, write=True) as uow:
        assert open_cases_for_holds(uow, rulebook=bundled_rulebook(), at=world.clock(), limit=2).opened == 2
    assert _sweep(world, batch=2)["cases_opened"] == 2
    assert _sweep(world, batch=2)["cases_opened"] == 1
    assert _sweep(world, batch=2)["cases_opened"] == 0
    cases = _hold_cases(world)
    assert [c.source_ref for c in cases] == held
    assert {c.decision_id for c in cases} == set(held)


def test_a_hold_case_cites_the_rule_that_held_the_content(world: World) -> None:
    (outcome,) = submit(world, item("held-rule", SCAM))
    _sweep(world)
    (case,) = _hold_cases(world)
    hit = next(h for h in _decision(world, outcome.decision_id).rules if h.action.value == "hold_for_review")
    assert (case.rule_id, case.category, case.regulation, case.article) == (
        hit.rule,
        hit.category.value,
        hit.legal_ground.regulation,
        hit.legal_ground.article,
    )
    assert (case.platform_id, case.content_id, case.jurisdiction_code) == (
        "chirp",
        "held-rule",
        "ex.north.harbour.east",
    )
    assert case.office_id == "office-east"
    assert username_of(world, case.assignee_id) == "officer_east"
    assert timeline(world, case.id)[0].actor == "system:netgov"
    assert "held-rule" not in case.summary  # the summary names the rule, never the post's text
    assert SCAM not in case.summary


def test_a_hold_without_a_jurisdiction_goes_to_the_platform_seat(world: World) -> None:
    submit(world, item("held-seat", SCAM, platform="marketly", jurisdiction=None))
    _sweep(world)
    (case,) = _hold_cases(world)
    assert (case.jurisdiction_code, case.office_id) == ("ex.south", "office-south")


def test_a_hold_no_office_can_take_is_counted_as_unplaced(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        add_jurisdiction(uow, actor=SYSTEM, code="zz", name="Nowhere", level="national", parent=None, at=world.clock())
        uow.commit()
    submit(world, item("held-zz", SCAM, jurisdiction="zz"), item("held-ok", SCAM))
    counts = _sweep(world)
    assert (counts["cases_opened"], counts["holds_unplaced"]) == (1, 1)
    assert _sweep(world)["holds_unplaced"] == 1


def test_a_failing_step_is_logged_and_the_others_still_run(world: World, caplog: pytest.LogCaptureFixture) -> None:
    def broken(_uow: UnitOfWork, _tick: Tick) -> Mapping[str, int]:
        raise RuntimeError("disk on fire")

    submit(world, item("held-after-failure", SCAM))
    with caplog.at_level(logging.ERROR):
        report = run_sweep(
            world.runtime.database, rulebook=world.runtime.rulebook, at=world.clock(), steps=(broken, *STEPS)
        )
    assert report.failed == ("broken",)
    assert report.counts["cases_opened"] == 1
    assert "disk on fire" in caplog.text


def test_the_sweeper_thread_runs_until_stopped(world: World) -> None:
    submit(world, item("held-thread", SCAM))
    sweeper = Sweeper(world.runtime.database, rulebook=world.runtime.rulebook, clock=world.clock, every=0.05)
    sweeper.start()
    deadline = time.monotonic() + 10
    while not _hold_cases(world) and time.monotonic() < deadline:
        time.sleep(0.02)
    sweeper.stop()
    ticks = sweeper.ticks
    time.sleep(0.15)
    assert sweeper.ticks == ticks
    assert len(_hold_cases(world)) == 1


def _decision(world: World, decision_id: str) -> Decision:
    with world.runtime.uow() as uow:
        return get_decision(uow, SYSTEM, decision_id)
