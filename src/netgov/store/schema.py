"""Schema versions: apply Alembic migrations, and refuse to run on an outdated database."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from netgov.errors import SchemaError

MIGRATIONS = Path(__file__).parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def require_current(engine: Engine, shown_url: str) -> None:
    """Raise ``SchemaError`` naming the fix when the database is not at this netgov's head."""
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    state = "has no netgov schema" if current is None else f"is at schema revision {current}"
    raise SchemaError(
        f"the database {shown_url} {state}; this netgov needs revision {head}. "
        f"Run `netgov db upgrade --db {shown_url}` first."
    )


def revision_history() -> list[str]:
    script = ScriptDirectory.from_config(_config())
    return [rev.revision for rev in script.walk_revisions()]
