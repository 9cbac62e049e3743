"""Notices from the public and trusted flaggers (DSA Art. 16 and 22) and the items they name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from netgov.store.tables.base import Base, UTCDateTime


class NoticeRow(Base):
    __tablename__ = "notices"
    __table_args__ = (
        Index("ix_notices_platform_time", "platform_id", "submitted_at"),
        Index("ix_notices_reporter_time", "reporter_key", "submitted_at"),
        Index("ix_notices_flagger", "flagger_id"),
        Index("ix_notices_time", "submitted_at", "id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    # SHA-256 of the query code: the code is a bearer secret shown once, on the receipt.
    query_code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # "platform" (the hosting service handles it) or "regulator" (routed to an office).
    addressee: Mapped[str] = mapped_column(String(20))
    platform_id: Mapped[str | None] = mapped_column(ForeignKey("platforms.id"))
    # Where the content is said to be illegal: routes a regulator's notice to its office.
    jurisdiction: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(80))
    explanation: Mapped[str] = mapped_column(Text)
    good_faith: Mapped[bool] = mapped_column(Boolean)
    # Personal data, optional (Art. 16(2)(c)); never exported, never shown to the platform's
    # affected account.
    reporter_name: Mapped[str | None] = mapped_column(String(200))
    reporter_email: Mapped[str | None] = mapped_column(String(320))
    # Keyed hash of the reporter (email, else network address): rate limits and the
    # reporter's history (new? accurate?) without keeping who it is in the clear.
    reporter_key: Mapped[str] = mapped_column(String(64))
    flagger_id: Mapped[str | None] = mapped_column(ForeignKey("trusted_flaggers.id"))
    # received, forwarded, in_review, decided
    status: Mapped[str] = mapped_column(String(20))
    # A regulator handed the notice to its platform: from then on the platform sees it too.
    forwarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    forwarded_by: Mapped[str | None] = mapped_column(String(200))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class NoticeItemRow(Base):
    """One exact location a notice names (Art. 16(2)(b)); several per notice."""

    __tablename__ = "notice_items"
    __table_args__ = (
        Index("ix_notice_items_target", "platform_id", "target", "submitted_at"),
        Index("ix_notice_items_account", "platform_id", "account_id", "submitted_at"),
    )

    notice_id: Mapped[str] = mapped_column(ForeignKey("notices.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    url: Mapped[str | None] = mapped_column(String(2000))
    platform_id: Mapped[str | None] = mapped_column(String(64))
    content_id: Mapped[str | None] = mapped_column(String(200))
    account_id: Mapped[str | None] = mapped_column(String(200))
    # What reports on the same content share: the content id, else the normalised URL.
    target: Mapped[str] = mapped_column(String(2000))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    # Flagged as part of a possible brigade: shown to reviewers, never acted on by itself.
    brigade: Mapped[bool] = mapped_column(Boolean, default=False)
    # action_taken, no_action, existing_decision... and its reasons, once decided.
    outcome: Mapped[str | None] = mapped_column(String(40))
    outcome_reason: Mapped[str | None] = mapped_column(Text)
    statement_id: Mapped[str | None] = mapped_column(String(40))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class TrustedFlaggerRow(Base):
    """An organisation an office awarded trusted-flagger status (Art. 22), for a term."""

    __tablename__ = "trusted_flaggers"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    # JSON list of the categories the status covers (its area of expertise).
    expertise: Mapped[str] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(320))
    # SHA-256 of the flagger's submission key: its notices authenticate with it.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    granted_by: Mapped[str] = mapped_column(String(200))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_by: Mapped[str | None] = mapped_column(String(200))
    revocation_reason: Mapped[str | None] = mapped_column(Text)
