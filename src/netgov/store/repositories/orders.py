"""Orders to platforms and the items they name: lookups, scoped and filtered lists, and the
open orders the sweep reminds and escalates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, Select, false, func, or_, select, true
from sqlalchemy.orm import Session

from netgov.governance.orders import OrderStatus
from netgov.identity.authorization import Scope
from netgov.store.tables import OfficeRow, OrderItemRow, OrderRow

OPEN = tuple(status.value for status in OrderStatus if status.open)


class OrderSort(StrEnum):
    NEWEST = "newest"  # issued last first
    DEADLINE = "deadline"  # due first first


class OrderFilter(msgspec.Struct, frozen=True, kw_only=True):
    """Each field narrows the list; None means "any". ``overdue`` is judged at ``at``."""

    platform: str | None = None
    office: str | None = None
    status: str | None = None
    open: bool | None = None
    overdue: bool | None = None
    reminded: bool | None = None
    escalated: bool | None = None


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

    def item_counts(self, order_ids: Sequence[str]) -> dict[str, int]:
        query = (
            select(OrderItemRow.order_id, func.count())
            .where(OrderItemRow.order_id.in_(list(order_ids)))
            .group_by(OrderItemRow.order_id)
        )
        return {order_id: int(count) for order_id, count in self._session.execute(query)}

    def page(
        self, scope: Scope | None, where: OrderFilter, *, at: datetime, sort: OrderSort, limit: int, offset: int = 0
    ) -> Sequence[OrderRow]:
        """One page of the orders in ``scope`` matching ``where``, in ``sort`` order."""
        if sort is OrderSort.DEADLINE:
            order_by: tuple[Any, ...] = (OrderRow.deadline_at, OrderRow.id)
        else:
            order_by = (OrderRow.issued_at.desc(), OrderRow.id.desc())
        query = _filtered(select(OrderRow), scope, where, at).order_by(*order_by).limit(limit).offset(offset)
        return self._session.scalars(query).all()

    def count(self, scope: Scope | None, where: OrderFilter, *, at: datetime) -> int:
        query = _filtered(select(func.count()).select_from(OrderRow), scope, where, at)
        return int(self._session.execute(query).scalar_one())

    def open_due_within(self, at: datetime, lead: timedelta) -> Sequence[OrderRow]:
        """Open, not yet reminded orders whose deadline falls in ``(at, at + lead]``, soonest
        first and locked: the candidates for a reminder (the domain decides which are due).
        Not limited: a short order not yet due must not keep a due one out of a batch."""
        query = select(OrderRow).where(
            OrderRow.status.in_(OPEN),
            OrderRow.reminded_at.is_(None),
            OrderRow.deadline_at > at,
            OrderRow.deadline_at <= at + lead,
        )
        return self._session.scalars(query.order_by(OrderRow.deadline_at).with_for_update()).all()

    def overdue_unescalated(self, at: datetime, *, limit: int) -> Sequence[OrderRow]:
        """Open orders past their deadline that have not escalated yet, the longest overdue first, locked."""
        query = select(OrderRow).where(
            OrderRow.status.in_(OPEN), OrderRow.escalated_at.is_(None), OrderRow.deadline_at < at
        )
        return self._session.scalars(query.order_by(OrderRow.deadline_at).limit(limit).with_for_update()).all()


def _filtered(query: Select[Any], scope: Scope | None, where: OrderFilter, at: datetime) -> Select[Any]:
    query = query.join(OfficeRow, OfficeRow.id == OrderRow.office_id).where(_in_scope(scope))
    for column, value in ((OrderRow.platform_id, where.platform), (OrderRow.office_id, where.office)):
        if value is not None:
            query = query.where(column == value)
    if where.status is not None:
        query = query.where(OrderRow.status == where.status)
    if where.open is not None:
        query = query.where(OrderRow.status.in_(OPEN) if where.open else OrderRow.status.not_in(OPEN))
    if where.overdue is not None:
        overdue = OrderRow.status.in_(OPEN) & (OrderRow.deadline_at < at)
        query = query.where(overdue if where.overdue else ~overdue)
    for moment, wanted in ((OrderRow.reminded_at, where.reminded), (OrderRow.escalated_at, where.escalated)):
        if wanted is not None:
            query = query.where(moment.is_not(None) if wanted else moment.is_(None))
    return query


def _in_scope(scope: Scope | None) -> ColumnElement[bool]:
    """An order belongs to its issuing office's jurisdiction (regulators) and to its platform;
    no scope at all (the operator's) is every order."""
    if scope is None:
        return true()
    parts: list[ColumnElement[bool]] = []
    for code in scope.jurisdictions:
        # Not LIKE, which ignores letter case on SQLite (see the decisions repository).
        subtree = func.substr(OfficeRow.jurisdiction_code, 1, len(code) + 1) == code + "."
        parts += [OfficeRow.jurisdiction_code == code, subtree]
    if scope.platforms:
        parts.append(OrderRow.platform_id.in_(scope.platforms))
    return or_(*parts) if parts else false()
