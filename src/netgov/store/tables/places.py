"""Where things belong: the jurisdiction tree, regulator offices and platforms."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from netgov.store.tables.base import Base, UTCDateTime


class JurisdictionRow(Base):
    __tablename__ = "jurisdictions"

    # Dotted path codes ("ex.north.harbour") make "within this subtree" a prefix test.
    code: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Any depth: "national", "province", "city", "county" by default, any short name beyond.
    level: Mapped[str] = mapped_column(String(40))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("jurisdictions.code"), index=True)
    # A merged, split or abolished node is kept (old cases and decisions still name it) but
    # retired: it takes no new work, and ``jurisdiction_changes`` says what replaced it.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class JurisdictionChangeRow(Base):
    """The history of the tree: every creation, rename, move, split, merge and retirement."""

    __tablename__ = "jurisdiction_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    # JSON: the before and after of the change (old/new name, parent, the codes split into or merged from).
    details: Mapped[str] = mapped_column(Text, default="{}")


class OfficeRow(Base):
    __tablename__ = "offices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    jurisdiction_code: Mapped[str] = mapped_column(ForeignKey("jurisdictions.code"), index=True)
    # The office's working time, which its deadlines count in (``netgov.governance.calendar``).
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    opens: Mapped[str] = mapped_column(String(5), default="09:00", server_default="09:00")
    closes: Mapped[str] = mapped_column(String(5), default="17:00", server_default="17:00")
    # Working weekdays, 0 = Monday, comma-separated.
    weekdays: Mapped[str] = mapped_column(String(20), default="0,1,2,3,4", server_default="0,1,2,3,4")


class HolidayRow(Base):
    """A day off in a jurisdiction; it holds for every office in that subtree."""

    __tablename__ = "holidays"

    jurisdiction_code: Mapped[str] = mapped_column(ForeignKey("jurisdictions.code"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class PlatformRow(Base):
    __tablename__ = "platforms"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    jurisdiction_code: Mapped[str | None] = mapped_column(ForeignKey("jurisdictions.code"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
