"""Appeals, out-of-court disputes, strikes and the effects feed: lookups, tallies and pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, false, func, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from netgov.identity.authorization import Scope
from netgov.store.tables import (
    AppealRow,
    CaseRow,
    DisputeRow,
    OfficeRow,
    PlatformEffectRow,
    PlatformRow,
    StrikeRow,
)

FILED = "filed"


class RedressRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def appeal(self, appeal_id: str, *, lock: bool = False) -> AppealRow | None:
        query = select(AppealRow).where(AppealRow.id == appeal_id)
        return self._session.scalars(query.with_for_update() if lock else query).first()

    def open_appeal_of_statement(self, statement_id: str) -> str | None:
        query = select(AppealRow.id).where(AppealRow.statement_id == statement_id, AppealRow.status == FILED)
        return self._session.scalars(query.limit(1)).first()

    def open_appeal_of_item(self, notice_id: str, seq: int) -> str | None:
        query = select(AppealRow.id).where(
            AppealRow.notice_id == notice_id, AppealRow.notice_seq == seq, AppealRow.status == FILED
        )
        return self._session.scalars(query.limit(1)).first()

    def latest_appeal(
        self, *, statement_id: str | None = None, item: tuple[str, int] | None = None
    ) -> AppealRow | None:
        """The last appeal filed against a statement or a notice item (notice id, seq)."""
        if statement_id is not None:
            where: ColumnElement[bool] = AppealRow.statement_id == statement_id
        elif item is not None:
            where = and_(AppealRow.notice_id == item[0], AppealRow.notice_seq == item[1])
        else:
            return None
        query = select(AppealRow).where(where).order_by(AppealRow.filed_at.desc(), AppealRow.id.desc())
        return self._session.scalars(query.limit(1)).first()

    def appeal_tallies(self, scope: Scope | None) -> list[tuple[str, str, int]]:
        """(original decider, status, appeals) for the appeals whose case lies in ``scope``
        (None: every appeal)."""
        query = select(AppealRow.original_decider, AppealRow.status, func.count()).group_by(
            AppealRow.original_decider, AppealRow.status
        )
        if scope is not None:
            query = (
                query.join(CaseRow, CaseRow.id == AppealRow.case_id)
                .join(OfficeRow, OfficeRow.id == CaseRow.office_id)
                .where(_within(OfficeRow.jurisdiction_code, scope.jurisdictions))
            )
        return [(decider, status, int(count)) for decider, status, count in self._session.execute(query)]

    def dispute(self, dispute_id: str, *, lock: bool = False) -> DisputeRow | None:
        query = select(DisputeRow).where(DisputeRow.id == dispute_id)
        return self._session.scalars(query.with_for_update() if lock else query).first()

    def disputes(self, scope: Scope | None, *, platform: str | None, limit: int, offset: int) -> Sequence[DisputeRow]:
        """Disputes of the platforms in ``scope`` (None: all), newest first."""
        query = select(DisputeRow).order_by(DisputeRow.filed_at.desc(), DisputeRow.id)
        if scope is not None:
            query = query.join(PlatformRow, PlatformRow.id == DisputeRow.platform_id).where(_platforms_in(scope))
        if platform is not None:
            query = query.where(DisputeRow.platform_id == platform)
        return self._session.scalars(query.offset(offset).limit(limit)).all()

    def live_strikes(self, accounts: Iterable[tuple[str, str]], *, at: datetime) -> dict[tuple[str, str], int]:
        """The weight of the strikes counting at ``at`` for each (platform, account), in one query;
        accounts without any are left out."""
        by_platform: dict[str, set[str]] = {}
        for platform, account in accounts:
            by_platform.setdefault(platform, set()).add(account)
        if not by_platform:
            return {}
        wanted = or_(
            *(
                and_(StrikeRow.platform_id == platform, StrikeRow.account_id.in_(sorted(ids)))
                for platform, ids in by_platform.items()
            )
        )
        query = (
            select(StrikeRow.platform_id, StrikeRow.account_id, func.sum(StrikeRow.weight))
            .where(wanted, StrikeRow.lifted_at.is_(None), StrikeRow.issued_at <= at, StrikeRow.expires_at > at)
            .group_by(StrikeRow.platform_id, StrikeRow.account_id)
        )
        return {(platform, account): int(total) for platform, account, total in self._session.execute(query)}

    def strikes_of(self, platform: str, account: str) -> Sequence[StrikeRow]:
        query = (
            select(StrikeRow)
            .where(StrikeRow.platform_id == platform, StrikeRow.account_id == account)
            .order_by(StrikeRow.issued_at.desc(), StrikeRow.id.desc())
        )
        return self._session.scalars(query).all()

    def lift_strikes(self, statement_id: str, *, at: datetime, reason: str) -> int:
        """Lift every strike the statement added that is not lifted yet; how many were."""
        statement = (
            update(StrikeRow)
            .where(StrikeRow.statement_id == statement_id, StrikeRow.lifted_at.is_(None))
            .values(lifted_at=at, lift_reason=reason)
        )
        return int(self._session.execute(statement).rowcount)  # type: ignore[attr-defined]

    def effects(self, platform: str, *, after: int, limit: int) -> Sequence[PlatformEffectRow]:
        query = (
            select(PlatformEffectRow)
            .where(PlatformEffectRow.platform_id == platform, PlatformEffectRow.seq > after)
            .order_by(PlatformEffectRow.seq)
            .limit(limit)
        )
        return self._session.scalars(query).all()

    def effect(self, effect_id: str, *, lock: bool = False) -> PlatformEffectRow | None:
        query = select(PlatformEffectRow).where(PlatformEffectRow.id == effect_id)
        return self._session.scalars(query.with_for_update() if lock else query).first()


def _within(
    column: InstrumentedAttribute[str] | InstrumentedAttribute[str | None], codes: Sequence[str]
) -> ColumnElement[bool]:
    """``column`` lies in one of the subtrees rooted at ``codes``."""
    parts: list[ColumnElement[bool]] = []
    for code in codes:
        # Not LIKE: SQLite's LIKE ignores letter case (see the decisions repository).
        parts += [column == code, func.substr(column, 1, len(code) + 1) == code + "."]
    return or_(*parts) if parts else false()


def _platforms_in(scope: Scope) -> ColumnElement[bool]:
    """A platform a scope reaches: named in it, seated in one of its subtrees, or seated
    nowhere when the scope is national."""
    parts = [PlatformRow.id.in_(scope.platforms), _within(PlatformRow.jurisdiction_code, scope.jurisdictions)]
    if scope.unplaced:
        parts.append(PlatformRow.jurisdiction_code.is_(None))
    return or_(*parts)
