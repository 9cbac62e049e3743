"""Benchmark: turning held decisions into routed, deadlined cases in the database.

    python bench/case_intake.py [--posts 20000] [--postgres URL]

``bench/routing.py`` measures routing alone (in memory). This measures what a live
installation does: the sweep (``netgov.service.sweep``) finds the decisions the engine held
for review, and for each opens a case — routed to its office and the least-loaded eligible
member, priority and working-hours deadline computed, the case, its timeline and its audit
events written — in batches of 500, one commit a batch. The demo world (15 jurisdictions,
13 offices, 14 staff) is seeded with ``--posts`` synthetic posts through the content intake
(about 6% are held); then the clock starts and the sweep runs until no hold is left.
Prints cases/s on SQLite (and PostgreSQL with ``--postgres``) against the 5,000 cases/s
routing target, with the pure routing rate of the same cases measured in the same run as
the baseline. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import select, text

from netgov.core.actions import Severity
from netgov.demo.seed import seed_demo
from netgov.governance.routing import JurisdictionTree, Office, OfficeDirectory, StaffMember, Workload, route_case
from netgov.identity.secrets import Passwords
from netgov.service.runtime import Runtime
from netgov.service.sweep import run_sweep
from netgov.settings import Settings, sqlite_url
from netgov.store.database import connect
from netgov.store.schema import upgrade
from netgov.store.tables import CaseRow, JurisdictionRow, OfficeRow

TARGET = 5_000  # cases a second, the routing target of issue 7
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
SCHEMA = "bench_case_intake"


def seeded_runtime(url: str, data_dir: Path, posts: int) -> Runtime:
    database = connect(url)
    upgrade(database)
    database.dispose()
    settings = Settings(database_url=url, data_dir=data_dir, intake_process=False)
    cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    runtime = Runtime.open(settings, passwords=cheap)
    seed_demo(runtime, posts=posts, seed=11, now=NOW, casework=False)
    return runtime


def sweep_all(runtime: Runtime) -> tuple[int, float]:
    opened, started = 0, time.perf_counter()
    while True:
        report = run_sweep(runtime.database, rulebook=runtime.rulebook, at=NOW)
        if report.failed:
            raise SystemExit(f"the sweep failed: {report.failed}")
        batch = report.counts.get("cases_opened", 0)
        opened += batch
        if batch == 0:
            return opened, time.perf_counter() - started


def pure_rate(runtime: Runtime) -> float:
    """The same cases routed by ``route_case`` in memory: the baseline the database adds to."""
    with runtime.uow() as uow:
        tree = JurisdictionTree((j.code, j.parent_code) for j in uow.session.scalars(select(JurisdictionRow)))
        offices = OfficeDirectory(
            tree, (Office(o.id, o.jurisdiction_code) for o in uow.session.scalars(select(OfficeRow)))
        )
        staff = [
            StaffMember(m.id, m.office_id or "", frozenset(g.role for g in grants), m.weekly_capacity)
            for m, grants in uow.identity.seated_staff()
        ]
        cases = [(c.jurisdiction_code, c.category) for c in uow.session.scalars(select(CaseRow))]
    workload = Workload(staff, require_certification=False)
    rounds = max(1, 200_000 // max(1, len(cases)))
    started = time.perf_counter()
    for _ in range(rounds):
        for jurisdiction, category in cases:
            routed = route_case(
                offices,
                workload,
                jurisdiction=jurisdiction,
                category=category,
                role="reviewer",
                severity=Severity.HIGH,
                source="hold",
            )
            if routed.staff is not None:
                workload.release(routed.staff)
    return rounds * len(cases) / (time.perf_counter() - started)


def measure(name: str, url: str, data_dir: Path, posts: int) -> None:
    started = time.perf_counter()
    runtime = seeded_runtime(url, data_dir, posts)
    seeding = time.perf_counter() - started
    try:
        opened, seconds = sweep_all(runtime)
        baseline = pure_rate(runtime)
    finally:
        runtime.close()
    rate = opened / seconds if seconds else 0.0
    print(f"{name}: seeded {posts:,} posts in {seeding:.1f} s; {opened:,} held decisions became cases")
    print(f"  sweep: {seconds:.2f} s, {rate:,.0f} cases/s ({1000 / rate if rate else 0:.2f} ms a case)")
    print(f"  baseline, routing the same cases in memory: {baseline:,.0f} cases/s")
    print(f"  ratio to the baseline: {rate / baseline:.3f}; to the {TARGET:,} cases/s target: {rate / TARGET:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument(
        "--postgres", help="a PostgreSQL URL; the bench works in a schema of its own, bench_case_intake"
    )
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        measure("SQLite", sqlite_url(folder / "bench.sqlite"), folder, args.posts)
        if args.postgres:
            measure("PostgreSQL", bench_schema(args.postgres), folder, args.posts)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def bench_schema(url: str) -> str:
    """A fresh schema of its own in the given database (replacing the last run's), as a URL."""
    database = connect(url)
    with database.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    database.dispose()
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{SCHEMA}"


if __name__ == "__main__":
    main()
