"""The new-order form for officers: plain, or opened from a case (``/orders/new?case=ID``)
and then prefilled with the case's platform, content and legal basis, and linked to it.

The form carries the fields as text; ``OrderForm.to_request`` turns them into the service's
``OrderRequest`` and the service checks every one, so a refusal shows the form again with
what was typed and the fields at fault named.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import TypeVar

import msgspec
from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from netgov.errors import InvalidRequestError
from netgov.governance.orders import OrderItem, OrderKind, RequestedAction
from netgov.service.order_views import issue_choices
from netgov.service.orders import OrderRequest, issue_order
from netgov.service.runtime import Runtime
from netgov.store.tables import CaseRow
from netgov.web.csrf import CheckedSessionDep
from netgov.web.rendering import Pages, PagesDep, base_path
from netgov.web.sessions import ConsoleSession, RuntimeDep, SessionDep

router = APIRouter()

FIELD_LIMIT = 20_000
FIELDS = (
    "case_id",
    "office",
    "platform",
    "kind",
    "action_requested",
    "information_requested",
    "items",
    "regulation",
    "article",
    "provisions",
    "reasons",
    "territorial_scope",
    "deadline_hours",
    "deadline_at",
    "redress",
)


class OrderForm(msgspec.Struct, kw_only=True):
    """The form's fields as typed. ``items``: one per line, the content (or account) id and
    optionally its URL after a space; ``provisions``: one per line; ``territorial_scope``:
    codes separated by spaces or commas; ``deadline_at``: a ``datetime-local`` value in UTC."""

    case_id: str = ""
    office: str = ""
    platform: str = ""
    kind: str = OrderKind.ACT.value
    action_requested: str = RequestedAction.REMOVE.value
    information_requested: str = ""
    items: str = ""
    regulation: str = ""
    article: str = ""
    provisions: str = ""
    reasons: str = ""
    territorial_scope: str = ""
    deadline_hours: str = "24"
    deadline_at: str = ""
    redress: str = ""

    @classmethod
    def from_case(cls, case: CaseRow | None, *, office: str) -> OrderForm:
        if case is None:
            return cls(office=office)
        return cls(
            case_id=case.id,
            office=office,
            platform=case.platform_id or "",
            items=case.content_id or "",
            regulation=case.regulation,
            article=case.article,
            provisions=f"{case.regulation} Art. {case.article}",
        )

    def to_request(self) -> OrderRequest:
        kind = _choice(OrderKind, self.kind, "kind")
        return OrderRequest(
            platform=self.platform.strip(),
            kind=kind,
            regulation=self.regulation,
            article=self.article,
            provisions=tuple(line.strip() for line in self.provisions.splitlines() if line.strip()),
            reasons=self.reasons,
            items=tuple(_item(line) for line in self.items.splitlines() if line.strip()),
            action_requested=_choice(RequestedAction, self.action_requested, "action_requested")
            if kind is OrderKind.ACT
            else None,
            information_requested=self.information_requested if kind is OrderKind.INFORMATION else None,
            territorial_scope=tuple(self.territorial_scope.replace(",", " ").split()),
            deadline_at=_moment(self.deadline_at) if self.deadline_at.strip() else None,
            deadline_hours=_hours(self.deadline_hours) if not self.deadline_at.strip() else None,
            redress=self.redress if self.redress.strip() else None,
            office=self.office or None,
            case_id=self.case_id or None,
        )


@router.get("/orders/new", name="order_new")
def new_order_page(request: Request, pages: PagesDep, runtime: RuntimeDep, session: SessionDep) -> Response:
    case_id = request.query_params.get("case", "").strip()
    if len(case_id) > 64 or not case_id.isprintable():
        raise InvalidRequestError("case: not a case id")
    with runtime.uow() as uow:
        choices = issue_choices(uow, session.principal, case_id=case_id or None)
    offered = {office.id for office in choices.offices}
    holder = choices.case.office_id if choices.case and choices.case.office_id in offered else None
    form = OrderForm.from_case(choices.case, office=holder or choices.seat or "")
    return pages.render(request, "order_new.html", session=session, form=form, choices=choices, error=None)


@router.post("/orders", name="order_create")
async def create_order(request: Request, pages: PagesDep, runtime: RuntimeDep, session: CheckedSessionDep) -> Response:
    submitted = await request.form()
    values = {name: submitted.get(name, "") for name in FIELDS}
    form = OrderForm(**{name: value for name, value in values.items() if isinstance(value, str)})
    # The database work runs in the thread pool, as a plain (sync) route's would.
    return await run_in_threadpool(_issue, request, pages, runtime, session, form)


def _issue(request: Request, pages: Pages, runtime: Runtime, session: ConsoleSession, form: OrderForm) -> Response:
    try:
        _check_lengths(form)
        with runtime.uow(write=True) as uow:
            row = issue_order(
                uow,
                actor=session.principal,
                request=form.to_request(),
                regulations=runtime.rulebook.regulations,
                at=runtime.clock(),
            )
    except InvalidRequestError as error:
        with runtime.uow() as uow:
            choices = issue_choices(uow, session.principal, case_id=form.case_id or None)
        return pages.render(
            request, "order_new.html", status=422, session=session, form=form, choices=choices, error=error
        )
    return RedirectResponse(f"{base_path(request)}/orders/{row.id}", status_code=303)


def _check_lengths(form: OrderForm) -> None:
    for name in FIELDS:
        value: str = getattr(form, name)
        if len(value) > FIELD_LIMIT or "\x00" in value:
            raise InvalidRequestError(f"{name}: at most {FIELD_LIMIT} characters, without NUL")


Choice = TypeVar("Choice", OrderKind, RequestedAction)


def _choice(enum: type[Choice], value: str, name: str) -> Choice:
    try:
        return enum(value)
    except ValueError:
        raise InvalidRequestError(f"{name}: choose one of {', '.join(enum)}") from None


def _item(line: str) -> OrderItem:
    content_id, _, url = line.strip().partition(" ")
    return OrderItem(content_id=content_id, url=url.strip() or None)


def _moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip())
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise InvalidRequestError("deadline_at: give a date and time, e.g. 2026-06-03T12:00 (UTC)") from None


def _hours(value: str) -> float:
    try:
        hours = float(value.strip() or "nan")
    except ValueError:
        hours = math.nan
    if not math.isfinite(hours):
        raise InvalidRequestError("deadline_hours: give a number of working hours, or a deadline_at")
    return hours
