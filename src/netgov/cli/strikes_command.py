"""``netgov strikes``: an account's strikes, their weights and expiry, and the live total."""

from __future__ import annotations

import click
import msgspec

from netgov.cli.acting import AS, FORMAT, actor
from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.service.clock import system_clock
from netgov.service.strikes import account_strikes


@click.group("strikes")
def strikes_group() -> None:
    """Strikes restrictive decisions add to accounts; rules read the live total as account.prior_strikes."""


@strikes_group.command("list")
@click.option("--platform", required=True, metavar="ID", help="The account's platform.")
@click.option("--account", "account_id", required=True, metavar="ID", help="The platform's account id.")
@AS
@FORMAT
@db_option
def list_command(platform: str, account_id: str, username: str | None, output: str, db: str | None) -> None:
    """List the account's strikes, newest first, and the live total the next decision counts
    (unexpired and not lifted by an overturn or a dispute)."""
    with operator_work(service_settings(db), write=False) as uow:
        record = account_strikes(
            uow, actor=actor(uow, username), platform=platform, account_id=account_id, at=system_clock()
        )
    if output == "json":
        click.echo(msgspec.json.encode(record).decode())
        return
    rows = [
        [
            str(s.weight),
            "live" if s.live else "lifted" if s.lifted_at else "expired",
            moment(s.issued_at),
            moment(s.expires_at),
            s.statement_id or "-",
        ]
        for s in record.strikes
    ]
    echo_table(["weight", "state", "issued", "expires", "statement"], rows, empty=f"no strikes for {account_id}")
    click.echo(f"live total: {record.live_total}")
