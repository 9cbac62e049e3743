"""Orders in the console: the list (filters as a GET form, updated in place by HTMX), one
order with its items and timeline, and the forms of the steps the reader may take on it —
Acknowledge and Report the effect for the platform's staff, Withdraw for the office's.

Every step is a CSRF-checked POST that the service decides and audits; the page is then
shown again (post/redirect/get), or, when the service refuses, shown with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

import msgspec
from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from netgov.errors import InvalidRequestError, NotFoundError, ServiceError
from netgov.governance.orders import Effect, EffectReport, OrderStatus
from netgov.service.order_views import actions_for, get_order, list_orders
from netgov.service.orders import acknowledge_order, report_effect, withdraw_order
from netgov.service.runtime import Runtime
from netgov.store.repositories.orders import OrderFilter, OrderSort
from netgov.web.csrf import CheckedSessionDep
from netgov.web.rendering import Pages, PagesDep, base_path, is_htmx
from netgov.web.sessions import ConsoleSession, RuntimeDep, SessionDep

router = APIRouter()

PAGE_SIZE = 50
TEXT_LIMIT = 5000
# Status badges reuse the action ladder's colours: open blue, done green, refused red.
BADGES = {
    "issued": "badge-label",
    "acknowledged": "badge-label",
    "executed": "badge-allow",
    "answered": "badge-allow",
    "not_executed": "badge-remove",
    "withdrawn": "badge-restrict_visibility",
}


class OrderQuery(msgspec.Struct, frozen=True, kw_only=True):
    """The list's filters as typed, empty meaning "any"."""

    status: str = ""
    overdue: str = ""  # "", "yes" or "no"
    platform: str = ""
    sort: str = OrderSort.DEADLINE.value
    offset: int = 0

    def where(self) -> OrderFilter:
        overdue = {"yes": True, "no": False}.get(self.overdue)
        return OrderFilter(status=self.status or None, overdue=overdue, platform=self.platform or None)

    def query_string(self, *, offset: int | None = None) -> str:
        pairs = [
            (name, getattr(self, name)) for name in ("status", "overdue", "platform", "sort") if getattr(self, name)
        ]
        chosen = self.offset if offset is None else offset
        return urlencode([*pairs, *([("offset", str(chosen))] if chosen else [])])


def parse_query(params: Mapping[str, str]) -> OrderQuery:
    values = {name: params.get(name, "").strip() for name in ("status", "overdue", "platform", "sort", "offset")}
    if values["status"] and values["status"] not in {status.value for status in OrderStatus}:
        raise InvalidRequestError(f"status must be one of {', '.join(OrderStatus)}, not {values['status']!r}")
    if values["overdue"] not in ("", "yes", "no"):
        raise InvalidRequestError("overdue must be yes, no or empty")
    if values["sort"] not in ("", *(sort.value for sort in OrderSort)):
        raise InvalidRequestError(f"sort must be one of {', '.join(OrderSort)}")
    if len(values["platform"]) > 200 or not values["platform"].isprintable():
        raise InvalidRequestError("platform must be printable text of at most 200 characters")
    if not (values["offset"] or "0").isdigit() or int(values["offset"] or "0") > 1_000_000:
        raise InvalidRequestError("offset must be a whole number of at most 1,000,000")
    return OrderQuery(
        status=values["status"],
        overdue=values["overdue"],
        platform=values["platform"],
        sort=values["sort"] or OrderSort.DEADLINE.value,
        offset=int(values["offset"] or "0"),
    )


@router.get("/orders", name="orders")
def orders_page(request: Request, pages: PagesDep, runtime: RuntimeDep, session: SessionDep) -> Response:
    query = parse_query(request.query_params)
    with runtime.uow() as uow:
        page = list_orders(
            uow,
            session.principal,
            query.where(),
            sort=OrderSort(query.sort),
            limit=PAGE_SIZE,
            offset=query.offset,
            at=runtime.clock(),
        )
        platforms = [platform.id for platform in uow.places.platforms()]
    headers = {"Vary": "HX-Request, HX-History-Restore-Request"}
    context: dict[str, Any] = {"query": query, "page": page, "badges": BADGES, "page_size": PAGE_SIZE}
    if is_htmx(request):
        canonical = f"{base_path(request)}/orders" + (f"?{query.query_string()}" if query.query_string() else "")
        headers["HX-Push-Url"] = canonical
        return pages.render(request, "_order_results.html", headers=headers, **context)
    statuses = [status.value for status in OrderStatus]
    return pages.render(
        request, "orders.html", headers=headers, session=session, platforms=platforms, statuses=statuses, **context
    )


