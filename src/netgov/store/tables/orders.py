"""Orders from regulator offices to platforms (DSA Art. 9 and 10) and the items they name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from netgov.store.tables.base import Base, UTCDateTime


class OrderRow(Base):
    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_platform_status_deadline", "platform_id", "status", "deadline_at"),
        Index("ix_orders_office_status", "office_id", "status"),
        Index("ix_orders_status_deadline", "status", "deadline_at"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    # "act" (Art. 9: act against illegal content) or "information" (Art. 10: provide information).
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    platform_id: Mapped[str] = mapped_column(ForeignKey("platforms.id"))
    # The issuing authority as the platform must see it: the office's name and its jurisdiction.
    issuing_authority: Mapped[str] = mapped_column(String(300))
    issued_by: Mapped[str] = mapped_column(String(200))
    regulation: Mapped[str] = mapped_column(String(200))
    article: Mapped[str] = mapped_column(String(80))
    # JSON list of the provisions the reasons cite.
    provisions: Mapped[str] = mapped_column(Text)
    reasons: Mapped[str] = mapped_column(Text)
    # For "act": what the platform is to do (remove, disable access, restrict...).
    action_requested: Mapped[str | None] = mapped_column(String(40))
    # For "information": what is asked about whom (the recipients concerned, by platform id).
    information_requested: Mapped[str | None] = mapped_column(Text)
    # JSON list of jurisdiction codes the order applies in.
    territorial_scope: Mapped[str] = mapped_column(Text)
    redress: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by: Mapped[str | None] = mapped_column(String(200))
    # What the platform reports it did, when it did it, and when it told us.
    effect: Mapped[str | None] = mapped_column(String(40))
    effect_details: Mapped[str | None] = mapped_column(Text)
    effect_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    effect_reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    effect_reported_by: Mapped[str | None] = mapped_column(String(200))
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Who withdrew the order and why: the platform is told, and the timeline shows it.
    withdrawn_by: Mapped[str | None] = mapped_column(String(200))
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)


class OrderItemRow(Base):
    """One exact item an order names: the platform's content id and, where known, its URL."""

    __tablename__ = "order_items"

    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    content_id: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(2000))
