"""``netgov db``: bring a database to this netgov's schema, and say where it stands."""

from __future__ import annotations

import click

from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import database_errors
from netgov.service.runtime import shown_url
from netgov.store.database import connect
from netgov.store.schema import current_revision, head_revision, upgrade


@click.group("db")
def db_group() -> None:
    """The service's database: create or migrate its schema, and show its revision.

    `netgov serve` refuses a database that is not at this netgov's revision; run
    `netgov db upgrade` first, and again after every netgov upgrade.
    """


@db_group.command("upgrade")
@db_option
def db_upgrade(db: str | None) -> None:
    """Apply every pending migration (Alembic) so the database is at this netgov's revision.

    A new database gets the whole schema; an up-to-date one is left alone. The embedded
    SQLite file and its directory are created when missing.
    """
    url = service_settings(db).resolved_database_url
    with database_errors(url):
        database = connect(url)
        try:
            before = current_revision(database)
            upgrade(database)
            after = current_revision(database)
        finally:
            database.dispose()
    if before == after:
        click.echo(f"{shown_url(url)}: already at revision {after}")
    else:
        click.echo(f"{shown_url(url)}: upgraded from {before or 'an empty database'} to revision {after}")


@db_group.command("current")
@db_option
def db_current(db: str | None) -> None:
    """Show the database's schema revision and this netgov's (head); exit 1 when they differ."""
    url = service_settings(db).resolved_database_url
    with database_errors(url):
        database = connect(url)
        try:
            current = current_revision(database)
        finally:
            database.dispose()
    head = head_revision()
    click.echo(f"database: {shown_url(url)}")
    click.echo(f"current:  {current or 'none (no netgov schema)'}")
    click.echo(f"head:     {head}")
    if current != head:
        click.echo(
            f"The database is not at this netgov's revision: run `netgov db upgrade --db {shown_url(url)}`.", err=True
        )
        raise SystemExit(1)
    click.echo("The database is up to date.")
