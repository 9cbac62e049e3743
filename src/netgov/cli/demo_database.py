"""`netgov demo --db URL`: the demo in a database the caller names, migrated, seeded once."""

from __future__ import annotations

import click

from netgov.cli.service_access import database_errors, service_errors
from netgov.demo.state import DemoState, Holdings, demo_state, holdings
from netgov.service.runtime import Runtime, shown_url
from netgov.settings import Settings
from netgov.store.database import connect
from netgov.store.schema import upgrade
from netgov.store.unit_of_work import UnitOfWork


def prepare_database(settings: Settings) -> bool:
    """Migrate the database; True when the demo is to be seeded into it (it is empty),
    False when it already holds the demo. One with a network of its own is refused (exit 1)."""
    url = settings.resolved_database_url
    with database_errors(url), service_errors():
        database = connect(url)
        try:
            upgrade(database)
            with UnitOfWork(database, write=False) as uow:
                state = demo_state(uow)
        finally:
            database.dispose()
    if state is DemoState.FOREIGN:
        click.echo(
            f"error: {shown_url(url)} holds a network of its own; the demo seeds only an empty database "
            "or one that already holds the demo",
            err=True,
        )
        raise SystemExit(1)
    return state is DemoState.EMPTY


def already_seeded(runtime: Runtime, settings: Settings) -> str:
    """What an earlier run seeded, since nothing is seeded again (its passwords and keys were shown then)."""
    with runtime.uow() as uow:
        held = holdings(uow)
    return (
        f"netgov demo: {shown_url(settings.resolved_database_url)} already holds the demo; nothing seeded.\n"
        f"{describe(held)}\nIts staff passwords and API keys were shown when it was seeded."
    )


def describe(held: Holdings) -> str:
    tally = ", ".join(f"{measure} {n}" for measure, n in sorted(held.statements.items())) or "none"
    return (
        f"It holds {held.decisions} decisions, {held.cases} cases and {sum(held.statements.values())} "
        f"statements of reasons ({tally})."
    )
