"""``netgov effects``: what a platform has been told to carry out, in order.

Platforms read and acknowledge their effects through the API (``GET /v1/effects``,
``POST /v1/effects/{id}/ack``); this is the operator's view of the same feed.
"""

from __future__ import annotations

import click
import msgspec

from netgov.cli.acting import FORMAT
from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.service.permissions import SYSTEM
from netgov.service.platform_effects import MAX_PAGE, list_effects


@click.group("effects")
def effects_group() -> None:
    """Effects sent to platforms: remove, restore, lift a restriction, and whether they acknowledged them."""


@effects_group.command("list")
@click.option("--platform", required=True, metavar="ID", help="The platform whose effects to list.")
@click.option("--after", type=click.IntRange(0), default=0, show_default=True, help="Only effects after this seq.")
@click.option("--limit", type=click.IntRange(1, MAX_PAGE), default=100, show_default=True, help="At most this many.")
@FORMAT
@db_option
def list_command(platform: str, after: int, limit: int, output: str, db: str | None) -> None:
    """List the platform's effects in order (oldest first), with what each comes from and
    whether the platform acknowledged it."""
    with operator_work(service_settings(db), write=False) as uow:
        page = list_effects(uow, actor=SYSTEM, platform=platform, after=after, limit=limit)
    records = [
        {
            "seq": row.seq,
            "id": row.id,
            "kind": row.kind,
            "content_id": row.content_id,
            "account_id": row.account_id,
            "statement_id": row.statement_id,
            "appeal_id": row.appeal_id,
            "case_id": row.case_id,
            "reason": row.reason,
            "created_at": row.created_at,
            "acknowledged_at": row.acknowledged_at,
        }
        for row in page.effects
    ]
    if output == "json":
        click.echo(msgspec.json.encode({"effects": records, "next_after": page.next_after}).decode())
        return
    rows = [
        [
            str(row.seq),
            row.id,
            row.kind,
            row.content_id or row.account_id or "-",
            moment(row.created_at),
            moment(row.acknowledged_at, missing="no"),
        ]
        for row in page.effects
    ]
    echo_table(["seq", "id", "kind", "content", "created", "acknowledged"], rows, empty=f"no effects for {platform}")
