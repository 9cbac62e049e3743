"""The unit of work: one transaction, the repositories bound to it, and the only commit.

Repositories never commit; the service that opened the unit of work does, once, after
everything (the change and its audit events) has been written.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session

from netgov.errors import InvalidRequestError
from netgov.store.database import WRITE
from netgov.store.repositories.audit import AuditRepository
from netgov.store.repositories.cases import CaseRepository
from netgov.store.repositories.decisions import DecisionRepository
from netgov.store.repositories.identity import IdentityRepository
from netgov.store.repositories.notices import NoticeRepository
from netgov.store.repositories.orders import OrderRepository
from netgov.store.repositories.places import PlaceRepository
from netgov.store.repositories.redress import RedressRepository
from netgov.store.repositories.statements import StatementRepository


class UnitOfWork:
    def __init__(self, engine: Engine, *, write: bool) -> None:
        self._engine = engine
        self._write = write

    def __enter__(self) -> UnitOfWork:
        bind = self._engine.execution_options(**{WRITE: True}) if self._write else self._engine
        self.session = Session(bind=bind, autoflush=False, expire_on_commit=False)
        self.audit = AuditRepository(self.session)
        self.cases = CaseRepository(self.session)
        self.decisions = DecisionRepository(self.session)
        self.identity = IdentityRepository(self.session)
        self.places = PlaceRepository(self.session)
        self.orders = OrderRepository(self.session)
        self.notices = NoticeRepository(self.session)
        self.statements = StatementRepository(self.session)
        self.redress = RedressRepository(self.session)
        return self

    def commit(self) -> None:
        if not self._write:
            raise RuntimeError("a read-only unit of work cannot commit")
        self.session.commit()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        # close() rolls back whatever was not committed (no write is half-done) and, unlike
        # rollback(), leaves loaded rows readable after the unit of work ends.
        self.session.close()
        if isinstance(error, DataError):
            # The database refused a value (PostgreSQL: a NUL character, a string over its
            # column's length): bad input, not a fault of the service.
            reason = str(error.orig).splitlines()[0] if error.orig else "invalid value"
            raise InvalidRequestError(f"a value cannot be stored: {reason}") from error
