"""Benchmark: the HTTP API under load, against the framework's own ceiling on this machine.

    .venv/bin/python bench/api.py [--duration 10] [--warmup 3] [--connections 8,16,32]
                                  [--backends sqlite,postgresql] [--postgres-url URL]

For each backend and connection count: a fresh database (SQLite in a temporary directory,
synchronous=FULL; PostgreSQL: a new database next to --postgres-url's, dropped afterwards),
migrated and seeded through the services (the demo world's jurisdictions and platforms, one
API key each), then ``netgov serve`` on it in its own process. Against that one server a
load generator process (bench/loadgen.py) measures the bare constant endpoint
``GET /healthz`` and then ``POST /v1/content`` with unique synthetic posts from
``netgov.demo`` (clean and harmful). Prints requests/s, p50/p99, the CPU each process used,
the group commit factor read from the server's /metrics, and the targets: content at
>= 0.5 of the bare endpoint's throughput, with p99 < 25 ms at that load.

Before the servers it measures the generator's own ceiling against the smallest HTTP server
Python can run (loadgen.py sink), so that a generator bottleneck would show. Any non-2xx
answer or connection error invalidates a run. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from api_report import Run, print_table, print_targets
from api_server import (
    BackendUnavailableError,
    Server,
    durability,
    free_port,
    fresh_database,
    seed,
    served,
    write_keys,
)

HERE = Path(__file__).resolve().parent
LOADGEN = HERE / "loadgen.py"
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
_TICKS = os.sysconf("SC_CLK_TCK")
_CPUS = os.cpu_count() or 1
# Distinct posts the generator builds beforehand, per second of run; more would be built mid-run.
_POSTS_PER_SECOND = 5000


@dataclass
class Snapshot:
    loop_ticks: int  # the server's main thread: uvicorn's event loop
    server_ticks: int  # all its threads (the intake's writer is the only other busy one)
    machine: tuple[int, int]  # (busy, total) jiffies over all CPUs
    metrics: dict[str, float]


def snapshot(server: Server | None) -> Snapshot:
    with open("/proc/stat") as stat:
        jiffies = [int(value) for value in stat.readline().split()[1:]]
    idle = jiffies[3] + jiffies[4]  # idle + iowait
    loop = total = 0
    metrics: dict[str, float] = {}
    if server is not None:
        loop = _thread_ticks(server.process.pid, server.process.pid)
        total = _thread_ticks(server.process.pid, None)
        metrics = server.metrics()
    return Snapshot(loop, total, (sum(jiffies) - idle, sum(jiffies)), metrics)


def _thread_ticks(pid: int, tid: int | None) -> int:
    """CPU time (user + system) of one thread, or of the whole process when ``tid`` is None."""
    path = f"/proc/{pid}/stat" if tid is None else f"/proc/{pid}/task/{tid}/stat"
    with open(path) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def measure(
    server: Server | None, port: int, *, backend: str, path: str, connections: int, args: argparse.Namespace
) -> Run:
    """One generator run; the server's counters are read when its measured window opens and closes."""
    command = [
        sys.executable, str(LOADGEN), "run", "--port", str(port), "--path", path,
        "--connections", str(connections), "--warmup", str(args.warmup), "--duration", str(args.duration),
        # A seed per run: posts repeated from an earlier run would look like a wave to the tracker.
        "--tag", f"{backend[:2]}{connections}", "--seed", str(args.seed + connections),
        "--posts", str(int((args.warmup + args.duration) * _POSTS_PER_SECOND)),
    ]  # fmt: skip
    if path != "/healthz":
        command += ["--keys", str(args.keys_file)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    marks: dict[str, Snapshot] = {}
    figures: dict[str, object] = {}
    for line in process.stdout:
        if line.strip() in ("start", "stop"):
            marks[line.strip()] = snapshot(server)
        elif line.startswith("{"):
            figures = json.loads(line)
    if process.wait() != 0 or len(marks) != 2 or not figures:
        raise RuntimeError(f"the load generator failed (exit status {process.returncode})")
    return _run(backend, path, connections, figures, marks["start"], marks["stop"])


def _run(
    backend: str, path: str, connections: int, figures: dict[str, object], before: Snapshot, after: Snapshot
) -> Run:
    seconds = figures["seconds"]
    assert isinstance(seconds, float)
    busy, total = (a - b for a, b in zip(after.machine, before.machine, strict=True))
    return Run(
        backend=backend,
        endpoint=path,
        connections=connections,
        figures=figures,
        loop_cpu=(after.loop_ticks - before.loop_ticks) / _TICKS / seconds,
        server_cpu=(after.server_ticks - before.server_ticks) / _TICKS / seconds,
        machine_cpu=busy / total * _CPUS if total else 0.0,
        metrics={name: value - before.metrics.get(name, 0.0) for name, value in after.metrics.items()},
    )


def generator_ceiling(args: argparse.Namespace) -> Run:
    """The generator against a constant-answer server with no framework: its own limit here."""
    port = free_port()
    sink = subprocess.Popen(
        [sys.executable, str(LOADGEN), "sink", "--port", str(port)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert sink.stdout is not None
        sink.stdout.readline()  # "listening"
        return measure(None, port, backend="-", path="/healthz", connections=max(args.connections), args=args)
    finally:
        sink.terminate()
        sink.wait()


def bench_backend(backend: str, args: argparse.Namespace) -> list[Run]:
    runs: list[Run] = []
    for connections in args.connections:
        runs += bench_server(backend, connections, args)
    return runs


def bench_server(backend: str, connections: int, args: argparse.Namespace) -> list[Run]:
    """Bare and content runs against one fresh server and database: the wave tracker keeps
    recent posts in memory, and an earlier run's posts would make this run's look like floods."""
    with tempfile.TemporaryDirectory(prefix=f"netgov-bench-{backend}-") as tmp:
        workdir = Path(tmp)
        with fresh_database(backend, workdir, args.postgres_url) as url:
            args.keys_file = write_keys(seed(url), workdir)
            if connections == args.connections[0]:
                print(f"  {backend}: {durability(url)}", flush=True)
            with served(url, workdir) as server:
                runs = []
                for path in ("/healthz", "/v1/content"):
                    runs.append(
                        measure(server, server.port, backend=backend, path=path, connections=connections, args=args)
                    )
                    print(f"  {backend} {path} x{connections}: {runs[-1].number('rps'):,.0f} req/s", flush=True)
                return runs


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=10.0, help="Measured seconds per run (default 10)")
    parser.add_argument("--warmup", type=float, default=3.0, help="Unmeasured seconds before each run (default 3)")
    parser.add_argument(
        "--connections",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[8, 16, 32],
        help="Concurrent keep-alive connections, one run per value (default 8,16,32)",
    )
    parser.add_argument("--backends", default="sqlite,postgresql", help="Comma-separated (default sqlite,postgresql)")
    parser.add_argument("--postgres-url", default=POSTGRES_URL, help=f"Server to create a database on ({POSTGRES_URL})")
    parser.add_argument("--seed", type=int, default=7, help="Seed of the synthetic posts")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    print(f"load average before: {Path('/proc/loadavg').read_text().strip()}", flush=True)
    ceiling = generator_ceiling(args)
    print(f"  generator ceiling x{max(args.connections)}: {ceiling.number('rps'):,.0f} req/s", flush=True)
    runs: list[Run] = []
    skipped: dict[str, str] = {}
    for backend in args.backends.split(","):
        try:
            runs += bench_backend(backend, args)
        except BackendUnavailableError as reason:
            skipped[backend] = str(reason)
            print(f"  {backend}: SKIPPED: {reason}", flush=True)
    print_table(ceiling, runs, args)
    print_targets(runs, skipped)
    print(f"load average after: {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    main()
