"""Benchmark: what reading accounts' live strikes costs the content intake.

    python bench/strikes.py [--strikes 200000] [--accounts 50000] [--batch 512] [--batches 30] [--postgres URL]

Before the engine decides a batch, the intake reads the live strikes of every account in it
in one query (``netgov.service.intake_batch._with_live_strikes``). This seeds the strikes
table with ``--strikes`` strikes over ``--accounts`` accounts (a third expired, a tenth
lifted, the rest live), then decides ``--batches`` batches of ``--batch`` synthetic demo
posts whose authors are drawn from those accounts, the way the intake's writer does: one
``store_batch`` and one commit a batch. For each batch it times the lookup alone (in a unit
of work of its own, rolled back) and the whole batch (decide, store, statements, audit,
commit, the lookup included). Prints the median and p90 of both and the lookup's share, on
SQLite (and PostgreSQL with ``--postgres``, in a schema of its own). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
from argon2 import PasswordHasher
from sqlalchemy import insert, text

from netgov.core.content import Account
from netgov.demo.posts import synthetic_posts
from netgov.demo.seed import seed_demo
from netgov.demo.world import demo_world
from netgov.identity.secrets import Passwords
from netgov.service.intake_batch import Item, _with_live_strikes, store_batch
from netgov.service.runtime import Runtime
from netgov.settings import Settings, sqlite_url
from netgov.store.database import connect
from netgov.store.schema import upgrade
from netgov.store.tables import StrikeRow

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
SCHEMA = "bench_strikes"
_CHUNK = 10_000


def opened(url: str, data_dir: Path) -> Runtime:
    database = connect(url)
    upgrade(database)
    database.dispose()
    settings = Settings(database_url=url, data_dir=data_dir, intake_process=False)
    cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    runtime = Runtime.open(settings, passwords=cheap)
    seed_demo(runtime, posts=0, seed=11, now=NOW, casework=False)
    return runtime


def seed_strikes(runtime: Runtime, platforms: list[str], *, strikes: int, accounts: int, rng: random.Random) -> None:
    rows = []
    for n in range(strikes):
        issued = NOW - timedelta(days=rng.uniform(0, 540))
        rows.append(
            {
                "platform_id": rng.choice(platforms),
                "account_id": f"a{rng.randrange(accounts):06d}",
                "statement_id": None,
                "weight": rng.choice((1, 2, 3)),
                "issued_at": issued,
                "expires_at": issued + timedelta(days=365),
                "lifted_at": NOW - timedelta(days=1) if n % 10 == 0 else None,
                "lift_reason": "overturned" if n % 10 == 0 else None,
            }
        )
    with runtime.uow(write=True) as uow:
        for start in range(0, len(rows), _CHUNK):
            uow.session.execute(insert(StrikeRow), rows[start : start + _CHUNK])
        uow.commit()
    if runtime.database.dialect.name == "postgresql":
        with runtime.database.begin() as connection:
            connection.execute(text("ANALYZE strikes"))


def batches(platforms: list[str], *, size: int, count: int, accounts: int, rng: random.Random) -> list[list[Item]]:
    """Demo posts, each given an author drawn from the seeded accounts and a unique id."""
    posts = synthetic_posts(
        size * count, seed=5, world=demo_world(), start=NOW - timedelta(hours=1), span=timedelta(hours=1)
    )
    items = [
        Item(
            content=msgspec.structs.replace(
                post,
                id=f"bench-{n}",
                platform=rng.choice(platforms),
                account=Account(id=f"a{rng.randrange(accounts):06d}"),
            ),
            jurisdiction=post.jurisdiction,
            actor="platform:bench",
        )
        for n, post in enumerate(posts)
    ]
    return [items[start : start + size] for start in range(0, len(items), size)]


def measure(name: str, url: str, data_dir: Path, args: argparse.Namespace) -> None:
    rng = random.Random(3)
    runtime = opened(url, data_dir)
    try:
        with runtime.uow() as uow:
            platforms = [row.id for row in uow.places.platforms()]
        seed_strikes(runtime, platforms, strikes=args.strikes, accounts=args.accounts, rng=rng)
        lookups, wholes = [], []
        for batch in batches(platforms, size=args.batch, count=args.batches, accounts=args.accounts, rng=rng):
            contents = [item.content for item in batch]
            with runtime.uow() as uow:
                started = time.perf_counter()
                _with_live_strikes(uow, contents, NOW)
                lookups.append(time.perf_counter() - started)
            with runtime.uow(write=True) as uow:
                started = time.perf_counter()
                store_batch(uow, batch, engine=runtime.engine, now=NOW, tracker=None, strike_days=365)
                uow.commit()
                wholes.append(time.perf_counter() - started)
    finally:
        runtime.close()
    lookup, whole = statistics.median(lookups), statistics.median(wholes)
    print(f"{name}: {args.strikes:,} strikes over {args.accounts:,} accounts; {args.batches} batches of {args.batch}")
    print(f"  lookup alone: median {lookup * 1000:.2f} ms, p90 {_p90(lookups) * 1000:.2f} ms a batch")
    print(f"  whole batch:  median {whole * 1000:.1f} ms, p90 {_p90(wholes) * 1000:.1f} ms a batch")
    print(f"  the lookup's share of a batch: {lookup / whole:.1%} ({lookup / args.batch * 1e6:.1f} µs a post)")


def _p90(values: list[float]) -> float:
    return sorted(values)[int(0.9 * (len(values) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strikes", type=int, default=200_000)
    parser.add_argument("--accounts", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=512, help="posts a batch (the writer's commit_batch_max)")
    parser.add_argument("--batches", type=int, default=30)
    parser.add_argument("--postgres", help="a PostgreSQL URL; the bench works in a schema of its own, bench_strikes")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        measure("SQLite", sqlite_url(folder / "bench.sqlite"), folder, args)
        if args.postgres:
            measure("PostgreSQL", bench_schema(args.postgres), folder, args)
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
