"""``netgov sweep``: run the periodic work once (what ``netgov serve`` runs every minute)."""

from __future__ import annotations

from pathlib import Path

import click

from netgov.cli.options import db_option, rules_option, service_settings
from netgov.cli.service_access import operator_database
from netgov.errors import RulebookError
from netgov.rulebook import load_rulebook
from netgov.service.clock import system_clock
from netgov.service.sweep import run_sweep


@click.command("sweep")
@click.option("--batch", type=click.IntRange(1, 100_000), default=None, help="Most items each step handles this run.")
@rules_option
@db_option
def sweep(batch: int | None, rules_dir: Path | None, db: str | None) -> None:
    """Run the sweep once as the operator: open cases for held decisions, warn before
    deadlines, escalate breached cases, and every other registered step; print the counts.

    `netgov serve` runs the same sweep every NETGOV_SWEEP_SECONDS. Exit status 1 when a
    step failed (it is logged; the next run retries it)."""
    settings = service_settings(db, rules=rules_dir)
    try:
        rulebook = load_rulebook(settings.rules)
    except RulebookError as error:
        raise click.ClickException(str(error)) from error
    with operator_database(settings) as database:
        report = run_sweep(database, rulebook=rulebook, at=system_clock(), batch=batch or settings.sweep_batch)
    for name, count in report.counts.items():
        click.echo(f"{name.replace('_', ' ')}: {count}")
    if report.failed:
        click.echo(f"error: failed steps: {', '.join(report.failed)} (see the log)", err=True)
        raise SystemExit(1)
