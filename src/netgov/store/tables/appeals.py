"""Internal complaints (DSA Art. 20) and out-of-court disputes (Art. 21)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from netgov.store.tables.base import Base, UTCDateTime


class AppealRow(Base):
    __tablename__ = "appeals"
    __table_args__ = (Index("ix_appeals_platform_time", "platform_id", "filed_at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    # The affected account appeals a statement; a notifier appeals a decision not to act.
    appellant: Mapped[str] = mapped_column(String(20))
    statement_id: Mapped[str | None] = mapped_column(ForeignKey("statements.id"), index=True)
    notice_id: Mapped[str | None] = mapped_column(ForeignKey("notices.id"), index=True)
    notice_seq: Mapped[int | None] = mapped_column()
    platform_id: Mapped[str] = mapped_column(String(64))
    content_id: Mapped[str] = mapped_column(String(200))
    # Who took the decision appealed ("staff:<id>" or "rule:<id>"): never its reviewer.
    original_decider: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    # filed, upheld, overturned
    status: Mapped[str] = mapped_column(String(20))
    outcome_reason: Mapped[str | None] = mapped_column(Text)
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(200))


class DisputeRow(Base):
    """A dispute referred to a certified out-of-court settlement body, and its outcome."""

    __tablename__ = "disputes"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    appeal_id: Mapped[str | None] = mapped_column(ForeignKey("appeals.id"), index=True)
    statement_id: Mapped[str | None] = mapped_column(ForeignKey("statements.id"), index=True)
    platform_id: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(String(300))
    body_reference: Mapped[str | None] = mapped_column(String(200))
    # Complex disputes get 180 days instead of 90 (Art. 21(4)).
    complex: Mapped[bool] = mapped_column(Boolean, default=False)
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # in_favour_of_recipient, in_favour_of_platform, settled, withdrawn
    outcome: Mapped[str | None] = mapped_column(String(40))
    outcome_details: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recorded_by: Mapped[str] = mapped_column(String(200))
