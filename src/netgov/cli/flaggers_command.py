"""``netgov flaggers``: award, list and revoke the trusted-flagger status (DSA Art. 22).

Granting and revoking need ``flagger.manage`` over the granting office's jurisdiction (a
supervisor or administrator there, named by ``--as``), or the operator naming the office.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import click
import msgspec

from netgov.cli.acting import AS, FORMAT, actor
from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.core.taxonomy import Category
from netgov.governance.flaggers import FlaggerGrant
from netgov.service.clock import system_clock
from netgov.service.flaggers import FlaggerView, grant_flagger, list_flaggers, revoke_flagger


@click.group("flaggers")
def flaggers_group() -> None:
    """Trusted flaggers: organisations whose notices in their area of expertise go first.

    The submission key `grant` prints is shown once; the flagger sends it as
    `Authorization: Bearer` with its notices. See docs/notices.md.
    """


@flaggers_group.command("grant")
@click.argument("name")
@click.option(
    "--expertise",
    "expertise",
    multiple=True,
    required=True,
    type=click.Choice([c.value for c in Category]),
    help="A category the status covers (repeat).",
)
@click.option(
    "--until", required=True, type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M"]), help="End of the term (UTC)."
)
@click.option("--contact", default=None, help="How the office reaches the flagger.")
@click.option("--office", default=None, metavar="ID", help="The granting office (default: the one --as sits in).")
@AS
@db_option
def grant_command(
    name: str,
    expertise: Sequence[str],
    until: datetime,
    contact: str | None,
    office: str | None,
    username: str | None,
    db: str | None,
) -> None:
    """Award NAME the status; prints its id, then its submission key on a line of its own (shown once)."""
    grant = FlaggerGrant(
        name=name,
        expertise=tuple(Category(value) for value in expertise),
        expires_at=until.replace(tzinfo=UTC),
        contact=contact,
    )
    with operator_work(service_settings(db), write=True) as uow:
        granted = grant_flagger(uow, actor=actor(uow, username), grant=grant, office=office, at=system_clock())
    click.echo(
        f"granted {granted.flagger.row.id} to {granted.flagger.row.name} until {moment(granted.flagger.row.expires_at)}"
    )
    click.echo(granted.key)


@flaggers_group.command("list")
@AS
@FORMAT
@db_option
def list_command(username: str | None, output: str, db: str | None) -> None:
    """List trusted flaggers with their status and accuracy (upheld / decided notices)."""
    with operator_work(service_settings(db), write=False) as uow:
        views = list_flaggers(uow, actor=actor(uow, username), at=system_clock())
    if output == "json":
        click.echo(msgspec.json.encode({"flaggers": [_record(view) for view in views]}).decode())
        return
    rows = [
        [
            v.row.id,
            v.row.name,
            v.status.value,
            " ".join(c.value for c in v.expertise),
            moment(v.row.expires_at),
            f"{v.accuracy.upheld}/{v.accuracy.decided}"
            + ("" if v.accuracy.share is None else f" ({v.accuracy.share:.0%})"),
            str(v.accuracy.notices),
        ]
        for v in views
    ]
    echo_table(["id", "name", "status", "expertise", "until", "upheld", "notices"], rows, empty="no trusted flaggers")


@flaggers_group.command("revoke")
@click.argument("flagger_id", metavar="ID")
@click.option("--reason", required=True, help="Why the status ends; the flagger is told when it uses its key.")
@AS
@db_option
def revoke_command(flagger_id: str, reason: str, username: str | None, db: str | None) -> None:
    """Revoke flagger ID's status now; its key is refused from then on."""
    with operator_work(service_settings(db), write=True) as uow:
        view = revoke_flagger(uow, actor=actor(uow, username), flagger_id=flagger_id, reason=reason, at=system_clock())
    click.echo(f"revoked {view.row.id} ({view.row.name})")


def _record(view: FlaggerView) -> dict[str, Any]:
    row = view.row
    return {
        "id": row.id,
        "name": row.name,
        "office": row.office_id,
        "status": view.status.value,
        "expertise": [c.value for c in view.expertise],
        "granted_at": row.granted_at,
        "expires_at": row.expires_at,
        "revoked_at": row.revoked_at,
        "contact": view.contact,
        "accuracy": {
            "notices": view.accuracy.notices,
            "decided": view.accuracy.decided,
            "upheld": view.accuracy.upheld,
            "share": view.accuracy.share,
        },
    }
