"""The intake's writer in a process of its own, so that deciding and storing do not share
the serving process's interpreter lock with the event loop.

The parent's intake thread still gathers requests into groups; it sends each group over a
pipe (msgpack) to the child, which decides, writes and commits them with a
``GroupWriter`` exactly as the in-thread writer does, and answers with the outcomes. The
child loads the rulebook from ``settings.rules`` and opens its own database connections.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Sequence
from datetime import datetime
from multiprocessing.connection import Connection

import msgspec

from netgov import errors
from netgov.core.engine import Engine
from netgov.errors import ServiceUnavailableError
from netgov.rulebook import load_rulebook
from netgov.service.clock import system_clock
from netgov.service.group_writer import GroupResult, GroupWriter, Written, wave_tracker
from netgov.service.intake_batch import Item, Outcome
from netgov.settings import Settings
from netgov.store.database import connect


class _Request(msgspec.Struct, frozen=True):
    groups: list[list[Item]]
    keys: dict[str, datetime]


class _Failure(msgspec.Struct, frozen=True):
    kind: str
    message: str


class _Reply(msgspec.Struct, frozen=True):
    results: list[list[Outcome] | _Failure]
    keys_recorded: bool
    commits: list[tuple[int, float]]


class _Ready(msgspec.Struct, frozen=True):
    error: str | None = None


_ENCODER = msgspec.msgpack.Encoder()


class ProcessWriter:
    """A ``Writer`` whose ``GroupWriter`` runs in a child process, started again if it dies.

    A child that dies during a request fails that request with 503; whatever it had
    committed stays committed, and the client's retry gets the stored decision back
    (submissions are idempotent). The next request starts a new child.
    """

    def __init__(self, settings: Settings, *, start_timeout: float = 120.0) -> None:
        self._settings_json = settings.model_dump_json()
        self._start_timeout = start_timeout
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._pipe, child = context.Pipe()
        self._process = context.Process(
            target=serve_writes, args=(child, self._settings_json), name="netgov-intake-writer", daemon=True
        )
        self._process.start()
        child.close()
        if not self._pipe.poll(self._start_timeout):
            self.close()
            raise ServiceUnavailableError("the intake's writer process did not start in time")
        ready = msgspec.msgpack.decode(self._pipe.recv_bytes(), type=_Ready)
        if ready.error is not None:
            self.close()
            raise ServiceUnavailableError(f"the intake's writer process could not start: {ready.error}")

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def write(self, groups: Sequence[Sequence[Item]], keys_used: dict[str, datetime]) -> Written:
        if not self._process.is_alive():
            self._pipe.close()
            self._start()
        try:
            self._pipe.send_bytes(_ENCODER.encode(_Request([list(group) for group in groups], keys_used)))
            data = self._pipe.recv_bytes()
        except (EOFError, OSError):
            # The pipe can report the child's end before the OS reports the child dead; a
            # broken pipe is unusable either way, so make sure the next write starts afresh.
            self._process.kill()
            self._process.join(timeout=30)
            raise ServiceUnavailableError(
                "the intake's writer process ended during this request; retry it (a retry never decides twice)"
            ) from None
        reply = msgspec.msgpack.decode(data, type=_Reply)
        results: list[GroupResult] = [_rebuilt(r) if isinstance(r, _Failure) else r for r in reply.results]
        return Written(results=results, keys_recorded=reply.keys_recorded, commits=list(reply.commits))

    def close(self) -> None:
        if self._process.is_alive():
            with contextlib.suppress(OSError):
                self._pipe.send_bytes(b"")
            self._process.join(timeout=30)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._pipe.close()


def _rebuilt(failure: _Failure) -> Exception:
    kind = getattr(errors, failure.kind, None)
    if isinstance(kind, type) and issubclass(kind, errors.ServiceError):
        return kind(failure.message)
    return RuntimeError(f"{failure.kind}: {failure.message}")


def serve_writes(pipe: Connection, settings_json: str) -> None:
    """The child's main loop: answer each request until an empty message or the pipe closes."""
    settings = Settings.model_validate_json(settings_json)
    try:
        writer = _writer(settings)
    except Exception as error:
        pipe.send_bytes(_ENCODER.encode(_Ready(error=f"{type(error).__name__}: {error}")))
        return
    pipe.send_bytes(_ENCODER.encode(_Ready()))
    try:
        while data := _next(pipe):
            request = msgspec.msgpack.decode(data, type=_Request)
            written = writer.write(request.groups, request.keys)
            pipe.send_bytes(_ENCODER.encode(_reply(written)))
    finally:
        writer.database.dispose()


def _next(pipe: Connection) -> bytes:
    try:
        return pipe.recv_bytes()
    except EOFError:
        return b""


def _writer(settings: Settings) -> GroupWriter:
    # The writer commits many times a second on one connection: no ping before each.
    database = connect(settings.resolved_database_url, pool_size=1, pre_ping=False)
    engine = Engine(load_rulebook(settings.rules))
    return GroupWriter(
        database=database,
        engine=engine,
        clock=system_clock,
        tracker=wave_tracker(settings),
        strike_days=settings.strike_days,
    )


def _reply(written: Written) -> _Reply:
    results: list[list[Outcome] | _Failure] = [
        _Failure(type(r).__name__, str(r)) if isinstance(r, Exception) else r for r in written.results
    ]
    return _Reply(results=results, keys_recorded=written.keys_recorded, commits=written.commits)
