"""What bench/api.py measured, as one table and a verdict per target."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

RATIO_TARGET = 0.5
P99_TARGET_MS = 25.0
_COMMITS = "netgov_intake_commit_items_count"
_ITEMS = "netgov_intake_commit_items_sum"
_COMMIT_SECONDS = "netgov_intake_commit_seconds_sum"
_STORED = "netgov_decisions_stored_total{action="


@dataclass
class Run:
    backend: str
    endpoint: str
    connections: int
    figures: dict[str, object]
    loop_cpu: float  # cores used by the server's event loop thread
    server_cpu: float  # cores used by the server process, all threads
    machine_cpu: float  # cores busy on the machine, every process (the database's too)
    metrics: dict[str, float]  # the server's counters, increase over the window

    def number(self, key: str) -> float:
        value = self.figures[key]
        assert isinstance(value, int | float)
        return float(value)

    @property
    def problems(self) -> list[str]:
        statuses = self.figures["statuses"]
        errors = self.figures["errors"]
        assert isinstance(statuses, dict)
        assert isinstance(errors, dict)
        found = [f"{n} answers {code}" for code, n in statuses.items() if not 200 <= int(code) < 300]
        found += [f"{n} x {error}" for error, n in errors.items()]
        if self.number("corpus_passes") > 1:
            found.append("the generator ran out of prepared posts and built more during the run")
        return found

    @property
    def commits(self) -> float:
        return self.metrics.get(_COMMITS, 0.0)

    @property
    def items_per_commit(self) -> float:
        return self.metrics.get(_ITEMS, 0.0) / self.commits if self.commits else 0.0

    @property
    def writer_busy(self) -> float:
        """Share of the window the intake's writer spent deciding, writing and committing."""
        return self.metrics.get(_COMMIT_SECONDS, 0.0) / self.number("seconds")

    @property
    def actions(self) -> dict[str, float]:
        return {name[len(_STORED) : -1]: n for name, n in self.metrics.items() if name.startswith(_STORED)}


_HEAD = (
    f"{'backend':<11}{'conns':>5}  {'endpoint':<18}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}"
    f"{'loop':>6}{'other':>6}{'loadgen':>8}{'machine':>8}{'commits':>9}{'items/c':>8}{'writer':>8}"
)


def _row(run: Run) -> str:
    endpoint = "GET /healthz" if run.endpoint == "/healthz" else f"POST {run.endpoint}"
    line = (
        f"{run.backend:<11}{run.connections:>5}  {endpoint:<18}{run.number('rps'):>8,.0f}"
        f"{run.number('p50_ms'):>8.1f}{run.number('p99_ms'):>8.1f}"
        f"{run.loop_cpu:>6.2f}{run.server_cpu - run.loop_cpu:>6.2f}"
        f"{run.number('cpu_share'):>8.2f}{run.machine_cpu:>8.2f}"
    )
    if run.commits:
        line += f"{run.commits:>9,.0f}{run.items_per_commit:>8.1f}{run.writer_busy:>8.0%}"
    return line + ("  INVALID: " + "; ".join(run.problems) if run.problems else "")


def print_table(ceiling: Run, runs: list[Run], args: argparse.Namespace) -> None:
    print()
    print(f"uvicorn via `netgov serve` (httptools, uvloop, 1 process, no access log); {args.duration:g} s measured")
    print(f"after {args.warmup:g} s warm-up per run; CPU columns in cores (this machine has 2)")
    print()
    print(_HEAD)
    print(_row(ceiling).replace("-          ", "generator  ", 1) + "   (no framework: loadgen.py sink)")
    for run in runs:
        print(_row(run))
    content = [run for run in runs if run.endpoint != "/healthz" and run.actions]
    if content:
        stored = {action: sum(run.actions.get(action, 0.0) for run in content) for action in content[0].actions}
        total = sum(stored.values())
        mix = ", ".join(f"{action} {n / total:.1%}" for action, n in sorted(stored.items(), key=lambda kv: -kv[1]))
        print(f"\ndecisions stored in the measured windows: {total:,.0f} ({mix})")


def print_targets(runs: list[Run], skipped: dict[str, str]) -> None:
    print()
    for backend, reason in skipped.items():
        print(f"{backend}: SKIPPED ({reason})")
    bare = {(r.backend, r.connections): r for r in runs if r.endpoint == "/healthz"}
    for run in runs:
        if run.endpoint == "/healthz":
            continue
        ceiling = bare[(run.backend, run.connections)]
        ratio = run.number("rps") / ceiling.number("rps")
        p99 = run.number("p99_ms")
        valid = "" if not (run.problems or ceiling.problems) else "  (INVALID run: see the table)"
        print(
            f"{run.backend:<11} x{run.connections:<4} content/bare = {ratio:.2f} "
            f"(target >= {RATIO_TARGET}: {_verdict(ratio >= RATIO_TARGET)}), "
            f"p99 {p99:.1f} ms (target < {P99_TARGET_MS:g} ms: {_verdict(p99 < P99_TARGET_MS)}){valid}"
        )


def _verdict(met: bool) -> str:
    return "PASS" if met else "MISS"
