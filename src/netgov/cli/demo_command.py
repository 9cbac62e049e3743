"""``netgov demo``: a fresh demo installation with a world, staff, keys and decided posts."""

from __future__ import annotations

import json
import shlex
import time
from datetime import UTC, datetime
from pathlib import Path

import click

from netgov.api import create_app
from netgov.api.serving import serve as serve_app
from netgov.cli.demo_database import already_seeded, describe, prepare_database
from netgov.cli.serve_command import base_url, host_option, port_option
from netgov.cli.service_access import open_runtime
from netgov.demo.casework import PLATFORM
from netgov.demo.seed import DemoCredentials, seed_demo
from netgov.demo.state import holdings
from netgov.demo.world import demo_world
from netgov.service.runtime import Runtime, shown_url
from netgov.service.sweep import sweeping
from netgov.settings import Settings, sqlite_url
from netgov.store.database import connect
from netgov.store.schema import upgrade

# A post the bundled rulebook removes (a crypto "doubling" scam), for the curl example.
EXAMPLE_POST = {
    "id": "demo-post-1",
    "text": "Giveaway! send 0.5 ETH and receive 1 ETH back, today only",
    "account": {"id": "u-demo", "created_at": "2026-01-01T00:00:00Z"},
}


def demo_settings(data_dir: Path) -> Settings:
    """The demo's own database and data directory; never the main database, whatever the environment says."""
    home = data_dir / "demo"
    # The demo serves plain HTTP on loopback, where a Secure cookie would never be sent back.
    # A sweep every 10 s rather than every minute: a post held while trying the demo shows up
    # as a case in the queue almost at once.
    return Settings(
        data_dir=home, database_url=sqlite_url(home / "netgov.sqlite"), cookie_secure=False, sweep_seconds=10
    )


def fresh_database(settings: Settings) -> None:
    """Delete any previous demo database (and its WAL files), then create the schema."""
    database_file = settings.data_dir / "netgov.sqlite"
    for leftover in (database_file, Path(f"{database_file}-wal"), Path(f"{database_file}-shm")):
        leftover.unlink(missing_ok=True)
    database = connect(settings.resolved_database_url)
    try:
        upgrade(database)
    finally:
        database.dispose()


@click.command("demo")
@host_option
@port_option
@click.option("--posts", type=click.IntRange(0), default=3000, show_default=True, help="Synthetic posts to decide.")
@click.option(
    "--seed", type=int, default=7, show_default=True, help="Seed of the synthetic posts (same seed, same posts)."
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data directory; the demo lives in its demo/ folder. Default: $NETGOV_DATA_DIR, else the user data directory.",
)
@click.option("--no-serve", is_flag=True, help="Seed and print the credentials, but do not start the server.")
@click.option(
    "--db",
    default=None,
    metavar="URL",
    help="Seed this database instead of a fresh demo file: migrated first, left as it is when the demo "
    "is already in it (re-runs are harmless), refused when it holds a network of its own.",
)
def demo(host: str, port: int, posts: int, seed: int, data_dir: Path | None, no_serve: bool, db: str | None) -> None:
    """Start a demo installation of netgov: the fictional Republic of Examplia, its
    regulator offices, staff and two platforms, with thousands of synthetic posts decided.

    Every run starts fresh in DATA_DIR/demo/netgov.sqlite (the main database is never
    touched), prints each staff account's password and each platform's API key once,
    then serves the API and console on plain HTTP (cookies without Secure) until Ctrl-C.
    With --db the demo goes into that database (for scripts and tests: `netgov demo --db
    URL --no-serve` seeds, prints what it seeded and exits 0; a second run seeds nothing).
    """
    settings = demo_settings(data_dir or Settings().data_dir)
    if db is not None:
        settings = settings.model_copy(update={"database_url": db})
        if not prepare_database(settings):
            _reuse(settings, host=host, port=port, serve=not no_serve)
            return
    else:
        fresh_database(settings)
    runtime = _seeded(settings, posts=posts, seed=seed, url=base_url(host, port))
    if no_serve:
        runtime.close()
        _print_later(settings, host, port)
        return
    _serve_runtime(runtime, settings, host=host, port=port)


