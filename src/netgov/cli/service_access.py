"""How CLI commands reach the service's database, and how they report its refusals.

Operator commands (staff, keys, platforms, jurisdictions) need a unit of work, not the
rulebook or the content writer, so they open the database alone; `serve` and `demo`
open the whole ``Runtime``. Either way an un-migrated database is refused with the
command that fixes it (exit 2), and a request the service refuses prints its message
(exit 1), never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import click
from sqlalchemy import Engine as Database
from sqlalchemy.exc import ArgumentError, OperationalError

from netgov.errors import RulebookError, SchemaError, ServiceError
from netgov.rulebook import load_rulebook
from netgov.service.runtime import Runtime, shown_url
from netgov.service.statement_grounds import StatementPolicy
from netgov.settings import Settings
from netgov.store.database import connect
from netgov.store.schema import require_current
from netgov.store.unit_of_work import UnitOfWork


def open_runtime(settings: Settings) -> Runtime:
    try:
        with database_errors(settings.resolved_database_url):
            return Runtime.open(settings)
    except SchemaError as error:
        _fail(str(error), status=2)
    except RulebookError as error:
        _fail(str(error), status=1)


def statement_policy(settings: Settings) -> StatementPolicy:
    """The rulebook's articles and the redress settings, for commands that decide against content."""
    try:
        rulebook = load_rulebook(settings.rules)
    except RulebookError as error:
        _fail(str(error), status=1)
    return StatementPolicy(
        regulations=rulebook.regulations,
        appeal_window_days=settings.appeal_window_days,
        strike_days=settings.strike_days,
    )


@contextmanager
def database_errors(url: str) -> Iterator[None]:
    """A URL that is not one, or a database that cannot be reached: a one-line error, exit 1."""
    try:
        yield
    except ArgumentError:
        # SQLAlchemy's message repeats the URL, password included: say what is expected instead.
        _fail(
            "the database URL (--db or NETGOV_DATABASE_URL) is not one; "
            "expected e.g. postgresql+psycopg://user@host/netgov or sqlite:///path/netgov.sqlite",
            status=1,
        )
    except OperationalError as error:
        reason = str(error.orig or error).strip().splitlines()[0]
        _fail(f"cannot use the database {shown_url(url)}: {reason}", status=1)


@contextmanager
def operator_database(settings: Settings) -> Iterator[Database]:
    """The migrated database of ``settings``, disposed of afterwards."""
    url = settings.resolved_database_url
    with database_errors(url):
        database = connect(url)
        try:
            try:
                require_current(database, shown_url(url))
            except SchemaError as error:
                _fail(str(error), status=2)
            yield database
        finally:
            database.dispose()


@contextmanager
def operator_work(settings: Settings, *, write: bool) -> Iterator[UnitOfWork]:
    """A unit of work on the migrated database; a ServiceError inside exits 1 with its message."""
    with operator_database(settings) as database, service_errors(), UnitOfWork(database, write=write) as uow:
        yield uow


@contextmanager
def service_errors() -> Iterator[None]:
    try:
        yield
    except ServiceError as error:
        _fail(str(error), status=1)


def _fail(message: str, *, status: int) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(status)
