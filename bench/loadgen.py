"""HTTP/1.1 load generator for bench/api.py: keep-alive connections on loopback, closed loop.

    python bench/loadgen.py run --port 8000 --path /healthz --connections 32 --warmup 3 --duration 10
    python bench/loadgen.py run --port 8000 --path /v1/content --keys keys.json ...
    python bench/loadgen.py sink --port 8001

``run`` opens N connections, each sending its next request as soon as the previous answer
is complete (uvloop, one ``asyncio.Protocol`` per connection, requests built beforehand,
answers parsed only as far as the status line and Content-Length). Every POST carries a
unique content id. After the warm-up it writes ``start``, after the measured window
``stop`` (so that the caller can read server-side counters at the same instants), then one
JSON line: answers completed in the window, their latencies, statuses, and this process's
own CPU time (a generator near one full core would be the bottleneck).

``sink`` is the smallest HTTP server this machine can run in Python (a constant answer per
request, no framework): ``run`` against it measures the generator's own ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import cast

import msgspec
import uvloop

from netgov.core.content import Content
from netgov.demo.posts import synthetic_posts
from netgov.demo.world import demo_world

CORPUS_START = datetime(2026, 6, 1, tzinfo=UTC)
_SINK_ANSWER = b'HTTP/1.1 200 OK\r\ncontent-length: 15\r\ncontent-type: application/json\r\n\r\n{"status":"ok"}'


class _Body(msgspec.Struct, omit_defaults=True):
    """What a platform sends for one synthetic post (the platform itself is the key's)."""

    id: str
    text: str
    account: dict[str, object] | None = None
    language: str | None = None
    jurisdiction: str | None = None
    created_at: datetime | None = None


class Requests:
    """An endless supply of request bytes: the same GET, or POSTs with never-repeated ids."""

    def __init__(self, *, path: str, host: str, keys: dict[str, str], tag: str, seed: int, posts: int) -> None:
        self._get = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
        self._post = bool(keys)
        self._path, self._host, self._keys, self._tag, self._seed = path, host, keys, tag, seed
        self._size = posts
        self._batch: list[bytes] = []
        self._index = 0
        # Passes over the corpus: building one more during a run stalls the generator (reported).
        self.passes = 0

    def next(self) -> bytes:
        if not self._post:
            return self._get
        if self._index == len(self._batch):
            self._batch, self._index = self._build(), 0
        self._index += 1
        return self._batch[self._index - 1]

    def prepare(self) -> None:
        if self._post:
            self._batch, self._index = self._build(), 0

    def _build(self) -> list[bytes]:
        posts = synthetic_posts(
            self._size,
            seed=self._seed + self.passes,
            world=demo_world(),
            start=CORPUS_START,
            span=timedelta(days=30),
        )
        prefix = f"{self._tag}-{self.passes}-"
        self.passes += 1
        return [self._request(post, f"{prefix}{n:07d}") for n, post in enumerate(posts)]

    def _request(self, post: Content, content_id: str) -> bytes:
        account = None if post.account is None else msgspec.to_builtins(post.account)
        if account is not None:
            # Accounts of their own per run, so no run inherits an earlier one's posting velocity.
            account["id"] = f"{self._tag}-{account['id']}"
        body = msgspec.json.encode(
            _Body(content_id, post.text, account, post.language, post.jurisdiction, post.created_at)
        )
        head = (
            f"POST {self._path} HTTP/1.1\r\nHost: {self._host}\r\nAuthorization: Bearer {self._keys[post.platform]}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        return head.encode() + body


class Window:
    """The measured interval; answers that end inside it count, with their latency."""

    def __init__(self) -> None:
        self.start_ns = self.stop_ns = 0
        self.latencies: list[int] = []
        self.statuses: Counter[int] = Counter()
        self.errors: Counter[str] = Counter()
        self.stopping = False
        self.cpu_seconds = 0.0

    def record(self, started_ns: int, ended_ns: int, status: int) -> None:
        if self.start_ns and self.start_ns <= ended_ns and not self.stop_ns:
            self.latencies.append(ended_ns - started_ns)
            self.statuses[status] += 1


class Connection(asyncio.Protocol):
    """One keep-alive connection sending its next request when the last answer is complete."""

    def __init__(self, requests: Requests, window: Window, closed: asyncio.Future[None]) -> None:
        self._requests, self._window, self._closed = requests, window, closed
        self._transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._sent_ns = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses, but behave as one.
        self._transport = cast(asyncio.Transport, transport)
        self._send()

    def _send(self) -> None:
        assert self._transport is not None
        if self._window.stopping:
            self._transport.close()
            return
        request = self._requests.next()
        self._sent_ns = time.perf_counter_ns()
        self._transport.write(request)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            return
        length = _content_length(self._buffer, end)
        if length is None:
            self._fail("answer without Content-Length")
            return
        if len(self._buffer) < end + 4 + length:
            return
        ended = time.perf_counter_ns()
        self._window.record(self._sent_ns, ended, int(self._buffer[9:12]))
        if len(self._buffer) != end + 4 + length:
            self._fail("unexpected bytes after an answer")
            return
        self._buffer.clear()
        self._send()

    def _fail(self, reason: str) -> None:
        self._window.errors[reason] += 1
        assert self._transport is not None
        self._transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self._window.stopping:
            self._window.errors[f"connection lost: {exc!r}"] += 1
        if not self._closed.done():
            self._closed.set_result(None)


def _content_length(buffer: bytearray, end: int) -> int | None:
    head = bytes(buffer[:end]).lower()
    at = head.find(b"\r\ncontent-length:")
    if at < 0:
        return None
    value_end = head.find(b"\r\n", at + 2)
    return int(head[at + 17 : value_end if value_end >= 0 else end])


async def run(requests: Requests, *, host: str, port: int, connections: int, warmup: float, duration: float) -> Window:
    window = Window()
    loop = asyncio.get_running_loop()
    closed: list[asyncio.Future[None]] = []
    for _ in range(connections):
        done: asyncio.Future[None] = loop.create_future()
        await loop.create_connection(_factory(requests, window, done), host, port)
        closed.append(done)
    await asyncio.sleep(warmup)
    window.start_ns = time.perf_counter_ns()
    cpu_before = _cpu_seconds()
    print("start", flush=True)
    await asyncio.sleep(duration)
    window.stop_ns = time.perf_counter_ns()
    window.cpu_seconds = _cpu_seconds() - cpu_before
    print("stop", flush=True)
    window.stopping = True
    # Let every connection finish its request in flight, so the server is idle for the next run.
    await asyncio.wait_for(asyncio.gather(*closed), timeout=60)
    return window


def _factory(requests: Requests, window: Window, done: asyncio.Future[None]) -> Callable[[], Connection]:
    return lambda: Connection(requests, window, done)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def summary(window: Window, *, connections: int, passes: int) -> dict[str, object]:
    seconds = (window.stop_ns - window.start_ns) / 1e9
    latencies = sorted(window.latencies)
    completed = len(latencies)

    def percentile(share: float) -> float:
        return latencies[min(completed - 1, int(share * completed))] / 1e6 if completed else float("nan")

    return {
        "connections": connections,
        "seconds": seconds,
        "completed": completed,
        "rps": completed / seconds,
        "p50_ms": percentile(0.50),
        "p90_ms": percentile(0.90),
        "p99_ms": percentile(0.99),
        "max_ms": latencies[-1] / 1e6 if completed else float("nan"),
        "statuses": {str(k): v for k, v in sorted(window.statuses.items())},
        "errors": dict(window.errors),
        "cpu_share": window.cpu_seconds / seconds,
        "corpus_passes": passes,
    }


class _Sink(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)
        self._pending = b""

    def data_received(self, data: bytes) -> None:
        # Bodiless GETs only: one answer per blank line that ends a request head.
        data = self._pending + data
        complete = data.count(b"\r\n\r\n")
        self._pending = data[data.rfind(b"\r\n\r\n") + 4 :] if complete else data
        if complete:
            self._transport.write(_SINK_ANSWER * complete)


async def sink(host: str, port: int) -> None:
    server = await asyncio.get_running_loop().create_server(_Sink, host, port)
    print("listening", flush=True)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["run", "sink"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/healthz")
    parser.add_argument("--keys", help="JSON file: platform id -> API key (for POSTs)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--tag", default=f"b{os.getpid()}", help="Content id prefix; ids must never repeat")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--posts", type=int, default=100_000, help="Distinct posts built before the run")
    args = parser.parse_args(argv)
    if args.mode == "sink":
        uvloop.run(sink(args.host, args.port))
        return
    keys: dict[str, str] = {}
    if args.keys:
        with open(args.keys) as file:
            keys = json.load(file)
    requests = Requests(path=args.path, host=args.host, keys=keys, tag=args.tag, seed=args.seed, posts=args.posts)
    requests.prepare()
    window = uvloop.run(
        run(
            requests,
            host=args.host,
            port=args.port,
            connections=args.connections,
            warmup=args.warmup,
            duration=args.duration,
        )
    )
    sys.stdout.write(json.dumps(summary(window, connections=args.connections, passes=requests.passes)) + "\n")


if __name__ == "__main__":
    main()
