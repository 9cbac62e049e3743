"""``netgov keys``: issue, list and revoke platforms' API keys, as the operator on the machine."""

from __future__ import annotations

import click

from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.service.api_keys import issue_key, revoke_key
from netgov.service.clock import system_clock
from netgov.service.permissions import SYSTEM


@click.group("keys")
def keys_group() -> None:
    """Platform API keys: what a platform sends as `Authorization: Bearer ngk_...`.

    A key is shown once when issued and stored only as a digest. These commands act as
    the system principal; the audit log records them as `system:netgov`.
    """


@keys_group.command("issue")
@click.argument("platform")
@click.option("--name", default="default", show_default=True, help='What the key is for, e.g. "ingest-eu-1".')
@db_option
def issue(platform: str, name: str, db: str | None) -> None:
    """Issue a new API key for PLATFORM (a platform id) and print it once."""
    with operator_work(service_settings(db), write=True) as uow:
        token = issue_key(uow, actor=SYSTEM, platform_id=platform, name=name, at=system_clock())
        uow.commit()
    click.echo(token)
    click.echo(f"API key {token.split('_')[1]} for {platform} (shown once; store it now)", err=True)


@keys_group.command("list")
@click.option("--platform", default=None, metavar="ID", help="Only this platform's keys.")
@db_option
def list_keys(platform: str | None, db: str | None) -> None:
    """List API keys (never the secret): lookup, platform, name, created, last used, revoked."""
    with operator_work(service_settings(db), write=False) as uow:
        rows = [
            [
                key.lookup,
                key.platform_id,
                key.name,
                moment(key.created_at),
                moment(key.last_used_at, missing="never"),
                moment(key.revoked_at),
            ]
            for key in uow.identity.api_keys(platform)
        ]
    echo_table(["lookup", "platform", "name", "created", "last used", "revoked"], rows, empty="no API keys")


@keys_group.command("revoke")
@click.argument("lookup")
@click.option("--reason", required=True, help="Why the key is revoked; recorded in the audit log.")
@db_option
def revoke(lookup: str, reason: str, db: str | None) -> None:
    """Revoke the API key whose lookup (the part after `ngk_`) is LOOKUP.

    Requests with the key are refused from then on (within a few seconds in running
    services, which cache checked keys briefly).
    """
    with operator_work(service_settings(db), write=True) as uow:
        revoke_key(uow, actor=SYSTEM, lookup=lookup, reason=reason, at=system_clock())
        uow.commit()
    click.echo(f"revoked API key {lookup}")
