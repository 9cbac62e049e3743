"""Jurisdictions (with their history), offices, holidays and platforms."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from netgov.store.tables import HolidayRow, JurisdictionChangeRow, JurisdictionRow, OfficeRow, PlatformRow

Place = JurisdictionRow | JurisdictionChangeRow | OfficeRow | PlatformRow | HolidayRow


class PlaceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *rows: Place) -> None:
        self._session.add_all(rows)
        self._session.flush()

    def jurisdictions(self) -> Sequence[JurisdictionRow]:
        """Every jurisdiction, retired ones too (old cases and decisions still name them)."""
        return self._session.scalars(select(JurisdictionRow).order_by(JurisdictionRow.code)).all()

    def active_jurisdictions(self) -> Sequence[JurisdictionRow]:
        """The jurisdictions that take new work: the tree routing and coverage run on."""
        query = select(JurisdictionRow).where(JurisdictionRow.retired_at.is_(None)).order_by(JurisdictionRow.code)
        return self._session.scalars(query).all()

    def jurisdiction(self, code: str) -> JurisdictionRow | None:
        return self._session.get(JurisdictionRow, code)

    def active_children(self, code: str) -> Sequence[JurisdictionRow]:
        query = select(JurisdictionRow).where(JurisdictionRow.parent_code == code, JurisdictionRow.retired_at.is_(None))
        return self._session.scalars(query.order_by(JurisdictionRow.code)).all()

    def subtree(self, code: str) -> Sequence[JurisdictionRow]:
        """``code`` and every node below it, retired or not, parents before children."""
        query = select(JurisdictionRow).where(
            (JurisdictionRow.code == code) | JurisdictionRow.code.startswith(code + ".", autoescape=True)
        )
        return sorted(self._session.scalars(query).all(), key=lambda row: (row.code.count("."), row.code))

    def changes(self, code: str) -> Sequence[JurisdictionChangeRow]:
        """The history of one code, oldest first: its creation and every change it took part in."""
        query = select(JurisdictionChangeRow).where(JurisdictionChangeRow.code == code)
        return self._session.scalars(query.order_by(JurisdictionChangeRow.id)).all()

    def offices_in(self, codes: Sequence[str]) -> Sequence[OfficeRow]:
        query = select(OfficeRow).where(OfficeRow.jurisdiction_code.in_(list(codes))).order_by(OfficeRow.id)
        return self._session.scalars(query).all()

    def holiday(self, code: str, day: date) -> HolidayRow | None:
        return self._session.get(HolidayRow, (code, day))

    def all_holidays(self) -> Sequence[HolidayRow]:
        query = select(HolidayRow).order_by(HolidayRow.jurisdiction_code, HolidayRow.day)
        return self._session.scalars(query).all()

    def offices(self) -> Sequence[OfficeRow]:
        return self._session.scalars(select(OfficeRow).order_by(OfficeRow.jurisdiction_code)).all()

    def office(self, office_id: str) -> OfficeRow | None:
        return self._session.get(OfficeRow, office_id)

    def platforms(self) -> Sequence[PlatformRow]:
        return self._session.scalars(select(PlatformRow).order_by(PlatformRow.id)).all()

    def platform(self, platform_id: str) -> PlatformRow | None:
        return self._session.get(PlatformRow, platform_id)

    def holidays(self, codes: Sequence[str]) -> Sequence[HolidayRow]:
        """The holidays of these jurisdictions (pass a node and its ancestors for an office's)."""
        query = select(HolidayRow).where(HolidayRow.jurisdiction_code.in_(list(codes))).order_by(HolidayRow.day)
        return self._session.scalars(query).all()
