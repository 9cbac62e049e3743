"""Reading orders: one order with its items and timeline, scoped and filtered lists, and the
overview's panel (overdue orders for regulators, open orders for platforms).

The timeline is read from the order's own columns, one line per step: issued,
acknowledged, reminded, escalated, effect reported, withdrawn. The audit log holds the same
steps, chained (``order.issue`` … ``order.withdraw`` on ``order:<id>``); the columns make the
timeline one row read instead of a search of the log.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from netgov.errors import InvalidRequestError, NotFoundError
from netgov.governance.orders import OrderKind, OrderStatus, effects_for, is_overdue, reminder_due
from netgov.identity.authorization import Resource, authorize, visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.order_deadlines import office_above
from netgov.service.orders import order_resource, require_issuing_role
from netgov.service.permissions import SYSTEM, require
from netgov.store.repositories.orders import OrderFilter, OrderSort
from netgov.store.tables import CaseRow, OfficeRow, OrderItemRow, OrderRow, PlatformRow
from netgov.store.unit_of_work import UnitOfWork

MAX_PAGE = 500
PANEL_SIZE = 10


class TimelineEntry(msgspec.Struct, frozen=True, kw_only=True):
    at: datetime
    step: str
    actor: str
    detail: str


class OrderView(msgspec.Struct, frozen=True, kw_only=True):
    """An order as its readers see it: the stored row and what is derived from it at ``at``."""

    row: OrderRow
    items: list[OrderItemRow]
    provisions: list[str]
    territorial_scope: list[str]
    office_name: str
    overdue: bool
    reminder_due: bool
    escalated_to: str | None
    timeline: list[TimelineEntry]
    effects: tuple[str, ...]


class OrderPage(msgspec.Struct, frozen=True, kw_only=True):
    rows: list[OrderRow]
    total: int
    item_counts: dict[str, int]
    overdue: set[str]


class OrdersPanel(msgspec.Struct, frozen=True, kw_only=True):
    """The overview's orders: ``audience`` is "regulator" (overdue or escalated orders of the
    reader's offices and those below) or "platform" (the platform's open orders by deadline)."""

    audience: str
    page: OrderPage


def get_order(uow: UnitOfWork, principal: Principal | None, order_id: str, *, at: datetime) -> OrderView:
    row = uow.orders.order(order_id)
    if row is None:
        raise NotFoundError(f"no order {order_id!r}")
    require(principal, Activity.ORDER_READ, order_resource(uow, row))
    return view_of(uow, row, at=at)


def view_of(uow: UnitOfWork, row: OrderRow, *, at: datetime) -> OrderView:
    status = OrderStatus(row.status)
    office = uow.places.office(row.office_id)
    above = office_above(uow, office) if office is not None and row.escalated_at is not None else None
    # The national office has no office above: its overdue orders stay on its own overview.
    escalated_to = above.name if above else None
    return OrderView(
        row=row,
        items=list(uow.orders.items(row.id)),
        provisions=msgspec.json.decode(row.provisions, type=list[str]),
        territorial_scope=msgspec.json.decode(row.territorial_scope, type=list[str]),
        office_name=office.name if office else row.office_id,
        overdue=is_overdue(status, deadline=row.deadline_at, at=at),
        reminder_due=reminder_due(
            status, issued_at=row.issued_at, deadline=row.deadline_at, reminded_at=row.reminded_at, at=at
        ),
        escalated_to=escalated_to,
        timeline=timeline(row, escalated_to=escalated_to),
        effects=tuple(effect.value for effect in effects_for(OrderKind(row.kind))),
    )


def timeline(row: OrderRow, *, escalated_to: str | None) -> list[TimelineEntry]:
    """Every step the order went through, oldest first."""
    steps = [TimelineEntry(at=row.issued_at, step="issued", actor=row.issued_by, detail=_issued(row))]
    if row.acknowledged_at is not None:
        who = row.acknowledged_by or row.platform_id
        steps.append(TimelineEntry(at=row.acknowledged_at, step="acknowledged", actor=who, detail="receipt confirmed"))
    if row.reminded_at is not None:
        detail = f"the platform was reminded of the deadline {row.deadline_at.isoformat()}"
        steps.append(TimelineEntry(at=row.reminded_at, step="reminded", actor=SYSTEM.actor, detail=detail))
    if row.escalated_at is not None:
        detail = f"overdue: escalated to {escalated_to}" if escalated_to else "overdue: no office above to escalate to"
        steps.append(TimelineEntry(at=row.escalated_at, step="escalated", actor=SYSTEM.actor, detail=detail))
    if row.effect_reported_at is not None:
        who = row.effect_reported_by or row.platform_id
        steps.append(TimelineEntry(at=row.effect_reported_at, step="effect reported", actor=who, detail=_effect(row)))
    if row.withdrawn_at is not None:
        who, why = row.withdrawn_by or row.issued_by, row.withdrawal_reason or ""
        steps.append(TimelineEntry(at=row.withdrawn_at, step="withdrawn", actor=who, detail=why))
    return sorted(steps, key=lambda entry: entry.at)


def _issued(row: OrderRow) -> str:
    return f"{row.issuing_authority} issued an {row.kind} order, due {row.deadline_at.isoformat()}"


def _effect(row: OrderRow) -> str:
    given = f"{row.effect} at {row.effect_at.isoformat()}" if row.effect_at else str(row.effect)
    return f"{given}: {row.effect_details}" if row.effect_details else given


def list_orders(
    uow: UnitOfWork,
    principal: Principal | None,
    where: OrderFilter,
    *,
    sort: OrderSort = OrderSort.NEWEST,
    limit: int = 50,
    offset: int = 0,
    at: datetime,
) -> OrderPage:
    """The orders ``principal`` may read that match ``where``: regulators see the orders of
    offices in their subtrees, platforms their own."""
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidRequestError(f"limit: must be between 1 and {MAX_PAGE}")
    if offset < 0:
        raise InvalidRequestError("offset: must be zero or more")
    # The operator at the machine (``SYSTEM``) holds no grants and sees every order.
    scope = None if principal is SYSTEM else visible_scope(principal, Activity.ORDER_READ)
    rows = list(uow.orders.page(scope, where, at=at, sort=sort, limit=limit, offset=offset))
    overdue = {row.id for row in rows if is_overdue(OrderStatus(row.status), deadline=row.deadline_at, at=at)}
    return OrderPage(
        rows=rows,
        total=uow.orders.count(scope, where, at=at),
        item_counts=uow.orders.item_counts([row.id for row in rows]),
        overdue=overdue,
    )


def orders_panel(uow: UnitOfWork, principal: Principal | None, *, at: datetime) -> OrdersPanel | None:
    """What the overview shows of orders, or None for a reader who may read none."""
    scope = visible_scope(principal, Activity.ORDER_READ)
    if scope.empty:
        return None
    audience = "regulator" if scope.jurisdictions else "platform"
    where = OrderFilter(overdue=True) if audience == "regulator" else OrderFilter(open=True)
    page = list_orders(uow, principal, where, sort=OrderSort.DEADLINE, limit=PANEL_SIZE, at=at)
    return OrdersPanel(audience=audience, page=page)


class OrderActions(msgspec.Struct, frozen=True, kw_only=True):
    """The steps ``principal`` may take on an order now: what the console offers."""

    acknowledge: bool
    report_effect: bool
    withdraw: bool


def actions_for(uow: UnitOfWork, principal: Principal, row: OrderRow) -> OrderActions:
    resource = order_resource(uow, row)
    responds = authorize(principal, Activity.ORDER_RESPOND, resource).allowed
    issues = principal is SYSTEM or authorize(principal, Activity.ORDER_ISSUE, resource).allowed
    status = OrderStatus(row.status)
    return OrderActions(
        acknowledge=responds and status is OrderStatus.ISSUED,
        report_effect=responds and status is OrderStatus.ACKNOWLEDGED,
        withdraw=issues and status.open,
    )


class IssueChoices(msgspec.Struct, frozen=True, kw_only=True):
    """What the new-order form offers: the offices ``principal`` may issue for (their seat
    first), the platforms, and the case the order would come from."""

    offices: list[OfficeRow]
    platforms: list[PlatformRow]
    seat: str | None
    case: CaseRow | None


def issue_choices(uow: UnitOfWork, principal: Principal, *, case_id: str | None) -> IssueChoices:
    """403 for whoever may issue no order; 404 for an unknown case, 403 for one out of sight."""
    require_issuing_role(principal)
    offices = [office for office in uow.places.offices() if _may_issue_for(principal, office)]
    staff = uow.identity.staff_by_username(principal.id) if principal.kind == "staff" else None
    seat = staff.office_id if staff else None
    offices.sort(key=lambda office: (office.id != seat, office.jurisdiction_code))
    case = None
    if case_id:
        case = uow.cases.case(case_id)
        if case is None:
            raise NotFoundError(f"no case {case_id!r}")
        holder = uow.places.office(case.office_id)
        where = holder.jurisdiction_code if holder else None
        require(principal, Activity.CASE_READ, Resource(kind="case", id=case.id, jurisdiction=where))
    return IssueChoices(offices=offices, platforms=list(uow.places.platforms()), seat=seat, case=case)


def _may_issue_for(principal: Principal, office: OfficeRow) -> bool:
    resource = Resource(kind="order", jurisdiction=office.jurisdiction_code)
    return principal is SYSTEM or authorize(principal, Activity.ORDER_ISSUE, resource).allowed
