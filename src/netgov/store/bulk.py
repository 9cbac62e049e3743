"""Prepared bulk inserts for the hot path: one DB-API ``executemany`` with rows as tuples.

SQLAlchemy's Core ``executemany`` processes every row's parameters through its generic
machinery (about 20 µs a row and statement here); the content intake inserts three rows a
post. This builds the statement once per dialect and converts each value with the
column type's own bind processor, so what is stored is exactly what Core would store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.engine import Dialect

_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s", "numeric": ":{}", "named": ":c{}"}

# A column type's bind processor (a callable) or None when values pass as they are.
Processor = Any


class BulkInsert:
    def __init__(self, table: Table) -> None:
        self._table = table
        self._columns = [column.name for column in table.columns if column.autoincrement is not True]
        self._prepared: dict[str, tuple[str, list[Processor]]] = {}

    def run(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert ``rows`` (mappings with every column but an autoincrement key)."""
        if not rows:
            return
        sql, processors = self._for(connection.dialect)
        columns = self._columns
        params = [
            tuple(
                value if convert is None else convert(value)
                for value, convert in zip((row[name] for name in columns), processors, strict=True)
            )
            for row in rows
        ]
        connection.exec_driver_sql(sql, params)

    def _for(self, dialect: Dialect) -> tuple[str, list[Processor]]:
        prepared = self._prepared.get(dialect.name)
        if prepared is None:
            prepared = self._prepared[dialect.name] = self._prepare(dialect)
        return prepared

    def _prepare(self, dialect: Dialect) -> tuple[str, list[Processor]]:
        marker = _PLACEHOLDERS[dialect.paramstyle]
        preparer = dialect.identifier_preparer
        names = ", ".join(preparer.quote(name) for name in self._columns)
        marks = ", ".join(marker.format(n + 1) for n in range(len(self._columns)))
        sql = f"INSERT INTO {preparer.format_table(self._table)} ({names}) VALUES ({marks})"
        processors = [self._table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in self._columns]
        return sql, processors
