"""``netgov appeals``: how often each rule and reviewer is overturned on appeal, and one appeal.

Appeals are filed by the affected account on the portal (with its statement's token), by a
notifier there (with the notice's query code), or by the platform through the API; they are
decided as cases (``netgov cases``). See docs/appeals.md.
"""

from __future__ import annotations

import click
import msgspec

from netgov.cli.acting import AS, FORMAT, actor
from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.service.appeal_views import appeal_stats, get_appeal


@click.group("appeals")
def appeals_group() -> None:
    """Appeals against decisions, each decided by a human who did not take it; overturn rates."""


@appeals_group.command("stats")
@AS
@FORMAT
@db_option
def stats_command(username: str | None, output: str, db: str | None) -> None:
    """Per original decider (rule:<id> or staff:<username>): appeals, how many were decided,
    how many overturned and the share overturned, most overturned first. As the operator:
    every appeal; --as: those whose case lies where the staff member may read cases."""
    with operator_work(service_settings(db), write=False) as uow:
        rates = appeal_stats(uow, actor=actor(uow, username))
    if output == "json":
        click.echo(msgspec.json.encode({"deciders": rates}).decode())
        return
    rows = [
        [r.decider, str(r.appeals), str(r.decided), str(r.overturned), "-" if r.share is None else f"{r.share:.0%}"]
        for r in rates
    ]
    echo_table(["decider", "appeals", "decided", "overturned", "share"], rows, empty="no appeals")


@appeals_group.command("show")
@click.argument("appeal_id", metavar="ID")
@AS
@FORMAT
@db_option
def show_command(appeal_id: str, username: str | None, output: str, db: str | None) -> None:
    """Show appeal ID: who appealed what, its case, where it stands and the reviewer's reasons."""
    with operator_work(service_settings(db), write=False) as uow:
        view = get_appeal(uow, actor=actor(uow, username), appeal_id=appeal_id)
    if output == "json":
        click.echo(msgspec.json.encode(view).decode())
        return
    for name in view.__struct_fields__:
        value = getattr(view, name)
        click.echo(f"{name}: {moment(value) if name.endswith('_at') else '-' if value is None else value}")
