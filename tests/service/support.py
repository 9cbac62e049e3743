"""Plain helpers for service tests: items, principals, audit reads, commits, a held writer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

from netgov.core.content import Content
from netgov.identity.principal import Principal
from netgov.service.intake_batch import Item, Outcome
from netgov.service.staff import principal_of
from netgov.store.unit_of_work import UnitOfWork
from tests.service_world import World

EAST, WEST = "ex.north.harbour.east", "ex.north.harbour.west"
CALM = "Lovely weather at the harbour today"
SCAM = (
    "Dear beneficiary, your fund release order has been approved. "
    "Pay the clearance fee of $250 via Western Union to receive your ATM card."
)


def item(content_id: str, text: str = CALM, *, platform: str = "chirp", jurisdiction: str | None = EAST) -> Item:
    content = Content(id=content_id, platform=platform, text=text)
    return Item(content=content, jurisdiction=jurisdiction, actor=f"platform:{platform}")


def submit(world: World, *items: Item) -> list[Outcome]:
    return world.runtime.intake.submit(list(items)).result(timeout=30)


def staff(world: World, username: str) -> Principal:
    """The principal of one of the world's staff accounts (see ``tests.service_world.STAFF``)."""
    with world.runtime.uow() as uow:
        row = uow.identity.staff_by_username(username)
        assert row is not None
        return principal_of(uow, row)


def audit_actions(world: World, action: str) -> list[str]:
    """The objects of every audit event with ``action``, in chain order."""
    with world.runtime.uow() as uow:
        return [e.object for e in uow.audit.events() if e.action == action]


class Commits:
    """Counts the commits the database sees, through SQLAlchemy's own event hook."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        self._engine = engine

    def _seen(self, _connection: Any) -> None:
        self.count += 1

    def __enter__(self) -> Commits:
        event.listen(self._engine, "commit", self._seen)
        return self

    def __exit__(self, *_: object) -> None:
        event.remove(self._engine, "commit", self._seen)


@contextmanager
def writer_held(world: World) -> Iterator[None]:
    """Block every writer (the intake's too) until the block ends, by taking the audit
    chain's lock: BEGIN IMMEDIATE on SQLite, the advisory lock on PostgreSQL."""
    with UnitOfWork(world.runtime.database, write=True) as blocker:
        blocker.audit.lock_head()
        yield
