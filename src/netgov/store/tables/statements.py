"""Statements of reasons (DSA Art. 17), the strikes they add and the effects platforms carry out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from netgov.store.tables.base import Base, UTCDateTime


class StatementRow(Base):
    """One statement of reasons, for an engine decision or a human one (a case, a notice)."""

    __tablename__ = "statements"
    __table_args__ = (
        Index("ix_statements_platform_time", "platform_id", "issued_at", "id"),
        Index("ix_statements_time", "issued_at", "id"),
        Index("ix_statements_account", "platform_id", "account_id"),
        Index("ix_statements_content", "platform_id", "content_id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    platform_id: Mapped[str] = mapped_column(String(64))
    content_id: Mapped[str] = mapped_column(String(200))
    account_id: Mapped[str | None] = mapped_column(String(200))
    # What it explains: an engine decision, a case's decision, a platform's answer to a notice.
    decision_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    case_id: Mapped[str | None] = mapped_column(String(40), index=True)
    notice_id: Mapped[str | None] = mapped_column(String(40))
    # The rule (engine) or staff member (human) whose decision it is: an overturn counts against it.
    decided_by: Mapped[str] = mapped_column(String(200))
    measure: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(80))
    source: Mapped[str] = mapped_column(String(20))
    automated_detection: Mapped[bool] = mapped_column(Boolean)
    automated_decision: Mapped[str] = mapped_column(String(20))
    jurisdiction: Mapped[str | None] = mapped_column(String(200))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The affected account's capability for the portal page: a random token, not a password.
    access_token: Mapped[str] = mapped_column(String(64), unique=True)
    # active, or reverted once an appeal (or a dispute body) overturned the decision.
    status: Mapped[str] = mapped_column(String(20))
    reverted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The statement as the affected account reads it (msgspec JSON).
    document: Mapped[bytes] = mapped_column(LargeBinary)


class StrikeRow(Base):
    """Weight a restrictive decision adds to the account until it expires or is lifted."""

    __tablename__ = "strikes"
    __table_args__ = (Index("ix_strikes_account", "platform_id", "account_id", "expires_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    platform_id: Mapped[str] = mapped_column(String(64))
    account_id: Mapped[str] = mapped_column(String(200))
    statement_id: Mapped[str | None] = mapped_column(String(40), index=True)
    weight: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lift_reason: Mapped[str | None] = mapped_column(Text)


class PlatformEffectRow(Base):
    """Something a platform must carry out (remove, restore, lift a restriction), in order.

    Platforms read their effects after a sequence number and acknowledge each; nothing is
    deleted, so a platform that lost its place reads again from where it stopped."""

    __tablename__ = "platform_effects"
    __table_args__ = (Index("ix_platform_effects_platform_seq", "platform_id", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(40), unique=True)
    platform_id: Mapped[str] = mapped_column(ForeignKey("platforms.id"))
    # remove, restrict_visibility, suspend_account, restore_content, lift_account_restriction
    kind: Mapped[str] = mapped_column(String(40))
    content_id: Mapped[str | None] = mapped_column(String(200))
    account_id: Mapped[str | None] = mapped_column(String(200))
    statement_id: Mapped[str | None] = mapped_column(String(40))
    case_id: Mapped[str | None] = mapped_column(String(40))
    appeal_id: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by: Mapped[str | None] = mapped_column(String(200))
