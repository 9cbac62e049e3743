"""``netgov disputes``: out-of-court dispute records (DSA Art. 21) with their deadlines.

A dispute is due 90 days after it was filed with the body, 180 when complex; ``list`` shows
which are overdue. An outcome in favour of the recipient reverts the decision disputed.
"""

from __future__ import annotations

from datetime import UTC, datetime

import click
import msgspec

from netgov.cli.acting import AS, FORMAT, actor
from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.governance.disputes import DisputeOutcome
from netgov.service.clock import system_clock
from netgov.service.disputes import (
    MAX_PAGE,
    DisputeRequest,
    dispute_view,
    list_disputes,
    record_dispute,
    record_outcome,
)


@click.group("disputes")
def disputes_group() -> None:
    """Disputes referred to certified out-of-court settlement bodies, and their outcomes."""


@disputes_group.command("record")
@click.option("--platform", required=True, metavar="ID", help="The platform whose decision is disputed.")
@click.option("--body", required=True, help="The settlement body.")
@click.option("--reference", default=None, help="The body's own reference for the dispute.")
@click.option("--complex", "is_complex", is_flag=True, help="A complex dispute: due in 180 days, not 90.")
@click.option("--appeal", "appeal_id", default=None, metavar="ID", help="The appeal the dispute follows.")
@click.option("--statement", "statement_id", default=None, metavar="ID", help="The statement disputed.")
@click.option(
    "--filed",
    type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M"]),
    default=None,
    help="Filed with the body (UTC); default: now.",
)
@AS
@db_option
def record_command(
    platform: str,
    body: str,
    reference: str | None,
    is_complex: bool,
    appeal_id: str | None,
    statement_id: str | None,
    filed: datetime | None,
    username: str | None,
    db: str | None,
) -> None:
    """Record a dispute and print its id and deadline."""
    request = DisputeRequest(
        platform_id=platform,
        body=body,
        body_reference=reference,
        complex=is_complex,
        appeal_id=appeal_id,
        statement_id=statement_id,
        filed_at=None if filed is None else filed.replace(tzinfo=UTC),
    )
    with operator_work(service_settings(db), write=True) as uow:
        row = record_dispute(uow, actor=actor(uow, username), request=request, at=system_clock())
        uow.commit()
    click.echo(f"recorded {row.id} with {row.body}, due {moment(row.deadline_at)}")


@disputes_group.command("list")
@click.option("--platform", default=None, metavar="ID", help="Only this platform's disputes.")
@click.option("--limit", type=click.IntRange(1, MAX_PAGE), default=50, show_default=True, help="At most this many.")
@AS
@FORMAT
@db_option
def list_command(platform: str | None, limit: int, username: str | None, output: str, db: str | None) -> None:
    """List disputes, newest first, with their deadlines and whether each is overdue now."""
    with operator_work(service_settings(db), write=False) as uow:
        views = list_disputes(
            uow, actor=actor(uow, username), platform=platform, limit=limit, offset=0, at=system_clock()
        )
    if output == "json":
        click.echo(msgspec.json.encode({"disputes": views}).decode())
        return
    rows = [
        [v.id, v.platform_id, v.body, moment(v.deadline_at) + (" (overdue)" if v.overdue else ""), v.outcome or "open"]
        for v in views
    ]
    echo_table(["id", "platform", "body", "deadline", "outcome"], rows, empty="no disputes")


@disputes_group.command("outcome")
@click.argument("dispute_id", metavar="ID")
@click.option(
    "--outcome", required=True, type=click.Choice([o.value for o in DisputeOutcome]), help="What the body found."
)
@click.option("--details", required=True, help="What the body decided and why.")
@AS
@db_option
def outcome_command(dispute_id: str, outcome: str, details: str, username: str | None, db: str | None) -> None:
    """Record the body's outcome (once); in_favour_of_recipient reverts the decision disputed
    and sends the platform the reverting effect."""
    now = system_clock()
    with operator_work(service_settings(db), write=True) as uow:
        row = record_outcome(
            uow,
            actor=actor(uow, username),
            dispute_id=dispute_id,
            outcome=DisputeOutcome(outcome),
            details=details,
            at=now,
        )
        uow.commit()
        view = dispute_view(row, at=now)
    click.echo(f"{view.id}: {view.outcome}")
