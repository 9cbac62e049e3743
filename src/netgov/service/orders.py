"""Orders to platforms: an office issues them, the platform acknowledges them and reports
the effect given, the office may withdraw them. Each step is audited (``order.issue``,
``order.acknowledge``, ``order.effect``, ``order.withdraw``) in the unit of work that makes
it, and committed here.

Who may do what: issuing and withdrawing need ``order.issue`` over the issuing office's
jurisdiction; acknowledging and reporting need ``order.respond`` for the order's platform
(its API key or its staff). An order's resource is its issuing office's jurisdiction and
its platform, so regulators see their subtree's orders and platforms their own.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from datetime import datetime

import msgspec

from netgov.core.regulation import Regulation
from netgov.errors import ConflictError, InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.governance.orders import (
    EffectReport,
    OrderDraft,
    OrderItem,
    OrderKind,
    OrderStatus,
    RequestedAction,
    check_draft,
    check_effect,
    check_step,
    default_redress,
    issuing_authority,
)
from netgov.identity.authorization import Resource, authorize, visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.audit_trail import Detail, Entry, record
from netgov.service.order_deadlines import note_on_case, office_above, office_calendar
from netgov.service.permissions import SYSTEM, require
from netgov.store.tables import OfficeRow, OrderItemRow, OrderRow
from netgov.store.unit_of_work import UnitOfWork

MAX_DEADLINE_HOURS = 2000.0  # about a year of working hours


class OrderRequest(msgspec.Struct, frozen=True, kw_only=True):
    """An order as an officer asks for it. ``office`` defaults to the officer's seat, the
    territorial scope to the office's jurisdiction, ``redress`` to a sentence naming the
    office and the appeal route; the deadline is ``deadline_at`` or ``deadline_hours``
    working hours on the office's calendar, one of the two."""

    platform: str
    kind: OrderKind
    regulation: str
    article: str
    provisions: tuple[str, ...]
    reasons: str
    items: tuple[OrderItem, ...]
    action_requested: RequestedAction | None = None
    information_requested: str | None = None
    territorial_scope: tuple[str, ...] = ()
    deadline_at: datetime | None = None
    deadline_hours: float | None = None
    redress: str | None = None
    office: str | None = None
    case_id: str | None = None


def order_resource(uow: UnitOfWork, row: OrderRow) -> Resource:
    office = uow.places.office(row.office_id)
    jurisdiction = office.jurisdiction_code if office else None
    return Resource(kind="order", id=row.id, jurisdiction=jurisdiction, platform=row.platform_id)


def issue_order(
    uow: UnitOfWork, *, actor: Principal, request: OrderRequest, regulations: Sequence[Regulation], at: datetime
) -> OrderRow:
    """Issue the order and commit; 403 outside the actor's subtree, 422 naming each bad field."""
    require_issuing_role(actor)
    office = _issuing_office(uow, actor, request.office)
    where = Resource(kind="order", jurisdiction=office.jurisdiction_code, platform=request.platform)
    require(actor, Activity.ORDER_ISSUE, where)
    if uow.places.platform(request.platform) is None:
        raise InvalidRequestError(f"platform: no platform {request.platform!r}")
    _check_case(uow, actor, request)
    draft = _draft(uow, request, office, at)
    live = [code for code in draft.territorial_scope if _live(uow, code)]
    check_draft(
        draft, at=at, issuing_jurisdiction=office.jurisdiction_code, jurisdictions=live, regulations=regulations
    )
    row = _order_row(uow, actor, request, draft, office, at)
    uow.orders.add(row)
    uow.orders.add(
        *(OrderItemRow(order_id=row.id, seq=n, content_id=i.content_id, url=i.url) for n, i in enumerate(draft.items))
    )
    reason = f"{row.kind} order to {row.platform_id} under {row.regulation} Art. {row.article}"
    reason += f", due {row.deadline_at.isoformat()}"
    details: dict[str, Detail] = {"platform": row.platform_id, "office": office.id, "kind": row.kind}
    details |= {"case": row.case_id, "items": len(draft.items)}
    _audit(uow, actor, row, "order.issue", reason, at, details=details)
    note_on_case(uow, row, kind="order_issued", actor=actor.actor, reason=reason, at=at)
    uow.commit()
    return row


