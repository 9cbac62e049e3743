"""Enforcement cases, their timeline, referrals to other agencies and deadline policies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from netgov.store.tables.base import Base, UTCDateTime


class CaseRow(Base):
    __tablename__ = "cases"
    __table_args__ = (
        # One case per source item: a held decision opens at most one case, however often
        # the sweep that opens them runs or restarts.
        UniqueConstraint("source", "source_ref"),
        Index("ix_cases_office_state_deadline", "office_id", "state", "deadline_at"),
        Index("ix_cases_assignee_state", "assignee_id", "state"),
        Index("ix_cases_state_deadline", "state", "deadline_at"),
        Index("ix_cases_content", "platform_id", "content_id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    # What started the case within its source: a decision id, a notice id, an order id...
    source_ref: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(20))
    jurisdiction_code: Mapped[str] = mapped_column(ForeignKey("jurisdictions.code"))
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    category: Mapped[str] = mapped_column(String(80))
    severity: Mapped[str] = mapped_column(String(20))
    # Larger first (``netgov.governance.routing.priority``): trusted flaggers, severity, source.
    priority: Mapped[int] = mapped_column(Integer)
    trusted_flagger: Mapped[bool] = mapped_column(Boolean, default=False)
    regulation: Mapped[str] = mapped_column(String(200))
    article: Mapped[str] = mapped_column(String(80))
    rule_id: Mapped[str | None] = mapped_column(String(200))
    platform_id: Mapped[str | None] = mapped_column(String(64))
    content_id: Mapped[str | None] = mapped_column(String(200))
    decision_id: Mapped[str | None] = mapped_column(String(64), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    # Staff ids that may not work the case, space-separated with a space at each end (an
    # appeal recuses whoever took the decision appealed: Art. 20(6), enforced).
    recused: Mapped[str | None] = mapped_column(Text)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when the deadline warning went out, so it goes out once.
    warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # How many times a breach moved the case up the tree.
    escalations: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str | None] = mapped_column(String(40))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CaseEventRow(Base):
    """One line of a case's timeline; the audit log holds the same step, chained."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    # opened, transition, assigned, transferred, taken_over, designated, escalated, warned,
    # referred, referral_updated, order_issued, note
    kind: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    from_office: Mapped[str | None] = mapped_column(String(64))
    to_office: Mapped[str | None] = mapped_column(String(64))
    staff_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text, default="{}")


class ReferralRow(Base):
    """A case passed to another agency (police, data-protection authority...), and where it stands."""

    __tablename__ = "referrals"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    agency: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20))
    # The agency's own reference, once it gives one.
    reference: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DeadlinePolicyRow(Base):
    """Working hours allowed for a (category, source); ``*`` matches any."""

    __tablename__ = "deadline_policies"

    category: Mapped[str] = mapped_column(String(80), primary_key=True)
    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    working_hours: Mapped[float] = mapped_column(Float)
    warn_hours: Mapped[float] = mapped_column(Float)
