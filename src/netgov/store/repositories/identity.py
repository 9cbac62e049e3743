"""Staff, grants, web sessions and API keys."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from netgov.store.tables import ApiKeyRow, GrantRow, StaffRow, WebSessionRow


class IdentityRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *rows: StaffRow | GrantRow | WebSessionRow | ApiKeyRow) -> None:
        self._session.add_all(rows)
        self._session.flush()

    def staff_by_username(self, username: str, *, lock: bool = False) -> StaffRow | None:
        """``lock``: hold the row until the transaction ends (PostgreSQL; SQLite's write
        transactions exclude each other already), for read-modify-write of its counters."""
        query = select(StaffRow).where(StaffRow.username == username)
        return self._session.scalars(query.with_for_update() if lock else query).one_or_none()

    def staff(self, staff_id: str) -> StaffRow | None:
        return self._session.get(StaffRow, staff_id)

    def all_staff(self) -> Sequence[StaffRow]:
        return self._session.scalars(select(StaffRow).order_by(StaffRow.username)).all()

    def seated_staff(self, office_ids: Sequence[str] | None = None) -> list[tuple[StaffRow, list[GrantRow]]]:
        """Enabled staff seated in an office (in ``office_ids``, or any), each with their grants;
        what routing and the coverage report count as an office's people."""
        query = select(StaffRow).where(StaffRow.office_id.is_not(None), StaffRow.disabled.is_(False))
        if office_ids is not None:
            query = query.where(StaffRow.office_id.in_(office_ids))
        members = self._session.scalars(query.order_by(StaffRow.id)).all()
        grants: dict[str, list[GrantRow]] = {member.id: [] for member in members}
        if members:
            rows = self._session.scalars(select(GrantRow).where(GrantRow.staff_id.in_(list(grants))))
            for grant in rows:
                grants[grant.staff_id].append(grant)
        return [(member, grants[member.id]) for member in members]

    def grants_of(self, staff_id: str) -> Sequence[GrantRow]:
        return self._session.scalars(select(GrantRow).where(GrantRow.staff_id == staff_id).order_by(GrantRow.id)).all()

    def session(self, token_digest: str) -> WebSessionRow | None:
        return self._session.get(WebSessionRow, token_digest)

    def end_session(self, token_digest: str) -> None:
        self._session.execute(delete(WebSessionRow).where(WebSessionRow.token_digest == token_digest))

    def purge_sessions(self, now: datetime) -> int:
        result = self._session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at <= now))
        return int(getattr(result, "rowcount", 0) or 0)

    def api_key(self, lookup: str) -> ApiKeyRow | None:
        return self._session.get(ApiKeyRow, lookup)

    def api_keys(self, platform_id: str | None = None) -> Sequence[ApiKeyRow]:
        query = select(ApiKeyRow).order_by(ApiKeyRow.created_at)
        if platform_id is not None:
            query = query.where(ApiKeyRow.platform_id == platform_id)
        return self._session.scalars(query).all()

    def touch_keys(self, used: dict[str, datetime]) -> None:
        for lookup, at in used.items():
            self._session.execute(update(ApiKeyRow).where(ApiKeyRow.lookup == lookup).values(last_used_at=at))
