"""Writing groups of submissions: one commit for all, or each alone when that fails.

The intake hands its writer the requests it gathered; the writer runs in the intake's
thread or, with ``intake_process`` on, in a process of its own (``intake_process``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine as Database

from netgov.core.engine import Engine
from netgov.rulebook.loader import default_normalizer
from netgov.service.clock import Clock
from netgov.service.intake_batch import Item, Outcome, store_batch
from netgov.settings import Settings
from netgov.store.unit_of_work import UnitOfWork
from netgov.waves.connect import open_store
from netgov.waves.tracker import WaveTracker

log = logging.getLogger(__name__)

GroupResult = list[Outcome] | Exception


@dataclass
class Written:
    """Per group its outcomes or its error; whether the key uses were recorded; and the
    (items, seconds) of each commit, for metrics."""

    results: list[GroupResult]
    keys_recorded: bool
    commits: list[tuple[int, float]] = field(default_factory=list)


def wave_tracker(settings: Settings) -> WaveTracker:
    """The tracker of near-duplicate waves and velocity that the settings name."""
    return WaveTracker(open_store(settings.waves), default_normalizer())


class GroupWriter:
    def __init__(
        self, *, database: Database, engine: Engine, clock: Clock, tracker: WaveTracker | None, strike_days: float
    ) -> None:
        self.database = database
        self.strike_days = strike_days
        self.engine = engine
        self.tracker = tracker
        self._clock = clock

    def write(self, groups: Sequence[Sequence[Item]], keys_used: dict[str, datetime]) -> Written:
        written = Written(results=[], keys_recorded=False)
        try:
            outcomes = self._store([item for group in groups for item in group], keys_used, written)
        except Exception:
            # One bad request must not fail the others that shared its commit: retry alone.
            # The retry also settles a race with another process that stored the same item
            # first (a unique violation on PostgreSQL): it finds the item stored.
            log.exception("group commit of %d requests failed; retrying one by one", len(groups))
            written.results = [self._alone(group, written) for group in groups]
            return written
        written.keys_recorded = True
        start = 0
        for group in groups:
            written.results.append(outcomes[start : start + len(group)])
            start += len(group)
        return written

    def _alone(self, group: Sequence[Item], written: Written) -> GroupResult:
        try:
            return self._store(list(group), {}, written)
        except Exception as error:
            return error

    def _store(self, items: list[Item], keys_used: dict[str, datetime], written: Written) -> list[Outcome]:
        started = time.perf_counter()
        with UnitOfWork(self.database, write=True) as uow:
            outcomes = store_batch(
                uow, items, engine=self.engine, now=self._clock(), tracker=self.tracker, strike_days=self.strike_days
            )
            if keys_used:
                uow.identity.touch_keys(keys_used)
            uow.commit()
        written.commits.append((len(items), time.perf_counter() - started))
        return outcomes
