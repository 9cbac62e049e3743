"""Statements of reasons and their strikes: bulk inserts for the intake, reads for the API."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from netgov.store.bulk import BulkInsert
from netgov.store.tables import StatementRow, StrikeRow

_STATEMENTS = StatementRow.metadata.tables[StatementRow.__tablename__]
_STRIKES = StrikeRow.metadata.tables[StrikeRow.__tablename__]
_INSERT_STATEMENTS, _INSERT_STRIKES = BulkInsert(_STATEMENTS), BulkInsert(_STRIKES)


class StatementRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def insert_many(self, statements: list[dict[str, Any]], strikes: list[dict[str, Any]]) -> None:
        """Insert statement rows and strike rows (``statement_row``/``strike_row`` dicts) at once."""
        connection = self._session.connection()
        _INSERT_STATEMENTS.run(connection, statements)
        _INSERT_STRIKES.run(connection, strikes)
