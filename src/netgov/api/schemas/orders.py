"""The bodies of the orders API: ``OrderCreate`` (an office issues), ``EffectCreate`` and
``WithdrawalCreate`` (the steps after it), and ``OrderPublic`` / ``OrderList`` (what readers get).

Strings are checked for what the stores cannot keep (NUL, lone surrogates) and times made
aware UTC, so that bad input is a 422 naming the field, never a 500.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from netgov.api.schemas.content import Time
from netgov.api.schemas.storable import NO_NUL, storable
from netgov.governance.orders import (
    MAX_ITEMS,
    Effect,
    EffectReport,
    OrderItem,
    OrderKind,
    OrderStatus,
    RequestedAction,
)
from netgov.service.order_views import OrderView
from netgov.service.orders import MAX_DEADLINE_HOURS, OrderRequest
from netgov.store.tables import OrderRow

Key = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=NO_NUL), AfterValidator(storable)]
Line = Annotated[str, StringConstraints(max_length=200, pattern=NO_NUL), AfterValidator(storable)]
Text = Annotated[str, StringConstraints(max_length=20_000, pattern=NO_NUL), AfterValidator(storable)]
Link = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=NO_NUL), AfterValidator(storable)]


class OrderItemIn(BaseModel):
    """One exact item: the platform's id of the content (Art. 10: of the account), and its URL if known."""

    model_config = ConfigDict(extra="forbid")

    content_id: Key
    url: Link | None = None


class OrderCreate(BaseModel):
    """An order to a platform. Give the deadline as `deadline_at` or as `deadline_hours`
    working hours on the issuing office's calendar, not both."""

    model_config = ConfigDict(extra="forbid")

    platform: Key = Field(description="The platform the order is addressed to")
    kind: OrderKind = Field(description="`act` (Art. 9: act against content) or `information` (Art. 10)")
    regulation: Line = Field(description="The legal basis: the regulation's id, e.g. `MOSR`")
    article: Annotated[str, StringConstraints(max_length=80, pattern=NO_NUL), AfterValidator(storable)] = Field(
        description="The legal basis: the article's number, e.g. `9`"
    )
    provisions: list[Line] = Field(max_length=50, description="The provisions the reasons cite; at least one")
    reasons: Text = Field(description="The statement of reasons")
    items: list[OrderItemIn] = Field(max_length=MAX_ITEMS, description="The exact items; at least one")
    action_requested: RequestedAction | None = Field(default=None, description="For `act` orders: what to do")
    information_requested: Text | None = Field(default=None, description="For `information` orders: what to provide")
    territorial_scope: list[Key] | None = Field(
        default=None, max_length=100, description="Jurisdiction codes; default: the issuing office's jurisdiction"
    )
    deadline_at: Time | None = Field(default=None, description="When the order is due (ISO 8601; UTC if no offset)")
    deadline_hours: float | None = Field(
        default=None, gt=0, le=MAX_DEADLINE_HOURS, description="Or: working hours on the office's calendar"
    )
    redress: Text | None = Field(
        default=None, description="The redress open to the platform; default: names the office and the appeal route"
    )
    office: Key | None = Field(default=None, description="The issuing office; default: the office you sit in")
    case_id: Key | None = Field(default=None, description="The case the order is issued from")

    def to_request(self) -> OrderRequest:
        return OrderRequest(
            platform=self.platform,
            kind=self.kind,
            regulation=self.regulation,
            article=self.article,
            provisions=tuple(self.provisions),
            reasons=self.reasons,
            items=tuple(OrderItem(content_id=item.content_id, url=item.url) for item in self.items),
            action_requested=self.action_requested,
            information_requested=self.information_requested,
            territorial_scope=tuple(self.territorial_scope or ()),
            deadline_at=self.deadline_at,
            deadline_hours=self.deadline_hours,
            redress=self.redress,
            office=self.office,
            case_id=self.case_id,
        )


class EffectCreate(BaseModel):
    """The effect given to an order, and when. `not_executed` needs `effect_details` saying why."""

    model_config = ConfigDict(extra="forbid")

    effect: Effect
    effect_at: Time = Field(description="When the effect was given: not before the order, not in the future")
    effect_details: Text = Field(default="", description="What was done; for `not_executed`, the reasons")

    def to_report(self) -> EffectReport:
        return EffectReport(effect=self.effect, effect_at=self.effect_at, details=self.effect_details)


class WithdrawalCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[
        str, StringConstraints(min_length=1, max_length=2000, pattern=NO_NUL), AfterValidator(storable)
    ] = Field(description="Why the office withdraws the order; the platform sees it")


class OrderItemPublic(BaseModel):
    content_id: str
    url: str | None


class TimelineEntryPublic(BaseModel):
    at: datetime
    step: str = Field(description="issued, acknowledged, reminded, escalated, effect reported or withdrawn")
    actor: str
    detail: str


class OrderSummaryPublic(BaseModel):
    """An order as lists show it."""

    id: str
    kind: OrderKind
    status: OrderStatus
    platform: str
    office: str
    issued_at: datetime
    deadline_at: datetime
    overdue: bool = Field(description="Open and past its deadline")
    acknowledged_at: datetime | None
    reminded_at: datetime | None = Field(description="When the platform was reminded of the deadline")
    escalated_at: datetime | None
    effect: Effect | None
    items: int = Field(description="How many items the order names")
    case_id: str | None

    @classmethod
    def of(cls, row: OrderRow, *, overdue: bool, items: int) -> OrderSummaryPublic:
        return cls(
            id=row.id,
            kind=OrderKind(row.kind),
            status=OrderStatus(row.status),
            platform=row.platform_id,
            office=row.office_id,
            issued_at=row.issued_at,
            deadline_at=row.deadline_at,
            overdue=overdue,
            acknowledged_at=row.acknowledged_at,
            reminded_at=row.reminded_at,
            escalated_at=row.escalated_at,
            effect=None if row.effect is None else Effect(row.effect),
            items=items,
            case_id=row.case_id,
        )


class OrderList(BaseModel):
    orders: list[OrderSummaryPublic]
    total: int = Field(description="Orders matching the filters, across pages")
    limit: int
    offset: int


class LegalBasisPublic(BaseModel):
    regulation: str
    article: str


class OrderPublic(BaseModel):
    """Everything an order says (DSA Art. 9/10), where it stands, and its timeline."""

    id: str
    kind: OrderKind
    status: OrderStatus
    platform: str
    office: str
    issuing_authority: str = Field(description="The issuing office and its jurisdiction")
    issued_by: str
    issued_at: datetime
    case_id: str | None
    legal_basis: LegalBasisPublic
    provisions: list[str]
    reasons: str
    action_requested: RequestedAction | None
    information_requested: str | None
    items: list[OrderItemPublic]
    territorial_scope: list[str]
    deadline_at: datetime
    redress: str
    overdue: bool
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    reminded_at: datetime | None
    escalated_at: datetime | None
    escalated_to: str | None = Field(description="The office an overdue order escalated to")
    effect: Effect | None
    effect_at: datetime | None
    effect_details: str | None
    effect_reported_at: datetime | None
    withdrawn_at: datetime | None
    withdrawal_reason: str | None
    timeline: list[TimelineEntryPublic]

    @classmethod
    def of(cls, view: OrderView) -> OrderPublic:
        row = view.row
        return cls(
            id=row.id,
            kind=OrderKind(row.kind),
            status=OrderStatus(row.status),
            platform=row.platform_id,
            office=row.office_id,
            issuing_authority=row.issuing_authority,
            issued_by=row.issued_by,
            issued_at=row.issued_at,
            case_id=row.case_id,
            legal_basis=LegalBasisPublic(regulation=row.regulation, article=row.article),
            provisions=view.provisions,
            reasons=row.reasons,
            action_requested=None if row.action_requested is None else RequestedAction(row.action_requested),
            information_requested=row.information_requested,
            items=[OrderItemPublic(content_id=item.content_id, url=item.url) for item in view.items],
            territorial_scope=view.territorial_scope,
            deadline_at=row.deadline_at,
            redress=row.redress,
            overdue=view.overdue,
            acknowledged_at=row.acknowledged_at,
            acknowledged_by=row.acknowledged_by,
            reminded_at=row.reminded_at,
            escalated_at=row.escalated_at,
            escalated_to=view.escalated_to,
            effect=None if row.effect is None else Effect(row.effect),
            effect_at=row.effect_at,
            effect_details=row.effect_details,
            effect_reported_at=row.effect_reported_at,
            withdrawn_at=row.withdrawn_at,
            withdrawal_reason=row.withdrawal_reason,
            timeline=[
                TimelineEntryPublic(at=entry.at, step=entry.step, actor=entry.actor, detail=entry.detail)
                for entry in view.timeline
            ],
        )
