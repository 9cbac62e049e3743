"""The content intake: one writer thread that decides and stores content in group commits.

Requests queue their items and wait; the writer takes everything queued, decides it with
one ``decide_many``, writes it with its audit events in one transaction and commits, and
only then answers every waiting request. Under load many requests share one commit (and
one fsync); an idle service commits each request at once. Nothing is acknowledged before
its commit, so a crash loses only requests that were never answered.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from datetime import datetime, timedelta
from typing import Protocol

from netgov.core.engine import Engine
from netgov.errors import ServiceUnavailableError
from netgov.identity.authorization import Resource
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.group_writer import Written
from netgov.service.intake_batch import Item, Outcome
from netgov.service.permissions import require

log = logging.getLogger(__name__)


class _Pending:
    __slots__ = ("future", "items")

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = items
        self.future: Future[list[Outcome]] = Future()


_STOP = object()
# A key's last use is written at most once per this interval: under load every group commit
# would otherwise update the row of every key in use, for a time nobody needs to the millisecond.
KEY_USE_RESOLUTION = timedelta(seconds=1)


class Writer(Protocol):
    """Writes gathered groups: a ``GroupWriter`` in this thread, or a proxy to a process."""

    def write(self, groups: Sequence[Sequence[Item]], keys_used: dict[str, datetime]) -> Written: ...


class ContentIntake:
    def __init__(
        self,
        *,
        writer: Writer,
        engine: Engine,
        batch_max: int = 256,
        on_commit: Callable[[int, float], None] | None = None,
    ) -> None:
        self._writer = writer
        self._engine = engine
        self._batch_max = batch_max
        self._queue: queue.SimpleQueue[_Pending | object] = queue.SimpleQueue()
        self._keys_used: dict[str, datetime] = {}
        self._keys_recorded: dict[str, datetime] = {}
        # Guards the queue's entrance (nothing may be queued behind stop's marker, where it
        # would wait forever) and the key uses that request threads note while the writer
        # takes them.
        self._lock = threading.Lock()
        self._stopping = False
        self._thread: threading.Thread | None = None
        # Observer told (items, seconds) after each commit, on the writer thread: metrics.
        self.on_commit = on_commit

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def writer(self) -> Writer:
        return self._writer

    def start(self) -> None:
        if self._thread is None:
            self._stopping = False
            self._thread = threading.Thread(target=self._run, name="netgov-intake", daemon=True)
            self._thread.start()

    @property
    def running(self) -> bool:
        """Whether the writer thread is alive (readiness checks ask)."""
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        """Finish everything queued, then stop the writer; later submissions are refused."""
        if self._thread is not None:
            with self._lock:
                self._stopping = True
                self._queue.put(_STOP)
            self._thread.join()
            self._thread = None

    def submit(self, items: Sequence[Item], *, principal: Principal | None = None) -> Future[list[Outcome]]:
        """Queue ``items``; the future resolves after their commit. With ``principal`` (an
        edge acting for someone), each item must be one it may submit (``content.submit``)."""
        if principal is not None:
            _authorize(principal, items)
        pending = _Pending(items)
        with self._lock:
            accepted = self._thread is not None and not self._stopping
            if accepted:
                self._queue.put(pending)
        if not accepted:
            pending.future.set_exception(ServiceUnavailableError("the content intake is stopping; retry shortly"))
        return pending.future

    def note_key_use(self, lookup: str, at: datetime) -> None:
        """Remember an API key's use; the next commit records it (no write of its own),
        unless a use less than ``KEY_USE_RESOLUTION`` before it is already recorded."""
        with self._lock:
            recorded = self._keys_recorded.get(lookup)
            if recorded is None or not timedelta(0) <= at - recorded < KEY_USE_RESOLUTION:
                self._keys_used[lookup] = at

    def _run(self) -> None:
        stopping = False
        while not stopping:
            batch, stopping = self._gather()
            if batch:
                self._process(batch)

    def _gather(self) -> tuple[list[_Pending], bool]:
        first = self._queue.get()
        if first is _STOP:
            return [], True
        assert isinstance(first, _Pending)
        batch, count = [first], len(first.items)
        # Take what is already queued, never wait for more: batching comes from load alone.
        while count < self._batch_max:
            try:
                more = self._queue.get_nowait()
            except queue.Empty:
                break
            if more is _STOP:
                return batch, True
            assert isinstance(more, _Pending)
            batch.append(more)
            count += len(more.items)
        return batch, False

    def _process(self, batch: list[_Pending]) -> None:
        with self._lock:
            used, self._keys_used = self._keys_used, {}
        try:
            written = self._writer.write([pending.items for pending in batch], used)
        except Exception as error:
            # The writer itself failed (its process died): nothing of this batch is stored.
            log.exception("the intake's writer failed")
            written = Written(results=[error] * len(batch), keys_recorded=False)
        self._settle_keys(used, recorded=written.keys_recorded)
        for pending, result in zip(batch, written.results, strict=True):
            if isinstance(result, Exception):
                pending.future.set_exception(result)
            else:
                pending.future.set_result(result)
        for items, seconds in written.commits:
            self._observe(items, seconds)

    def _settle_keys(self, used: dict[str, datetime], *, recorded: bool) -> None:
        with self._lock:
            if recorded:
                self._keys_recorded.update(used)
            else:
                # Not recorded: keep them for the next commit, unless a newer use came meanwhile.
                self._keys_used = {**used, **self._keys_used}

    def _observe(self, items: int, seconds: float) -> None:
        if self.on_commit is None:
            return
        try:
            self.on_commit(items, seconds)
        except Exception:
            # The commit stands: a failing observer must not make it look failed (and retried).
            log.exception("the intake's on_commit observer failed")


def _authorize(principal: Principal, items: Sequence[Item]) -> None:
    for item in items:
        resource = Resource(
            kind="content", id=item.content.id, platform=item.content.platform, jurisdiction=item.jurisdiction
        )
        require(principal, Activity.CONTENT_SUBMIT, resource)