def _seeded(settings: Settings, *, posts: int, seed: int, url: str) -> Runtime:
    """The runtime over the seeded demo, after printing what was seeded and the credentials."""
    runtime = open_runtime(settings)
    started = time.perf_counter()
    try:
        credentials = seed_demo(runtime, posts=posts, seed=seed, now=datetime.now(UTC))
        _print_world(settings, credentials, time.perf_counter() - started)
        with runtime.uow() as uow:
            click.echo(describe(holdings(uow)))
    except BaseException:
        runtime.close()
        raise
    _print_credentials(credentials, url)
    return runtime


def _reuse(settings: Settings, *, host: str, port: int, serve: bool) -> None:
    """The demo is already in the database: say what it holds, and serve it if asked."""
    runtime = open_runtime(settings)
    try:
        click.echo(already_seeded(runtime, settings))
    except BaseException:
        runtime.close()
        raise
    if serve:
        _serve_runtime(runtime, settings, host=host, port=port)
    else:
        runtime.close()


def _serve_runtime(runtime: Runtime, settings: Settings, *, host: str, port: int) -> None:
    click.echo(f"\nServing the demo at {base_url(host, port)} until Ctrl-C.\n")
    # As `netgov serve` does: posts held while the demo runs become cases within the interval.
    every, batch = settings.sweep_seconds, settings.sweep_batch
    with runtime, sweeping(runtime.database, rulebook=runtime.rulebook, clock=runtime.clock, every=every, batch=batch):
        serve_app(create_app(runtime), host=host, port=port)


def _print_world(settings: Settings, credentials: DemoCredentials, seconds: float) -> None:
    world = demo_world()
    click.echo(f"netgov demo: seeding {shown_url(settings.resolved_database_url)}")
    click.echo(
        f"Seeded the Republic of Examplia in {seconds:.1f} s: {len(world.jurisdictions)} jurisdictions, "
        f"{len(world.offices)} offices, {len(world.platforms)} platforms, {len(credentials.staff)} staff accounts."
    )
    tally = ", ".join(f"{action} {count}" for action, count in sorted(credentials.actions.items()))
    click.echo(f"Decided {credentials.posts} synthetic posts through the content intake ({tally or 'none'}).")
    work = credentials.casework
    if work is not None:
        click.echo(f"Opened {work.cases} cases from the held posts, routed to their offices' queues.")
        if work.worked_case:
            ordered = f" and ordered {PLATFORM} to act ({work.order})" if work.order else ""
            click.echo(f"{work.officer} decided case {work.worked_case}{ordered}.")
    story = credentials.redress
    if story is not None and story.seeded:
        click.echo(
            f"Filed {story.notices} notices: case {story.merged_case} merges three (one from trusted flagger "
            f"{story.flagger}), case {story.brigade_case} holds a burst flagged as a possible brigade. "
            f"Appeals: {story.waiting_appeal_case} waits with a reviewer, {story.overturned_appeal} was overturned "
            f"(chirp is told to restore the post), one upheld went to an out-of-court body ({story.dispute})."
        )


def _print_credentials(credentials: DemoCredentials, url: str) -> None:
    click.echo(f"\nConsole: {url}/console  (plain HTTP on loopback: session cookies are sent without Secure)")
    click.echo(f"API:     {url}/v1  (reference: {url}/docs, OpenAPI: {url}/openapi.json)")
    click.echo("\nStaff accounts (passwords are shown only now):")
    width = max(len(login.username) for login in credentials.staff)
    for login in credentials.staff:
        roles = "; ".join(grant.describe() for grant in login.grants)
        click.echo(f"  {login.username.ljust(width)}  {login.password}  {login.display_name}: {roles}")
    click.echo("\nPlatform API keys (shown only now):")
    for key in credentials.keys:
        click.echo(f"  {key.platform.ljust(width)}  {key.token}")
    first = credentials.keys[0]
    click.echo(f"\nSubmit a post as {first.platform}:")
    click.echo(
        f"  curl -s {url}/v1/content \\\n"
        f"    -H 'Authorization: Bearer {first.token}' \\\n"
        f"    -H 'Content-Type: application/json' \\\n"
        f"    -d {shlex.quote(json.dumps(EXAMPLE_POST))}"
    )


def _print_later(settings: Settings, host: str, port: int) -> None:
    command = f"NETGOV_COOKIE_SECURE=false netgov serve --db {settings.resolved_database_url}"
    if (host, port) != ("127.0.0.1", 8000):
        command += f" --host {host} --port {port}"
    click.echo(f"\nNot serving (--no-serve). Serve this demo later with:\n  {command}")
