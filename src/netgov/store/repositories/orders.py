"""Orders to platforms and the items they name."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from netgov.store.tables import OrderItemRow, OrderRow


class OrderRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *rows: OrderRow | OrderItemRow) -> None:
        self._session.add_all(rows)
        self._session.flush()

    def order(self, order_id: str, *, lock: bool = False) -> OrderRow | None:
        if lock:
            return self._session.scalars(select(OrderRow).where(OrderRow.id == order_id).with_for_update()).first()
        return self._session.get(OrderRow, order_id)

    def items(self, order_id: str) -> Sequence[OrderItemRow]:
        query = select(OrderItemRow).where(OrderItemRow.order_id == order_id).order_by(OrderItemRow.seq)
        return self._session.scalars(query).all()