def acknowledge_order(uow: UnitOfWork, *, actor: Principal, order_id: str, at: datetime) -> OrderRow:
    """The platform confirms receipt; once only (409 again)."""
    row = _locked(uow, order_id)
    require(actor, Activity.ORDER_RESPOND, order_resource(uow, row))
    if row.acknowledged_at is not None:
        raise _already(row)
    check_step(row.id, OrderStatus(row.status), OrderStatus.ACKNOWLEDGED)
    row.status, row.acknowledged_at, row.acknowledged_by = OrderStatus.ACKNOWLEDGED.value, at, actor.actor
    _audit(uow, actor, row, "order.acknowledge", f"{row.platform_id} acknowledged the order", at)
    uow.commit()
    return row


def report_effect(uow: UnitOfWork, *, actor: Principal, order_id: str, report: EffectReport, at: datetime) -> OrderRow:
    """The platform reports what it did and when, which closes the order."""
    row = _locked(uow, order_id)
    require(actor, Activity.ORDER_RESPOND, order_resource(uow, row))
    current = OrderStatus(row.status)
    if not current.open:
        check_step(row.id, current, OrderStatus.EXECUTED)
    target = check_effect(row.id, OrderKind(row.kind), report, issued_at=row.issued_at, at=at)
    check_step(row.id, current, target)
    row.status, row.effect, row.effect_at = target.value, report.effect.value, report.effect_at
    row.effect_details, row.effect_reported_at, row.effect_reported_by = report.details, at, actor.actor
    reason = f"{row.platform_id} reports {report.effect} at {report.effect_at.isoformat()}"
    _audit(uow, actor, row, "order.effect", reason, at, details={"effect": report.effect.value, "status": target.value})
    kind = "order_not_executed" if target is OrderStatus.NOT_EXECUTED else "order_executed"
    note_on_case(uow, row, kind=kind, actor=actor.actor, reason=reason, at=at)
    uow.commit()
    return row


def withdraw_order(uow: UnitOfWork, *, actor: Principal, order_id: str, reason: str, at: datetime) -> OrderRow:
    """The office takes the order back before the platform has answered it."""
    row = _locked(uow, order_id)
    require(actor, Activity.ORDER_ISSUE, order_resource(uow, row))
    if not reason.strip():
        raise InvalidRequestError("reason: say why the order is withdrawn; the platform is told")
    check_step(row.id, OrderStatus(row.status), OrderStatus.WITHDRAWN)
    row.status, row.withdrawn_at, row.withdrawn_by, row.withdrawal_reason = "withdrawn", at, actor.actor, reason.strip()
    _audit(uow, actor, row, "order.withdraw", reason.strip(), at)
    note_on_case(uow, row, kind="order_withdrawn", actor=actor.actor, reason=reason.strip(), at=at)
    uow.commit()
    return row


def check_order_access(uow: UnitOfWork, *, actor: Principal, order_id: str, activity: Activity) -> None:
    """Refuse an order that does not exist (404) or that ``actor`` may not ``activity`` (403).

    The steps check this again under a lock; edges ask first, before they read a request's
    body, so that who may act on what is answered before what was sent is judged."""
    row = uow.orders.order(order_id)
    if row is None:
        raise NotFoundError(f"no order {order_id!r}")
    require(actor, activity, order_resource(uow, row))


def require_issuing_role(actor: Principal) -> None:
    """Refuse (403) an actor who may issue orders nowhere."""
    # Asked before the body is looked at: a platform, or a reviewer, learns it may not issue
    # orders at all rather than which of its fields would be wrong.
    if actor is not SYSTEM and visible_scope(actor, Activity.ORDER_ISSUE).empty:
        raise PermissionDeniedError(authorize(actor, Activity.ORDER_ISSUE, Resource(kind="order")).reason)


def _issuing_office(uow: UnitOfWork, actor: Principal, office_id: str | None) -> OfficeRow:
    if office_id is None:
        staff = uow.identity.staff_by_username(actor.id) if actor.kind == "staff" else None
        office_id = staff.office_id if staff else None
        if office_id is None:
            raise InvalidRequestError("office: you sit in no office; name the office the order is issued for")
    office = uow.places.office(office_id)
    if office is None:
        raise InvalidRequestError(f"office: no office {office_id!r}")
    return office


