"""Orders to platforms (DSA Art. 9 and 10): regulator staff issue and withdraw them with a
session token (``POST /v1/sessions``); platforms list, read, acknowledge them and report the
effect given with their API key (or their staff's session token).

What each caller sees is decided by ``netgov.service.orders``: regulators the orders of
offices in their subtree, platforms their own; another platform's order is a 403 with the
reason, as for decisions.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response

from netgov.api.deps import PrincipalDep, RuntimeDep
from netgov.api.schemas.openapi import BEARER, problems
from netgov.api.schemas.orders import (
    EffectCreate,
    Key,
    OrderCreate,
    OrderList,
    OrderPublic,
    OrderSummaryPublic,
    WithdrawalCreate,
)
from netgov.governance.orders import OrderStatus
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service import order_views, orders
from netgov.store.repositories.orders import OrderFilter, OrderSort

router = APIRouter(prefix="/v1/orders", tags=["orders"])

OrderId = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="An order id, e.g. `ord_5c1e…`", examples=["ord_0"])
]
# The principal is read from the Authorization header by hand (a key or a session token),
# so the operations declare the scheme themselves.
_SECURED: dict[str, Any] = {"security": [{BEARER: []}]}
_LOCATION = {"Location": {"description": "The new order's URL", "schema": {"type": "string"}}}


# The dependencies below answer who may act on what before FastAPI reads the body: a caller
# who may not issue orders, or an order that is not there, is a 403 or a 404 whatever was sent.
async def _issuer(principal: PrincipalDep) -> Principal:
    orders.require_issuing_role(principal)
    return principal


def _checked(activity: Activity) -> Any:
    def check(order_id: OrderId, principal: PrincipalDep, runtime: RuntimeDep) -> Principal:
        with runtime.uow() as uow:
            orders.check_order_access(uow, actor=principal, order_id=order_id, activity=activity)
        return principal

    return Depends(check)


IssuerDep = Annotated[Principal, Depends(_issuer)]
ResponderDep = Annotated[Principal, _checked(Activity.ORDER_RESPOND)]
WithdrawerDep = Annotated[Principal, _checked(Activity.ORDER_ISSUE)]


@router.post(
    "",
    status_code=201,
    summary="Issue an order to a platform",
    responses={201: {"headers": _LOCATION}, **problems(401, 403, 422)},
    openapi_extra=_SECURED,
)
def issue_order(principal: IssuerDep, body: OrderCreate, runtime: RuntimeDep, response: Response) -> OrderPublic:
    """Regulator staff with `order.issue` over the issuing office's jurisdiction. The office
    is the one you sit in unless `office` names another in your subtree; the issuing
    authority is derived from it. Each missing or invalid field is named in the 422."""
    with runtime.uow(write=True) as uow:
        row = orders.issue_order(
            uow,
            actor=principal,
            request=body.to_request(),
            regulations=runtime.rulebook.regulations,
            at=runtime.clock(),
        )
        public = OrderPublic.of(order_views.view_of(uow, row, at=runtime.clock()))
    response.headers["Location"] = f"/v1/orders/{row.id}"
    return public


@router.get(
    "",
    summary="List orders",
    responses=problems(401, 422),
    openapi_extra=_SECURED,
)
def list_orders(
    principal: PrincipalDep,
    runtime: RuntimeDep,
    platform: Annotated[Key | None, Query(description="Only orders to this platform")] = None,
    office: Annotated[Key | None, Query(description="Only orders issued by this office")] = None,
    status: Annotated[OrderStatus | None, Query(description="Only orders in this status")] = None,
    open: Annotated[bool | None, Query(description="Only open (issued or acknowledged) orders, or only closed")] = None,
    overdue: Annotated[bool | None, Query(description="Only orders open past their deadline, or only others")] = None,
    reminded: Annotated[bool | None, Query(description="Only orders whose platform was reminded, or not")] = None,
    escalated: Annotated[bool | None, Query(description="Only orders that escalated, or not")] = None,
    sort: Annotated[OrderSort, Query(description="`newest` issued first, or `deadline`: due first")] = OrderSort.NEWEST,
    limit: Annotated[int, Query(ge=1, le=order_views.MAX_PAGE, description="Orders per page")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Orders to skip")] = 0,
) -> OrderList:
    """The orders you may read: a platform its own, regulators those of offices in their
    subtree. `total` counts every match across pages."""
    where = OrderFilter(
        platform=platform,
        office=office,
        status=None if status is None else status.value,
        open=open,
        overdue=overdue,
        reminded=reminded,
        escalated=escalated,
    )
    with runtime.uow() as uow:
        page = order_views.list_orders(uow, principal, where, sort=sort, limit=limit, offset=offset, at=runtime.clock())
    summaries = [
        OrderSummaryPublic.of(row, overdue=row.id in page.overdue, items=page.item_counts.get(row.id, 0))
        for row in page.rows
    ]
    return OrderList(orders=summaries, total=page.total, limit=limit, offset=offset)


@router.get(
    "/{order_id}",
    summary="One order",
    responses=problems(401, 403, 404, 422),
    openapi_extra=_SECURED,
)
def get_order(order_id: OrderId, principal: PrincipalDep, runtime: RuntimeDep) -> OrderPublic:
    """Every field the order carries (legal basis, reasons, authority, items, territorial
    scope, deadline, redress), where it stands, and its timeline."""
    with runtime.uow() as uow:
        view = order_views.get_order(uow, principal, order_id, at=runtime.clock())
    return OrderPublic.of(view)


@router.post(
    "/{order_id}/acknowledgement",
    summary="Acknowledge receipt of an order",
    responses=problems(401, 403, 404, 409, 422),
    openapi_extra=_SECURED,
)
def acknowledge(order_id: OrderId, principal: ResponderDep, runtime: RuntimeDep) -> OrderPublic:
    """The platform confirms it received the order; once (409 again)."""
    with runtime.uow(write=True) as uow:
        row = orders.acknowledge_order(uow, actor=principal, order_id=order_id, at=runtime.clock())
        return OrderPublic.of(order_views.view_of(uow, row, at=runtime.clock()))


@router.post(
    "/{order_id}/effect",
    summary="Report the effect given to an order",
    responses=problems(401, 403, 404, 409, 422),
    openapi_extra=_SECURED,
)
def report_effect(order_id: OrderId, principal: ResponderDep, body: EffectCreate, runtime: RuntimeDep) -> OrderPublic:
    """What the platform did and when; this closes the order (executed, answered or
    not_executed). Acknowledge the order first (409 otherwise)."""
    with runtime.uow(write=True) as uow:
        row = orders.report_effect(uow, actor=principal, order_id=order_id, report=body.to_report(), at=runtime.clock())
        return OrderPublic.of(order_views.view_of(uow, row, at=runtime.clock()))


@router.post(
    "/{order_id}/withdrawal",
    summary="Withdraw an order",
    responses=problems(401, 403, 404, 409, 422),
    openapi_extra=_SECURED,
)
def withdraw(order_id: OrderId, body: WithdrawalCreate, principal: PrincipalDep, runtime: RuntimeDep) -> OrderPublic:
    """The issuing side takes back an order the platform has not yet answered; the reason is shown to it."""
    with runtime.uow(write=True) as uow:
        row = orders.withdraw_order(uow, actor=principal, order_id=order_id, reason=body.reason, at=runtime.clock())
        return OrderPublic.of(order_views.view_of(uow, row, at=runtime.clock()))
