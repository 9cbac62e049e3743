"""Jurisdictions, offices and platforms."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from netgov.store.tables import HolidayRow, JurisdictionRow, OfficeRow, PlatformRow


class PlaceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *rows: JurisdictionRow | OfficeRow | PlatformRow | HolidayRow) -> None:
        self._session.add_all(rows)
        self._session.flush()

    def jurisdictions(self) -> Sequence[JurisdictionRow]:
        return self._session.scalars(select(JurisdictionRow).order_by(JurisdictionRow.code)).all()

    def jurisdiction(self, code: str) -> JurisdictionRow | None:
        return self._session.get(JurisdictionRow, code)

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