def _check_case(uow: UnitOfWork, actor: Principal, request: OrderRequest) -> None:
    if request.case_id is None:
        return
    case = uow.cases.case(request.case_id)
    if case is None:
        raise InvalidRequestError(f"case_id: no case {request.case_id!r}")
    holder = uow.places.office(case.office_id)
    require(
        actor,
        Activity.CASE_READ,
        Resource(kind="case", id=case.id, jurisdiction=holder.jurisdiction_code if holder else None),
    )
    if case.platform_id is not None and case.platform_id != request.platform:
        raise InvalidRequestError(
            f"platform: case {case.id} is about {case.platform_id}'s content, not {request.platform}'s"
        )


def _draft(uow: UnitOfWork, request: OrderRequest, office: OfficeRow, at: datetime) -> OrderDraft:
    jurisdiction = uow.places.jurisdiction(office.jurisdiction_code)
    name = jurisdiction.name if jurisdiction else office.jurisdiction_code
    above = office_above(uow, office)
    redress = request.redress
    if redress is None:
        redress = default_redress(
            office_name=office.name, jurisdiction_name=name, review_office=above.name if above else None
        )
    return OrderDraft(
        kind=request.kind,
        regulation=request.regulation,
        article=request.article,
        provisions=request.provisions,
        reasons=request.reasons,
        items=request.items,
        territorial_scope=tuple(dict.fromkeys(request.territorial_scope or (office.jurisdiction_code,))),
        deadline=_deadline(uow, request, office, at),
        redress=redress,
        action_requested=request.action_requested,
        information_requested=request.information_requested,
    )


def _deadline(uow: UnitOfWork, request: OrderRequest, office: OfficeRow, at: datetime) -> datetime:
    if (request.deadline_at is None) == (request.deadline_hours is None):
        raise InvalidRequestError(
            "deadline_at: give either deadline_at (a time) or deadline_hours (working hours), one of them"
        )
    if request.deadline_at is not None:
        return request.deadline_at
    hours = float(request.deadline_hours or 0)
    if not math.isfinite(hours) or not 0 < hours <= MAX_DEADLINE_HOURS:
        raise InvalidRequestError(
            f"deadline_hours: must be more than 0 and at most {MAX_DEADLINE_HOURS:g} working hours"
        )
    return office_calendar(uow, office).add_working_hours(at, hours)


def _live(uow: UnitOfWork, code: str) -> bool:
    row = uow.places.jurisdiction(code)
    return row is not None and row.retired_at is None


def _order_row(
    uow: UnitOfWork, actor: Principal, request: OrderRequest, draft: OrderDraft, office: OfficeRow, at: datetime
) -> OrderRow:
    jurisdiction = uow.places.jurisdiction(office.jurisdiction_code)
    return OrderRow(
        id=f"ord_{uuid.uuid4().hex}",
        kind=draft.kind.value,
        status=OrderStatus.ISSUED.value,
        office_id=office.id,
        case_id=request.case_id,
        platform_id=request.platform,
        issuing_authority=issuing_authority(
            office.name, jurisdiction.name if jurisdiction else office.jurisdiction_code
        ),
        issued_by=actor.actor,
        regulation=draft.regulation.strip(),
        article=draft.article.strip(),
        provisions=msgspec.json.encode([p.strip() for p in draft.provisions]).decode(),
        reasons=draft.reasons.strip(),
        action_requested=draft.action_requested.value if draft.action_requested else None,
        information_requested=draft.information_requested.strip() if draft.information_requested else None,
        territorial_scope=msgspec.json.encode(list(draft.territorial_scope)).decode(),
        redress=draft.redress.strip(),
        issued_at=at,
        deadline_at=draft.deadline,
    )


def _locked(uow: UnitOfWork, order_id: str) -> OrderRow:
    row = uow.orders.order(order_id, lock=True)
    if row is None:
        raise NotFoundError(f"no order {order_id!r}")
    return row


def _already(row: OrderRow) -> ConflictError:
    when = row.acknowledged_at.isoformat() if row.acknowledged_at else "?"
    return ConflictError(f"order {row.id} was already acknowledged at {when} by {row.acknowledged_by}")


def _audit(
    uow: UnitOfWork,
    actor: Principal,
    row: OrderRow,
    action: str,
    reason: str,
    at: datetime,
    *,
    details: dict[str, Detail] | None = None,
) -> None:
    entry = Entry(actor=actor.actor, action=action, object=f"order:{row.id}", reason=reason, details=details or {})
    record(uow, [entry], at=at)