@router.get("/orders/{order_id}", name="order")
def order_page(request: Request, order_id: str, pages: PagesDep, runtime: RuntimeDep, session: SessionDep) -> Response:
    return _page(request, pages, runtime, session, _checked_id(order_id))


@router.post("/orders/{order_id}/acknowledgement", name="order_acknowledge")
def acknowledge(
    request: Request, order_id: str, pages: PagesDep, runtime: RuntimeDep, session: CheckedSessionDep
) -> Response:
    order_id = _checked_id(order_id)
    try:
        with runtime.uow(write=True) as uow:
            acknowledge_order(uow, actor=session.principal, order_id=order_id, at=runtime.clock())
    except ServiceError as error:
        return _refused(request, pages, runtime, session, order_id, error)
    return _back_to(request, order_id)


@router.post("/orders/{order_id}/effect", name="order_effect")
def effect(
    request: Request,
    order_id: str,
    pages: PagesDep,
    runtime: RuntimeDep,
    session: CheckedSessionDep,
    effect: Annotated[str, Form()] = "",
    effect_at: Annotated[str, Form()] = "",
    effect_details: Annotated[str, Form()] = "",
) -> Response:
    order_id = _checked_id(order_id)
    try:
        report = EffectReport(effect=_effect(effect), effect_at=_moment(effect_at), details=_text(effect_details))
        with runtime.uow(write=True) as uow:
            report_effect(uow, actor=session.principal, order_id=order_id, report=report, at=runtime.clock())
    except ServiceError as error:
        return _refused(request, pages, runtime, session, order_id, error)
    return _back_to(request, order_id)


@router.post("/orders/{order_id}/withdrawal", name="order_withdraw")
def withdraw(
    request: Request,
    order_id: str,
    pages: PagesDep,
    runtime: RuntimeDep,
    session: CheckedSessionDep,
    reason: Annotated[str, Form()] = "",
) -> Response:
    order_id = _checked_id(order_id)
    try:
        with runtime.uow(write=True) as uow:
            withdraw_order(uow, actor=session.principal, order_id=order_id, reason=_text(reason), at=runtime.clock())
    except ServiceError as error:
        return _refused(request, pages, runtime, session, order_id, error)
    return _back_to(request, order_id)


def _page(
    request: Request,
    pages: Pages,
    runtime: Runtime,
    session: ConsoleSession,
    order_id: str,
    *,
    error: ServiceError | None = None,
) -> Response:
    now = runtime.clock()
    with runtime.uow() as uow:
        view = get_order(uow, session.principal, order_id, at=now)
        actions = actions_for(uow, session.principal, view.row)
    return pages.render(
        request,
        "order.html",
        status=error.status if error else 200,
        session=session,
        view=view,
        actions=actions,
        badges=BADGES,
        now=now.strftime("%Y-%m-%dT%H:%M"),
        error=error,
        text_limit=TEXT_LIMIT,
    )


def _refused(
    request: Request, pages: Pages, runtime: Runtime, session: ConsoleSession, order_id: str, error: ServiceError
) -> Response:
    # Not found and not allowed are the error page's; a step the order refuses is shown on it.
    if error.status in (403, 404):
        raise error
    return _page(request, pages, runtime, session, order_id, error=error)


def _back_to(request: Request, order_id: str) -> Response:
    return RedirectResponse(f"{base_path(request)}/orders/{order_id}", status_code=303)


def _checked_id(order_id: str) -> str:
    # Ids are short printable strings; anything else names no order (and NUL would upset PostgreSQL).
    if len(order_id) > 64 or not order_id.isprintable():
        raise NotFoundError(f"no order {order_id[:64]!r}")
    return order_id


def _effect(value: str) -> Effect:
    try:
        return Effect(value)
    except ValueError:
        raise InvalidRequestError(f"effect: choose one of {', '.join(Effect)}") from None


def _moment(value: str) -> datetime:
    """A ``datetime-local`` field's value, read as UTC (the form says so)."""
    try:
        moment = datetime.fromisoformat(value.strip())
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise InvalidRequestError(
            "effect_at: give the date and time the effect was given, e.g. 2026-06-01T11:20"
        ) from None


def _text(value: str) -> str:
    if len(value) > TEXT_LIMIT or "\x00" in value:
        raise InvalidRequestError(f"the text must be at most {TEXT_LIMIT} characters, without NUL")
    return value.strip()
