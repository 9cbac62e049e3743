"""``netgov serve``: the HTTP API and console over one database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from netgov.api import create_app
from netgov.api.serving import serve as serve_app
from netgov.cli.options import db_option, rules_option, service_settings
from netgov.cli.service_access import open_runtime
from netgov.service.runtime import shown_url
from netgov.service.sweep import sweeping

F = TypeVar("F", bound=Callable[..., Any])


def host_option(function: F) -> F:
    return click.option(
        "--host",
        default="127.0.0.1",
        show_default=True,
        help="Address to listen on. Use 0.0.0.0 to accept connections from other machines (put TLS in front).",
    )(function)


def port_option(function: F) -> F:
    return click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port.")(
        function
    )


def base_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


@click.command("serve")
@db_option
@host_option
@port_option
@rules_option
@click.option(
    "--access-log/--no-access-log",
    default=False,
    show_default=True,
    help="Log one line per request. Off by default: it costs throughput.",
)
@click.option(
    "--intake-process/--intake-thread",
    "intake_process",
    default=True,
    show_default=True,
    help=(
        "Decide and store submitted content in a writer process of its own (the API's event loop keeps "
        "its core), or in a thread of the serving process."
    ),
)
def serve(db: str | None, host: str, port: int, rules_dir: Path | None, access_log: bool, intake_process: bool) -> None:
    """Serve the REST API (/v1/...) and the staff console until SIGINT or SIGTERM.

    The database must be migrated first (`netgov db upgrade`); an outdated one is refused
    with exit status 2. On SIGINT/SIGTERM requests in flight finish and every queued
    content write is committed before the process exits with status 0.

    Every NETGOV_SWEEP_SECONDS (default 60; 0 turns it off) a background thread runs the
    sweep (`netgov sweep`): cases for held decisions, deadline warnings and escalations.
    """
    settings = service_settings(db, rules=rules_dir, intake_process=intake_process)
    runtime = open_runtime(settings)
    app = create_app(runtime)
    click.echo(f"netgov: serving {shown_url(settings.resolved_database_url)} at {base_url(host, port)}")
    # The sweep stops (finishing a run in progress) before the runtime closes the database.
    every, batch = settings.sweep_seconds, settings.sweep_batch
    with runtime, sweeping(runtime.database, rulebook=runtime.rulebook, clock=runtime.clock, every=every, batch=batch):
        serve_app(app, host=host, port=port, access_log=access_log)
