"""Deciding a stream of JSONL lines, in one process or in several, keeping input order.

Workers each compile the rulebook once and receive chunks of raw lines, so the parent
only reads and writes bytes. Results come back chunk by chunk in submission order.

With a wave tracker the parent parses each chunk and asks the tracker (one wave store for
the whole scan, whatever the number of workers), then sends the workers the posts with
their velocity filled in and their observations. A media matcher works the same way:
the parent hashes each chunk's media and asks the hash banks, and each post gets one
``Observations`` with both its waves and its media matches.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

from netgov.core.engine import Engine
from netgov.core.observations import Observations
from netgov.media.matcher import MediaMatcher
from netgov.rulebook import load_rulebook
from netgov.rulebook.loader import default_options
from netgov.scan.records import Outcome, Parsed, decide_lines, decide_parsed, parse_chunk
from netgov.waves.tracker import WaveTracker

Line = tuple[int, bytes]
CHUNK = 512


def numbered_lines(stream: Iterable[bytes]) -> Iterator[Line]:
    """Non-blank lines with their 1-based line numbers in the input."""
    for number, raw in enumerate(stream, start=1):
        if raw.strip():
            yield number, raw


Prepared = tuple[Parsed, list[Observations | None]]


def scan_serial(
    engine: Engine,
    lines: Iterable[Line],
    now: datetime,
    tracker: WaveTracker | None = None,
    matcher: MediaMatcher | None = None,
) -> Iterator[Outcome]:
    for chunk in _chunks(lines):
        if tracker is None and matcher is None:
            yield from decide_lines(engine, chunk, now)
        else:
            parsed, observations = prepare(tracker, chunk, now, matcher)
            yield from decide_parsed(engine, parsed, now, observations)


def prepare(
    tracker: WaveTracker | None, chunk: list[Line], now: datetime, matcher: MediaMatcher | None = None
) -> Prepared:
    """Parse a chunk, track its waves and match its media: posts with velocity filled
    in, and one merged ``Observations`` (or None) per post."""
    parsed = parse_chunk(chunk)
    contents = parsed.contents
    observations: list[Observations | None] = [None] * len(contents)
    if tracker is not None:
        tracked = tracker.track(contents, now=now)
        contents, observations = tracked.contents, tracked.observations
    if matcher is not None:
        matched = matcher.match(contents)
        observations = [merge(w, m) for w, m in zip(observations, matched.observations, strict=True)]
    return Parsed(parsed.numbers, contents, parsed.refused), observations


def merge(left: Observations | None, right: Observations | None) -> Observations | None:
    if left is None or right is None:
        return left or right
    return Observations(waves=left.waves + right.waves, media=left.media + right.media)


def scan_parallel(
    rules: Path | None,
    lines: Iterable[Line],
    now: datetime,
    workers: int,
    tracker: WaveTracker | None = None,
    matcher: MediaMatcher | None = None,
) -> Iterator[Outcome]:
    # Workers get the parent's detector options, so that personal-data digests use one
    # salt across the whole scan.
    options = dict(default_options())
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(rules, now, options)) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        for chunk in _chunks(lines):
            if tracker is None and matcher is None:
                pending.append(pool.submit(_decide_chunk, chunk))
            else:
                pending.append(pool.submit(_decide_prepared, prepare(tracker, chunk, now, matcher)))
            # Bounded read-ahead keeps memory flat on inputs of any size.
            if len(pending) >= workers * 4:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _chunks(lines: Iterable[Line]) -> Iterator[list[Line]]:
    chunk: list[Line] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _WorkerState:
    engine: Engine | None = None
    now: datetime | None = None


def _init_worker(rules: Path | None, now: datetime, options: dict[str, str]) -> None:
    _WorkerState.engine = Engine(load_rulebook(rules, at=now, options=options))
    _WorkerState.now = now


def _decide_chunk(chunk: list[Line]) -> list[Outcome]:
    engine, now = _WorkerState.engine, _WorkerState.now
    if engine is None or now is None:
        raise RuntimeError("a scan worker was used before its initialiser ran")
    return decide_lines(engine, chunk, now)


def _decide_prepared(prepared: Prepared) -> list[Outcome]:
    engine, now = _WorkerState.engine, _WorkerState.now
    if engine is None or now is None:
        raise RuntimeError("a scan worker was used before its initialiser ran")
    parsed, observations = prepared
    return decide_parsed(engine, parsed, now, observations)
