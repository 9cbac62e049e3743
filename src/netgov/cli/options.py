"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from netgov.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def rules_option(function: F) -> F:
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=None,
        help="Rulebook directory (regulations/, rules/, lexicons/, patterns/). Default: the bundled rulebook.",
    )(function)


def at_option(function: F) -> F:
    return click.option(
        "--at",
        "at",
        type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%z"]),
        default=None,
        help="Decide as of this date/time (UTC unless an offset is given), e.g. to backtest. Default: now.",
    )(function)


def resolve_at(at: datetime | None) -> datetime:
    if at is None:
        return datetime.now(UTC)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def db_option(function: F) -> F:
    return click.option(
        "--db",
        "db",
        default=None,
        metavar="URL",
        help=(
            "Database URL, e.g. postgresql+psycopg://user@host/netgov or sqlite:///path/netgov.sqlite. "
            "Default: $NETGOV_DATABASE_URL, else the embedded SQLite file in the data directory."
        ),
    )(function)


def service_settings(db: str | None, **overrides: Any) -> Settings:
    """The one Settings object of a command: environment first, then the command's options."""
    values = {key: value for key, value in overrides.items() if value is not None}
    if db is not None:
        values["database_url"] = db
    return Settings(**values)
