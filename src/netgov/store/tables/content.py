"""Content as received, the engine's decisions about it, and the rulebook versions used."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from netgov.store.tables.base import Base, UTCDateTime


class ContentRow(Base):
    __tablename__ = "contents"
    # The idempotency key of POST /v1/content: one item per platform and content id.
    __table_args__ = (UniqueConstraint("platform_id", "content_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    platform_id: Mapped[str] = mapped_column(ForeignKey("platforms.id"))
    content_id: Mapped[str] = mapped_column(String(200))
    # SHA-256 of the submitted item: a retry with other content under the same id is a conflict.
    digest: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    account_id: Mapped[str | None] = mapped_column(String(200))
    jurisdiction: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The whole item as JSON (msgspec), media bytes dropped: what the engine saw.
    document: Mapped[bytes] = mapped_column(LargeBinary)


class DecisionRow(Base):
    __tablename__ = "decisions"
    __table_args__ = (
        Index("ix_decisions_platform_time", "platform_id", "decided_at"),
        Index("ix_decisions_jurisdiction_time", "jurisdiction", "decided_at"),
        Index("ix_decisions_action_time", "action", "decided_at"),
        Index("ix_decisions_category_time", "category", "decided_at"),
        Index("ix_decisions_time", "decided_at", "id"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    content_pk: Mapped[int] = mapped_column(ForeignKey("contents.pk"), unique=True)
    platform_id: Mapped[str] = mapped_column(String(64))
    content_id: Mapped[str] = mapped_column(String(200))
    # Copied from the content (or the platform's seat) so scope filters need no join.
    jurisdiction: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    category: Mapped[str | None] = mapped_column(String(80))
    rules: Mapped[str] = mapped_column(Text, default="")
    automated: Mapped[bool] = mapped_column(Boolean)
    rulebook_version: Mapped[str] = mapped_column(String(80))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())
    document: Mapped[bytes] = mapped_column(LargeBinary)


class RulebookVersionRow(Base):
    __tablename__ = "rulebook_versions"

    version: Mapped[str] = mapped_column(String(80), primary_key=True)
    first_used_at: Mapped[datetime] = mapped_column(UTCDateTime())
    rules: Mapped[int] = mapped_column(Integer)
    regulations: Mapped[int] = mapped_column(Integer)
    summary: Mapped[bytes] = mapped_column(LargeBinary)
