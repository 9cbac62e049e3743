"""The sweep: the periodic work nobody asks for, run by ``netgov serve`` (a daemon thread,
every ``NETGOV_SWEEP_SECONDS``) and by ``netgov sweep`` (once).

Each step runs in a unit of work of its own, handles at most one batch, commits, and
returns counts; a step that fails is logged and rolled back, and the others still run (the
failed one is retried on the next tick). Steps are idempotent, so a crash between two
batches, a restart or a second sweeper only repeats what is left to do. Adding a step is
one line in ``STEPS``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime

import msgspec
from sqlalchemy import Engine as Database

from netgov.core.rulebook.model import Rulebook
from netgov.service.case_deadline_sweep import escalate_breached_cases, warn_due_cases
from netgov.service.case_intake import open_cases_for_holds
from netgov.service.clock import Clock
from netgov.service.order_deadlines import remind_and_escalate_orders
from netgov.store.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

DEFAULT_BATCH = 500


class Tick(msgspec.Struct, frozen=True, kw_only=True):
    """What a step needs to know about this run of the sweep."""

    at: datetime
    rulebook: Rulebook
    batch: int


Step = Callable[[UnitOfWork, Tick], Mapping[str, int]]


def _holds(uow: UnitOfWork, tick: Tick) -> Mapping[str, int]:
    intake = open_cases_for_holds(uow, rulebook=tick.rulebook, at=tick.at, limit=tick.batch)
    return {"cases_opened": intake.opened, "holds_unplaced": intake.unplaced, "holds_skipped": intake.skipped}


def _warnings(uow: UnitOfWork, tick: Tick) -> Mapping[str, int]:
    return {"cases_warned": warn_due_cases(uow, at=tick.at, limit=tick.batch)}


def _escalations(uow: UnitOfWork, tick: Tick) -> Mapping[str, int]:
    result = escalate_breached_cases(uow, at=tick.at, limit=tick.batch)
    return {"cases_escalated": result.escalated, "cases_breached_at_top": result.breached_at_top}


STEPS: tuple[Step, ...] = (_holds, _warnings, _escalations, remind_and_escalate_orders)
"""In order: open cases for holds first, so a new case's deadline is counted from this tick."""


class SweepReport(msgspec.Struct, frozen=True, kw_only=True):
    at: datetime
    counts: dict[str, int]
    failed: tuple[str, ...]  # the steps that raised (logged with their traceback)


def run_sweep(
    database: Database,
    *,
    rulebook: Rulebook,
    at: datetime,
    batch: int = DEFAULT_BATCH,
    steps: tuple[Step, ...] = STEPS,
) -> SweepReport:
    """Run every step once, each in its own unit of work, as the system principal."""
    tick = Tick(at=at, rulebook=rulebook, batch=batch)
    counts: dict[str, int] = {}
    failed: list[str] = []
    for step in steps:
        try:
            with UnitOfWork(database, write=True) as uow:
                counts.update(step(uow, tick))
                uow.commit()
        except Exception:
            # Any failure, not only ours: the sweep must outlive a bad row or a lost connection.
            log.exception("sweep step %s failed; it runs again on the next tick", step.__name__)
            failed.append(step.__name__)
    return SweepReport(at=at, counts=counts, failed=tuple(failed))


class Sweeper:
    """Runs the sweep every ``every`` seconds in a daemon thread until ``stop()``."""

    def __init__(
        self, database: Database, *, rulebook: Rulebook, clock: Clock, every: float, batch: int = DEFAULT_BATCH
    ) -> None:
        if every <= 0:
            raise ValueError(f"the sweep interval must be positive, not {every}")
        self._database, self._rulebook, self._clock, self._batch = database, rulebook, clock, batch
        self._every = every
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="netgov-sweep", daemon=True)
        self.ticks = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the loop to end and wait for a sweep in progress to finish."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                report = run_sweep(self._database, rulebook=self._rulebook, at=self._clock(), batch=self._batch)
                if any(report.counts.values()):
                    log.info("sweep: %s", ", ".join(f"{k} {v}" for k, v in report.counts.items() if v))
            except Exception:
                log.exception("the sweep failed; it runs again on the next tick")
            self.ticks += 1
            self._stopping.wait(self._every)


@contextmanager
def sweeping(
    database: Database, *, rulebook: Rulebook, clock: Clock, every: float, batch: int = DEFAULT_BATCH
) -> Iterator[Sweeper | None]:
    """Sweep every ``every`` seconds while the block runs (not at all when ``every`` is 0);
    on exit wait for a sweep in progress, so the database is not closed under it."""
    if every <= 0:
        yield None
        return
    sweeper = Sweeper(database, rulebook=rulebook, clock=clock, every=every, batch=batch)
    sweeper.start()
    try:
        yield sweeper
    finally:
        sweeper.stop()
