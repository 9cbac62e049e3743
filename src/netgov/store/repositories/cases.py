"""Cases, their timeline, referrals and deadline policies."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netgov.store.tables import CaseEventRow, CaseRow, DeadlinePolicyRow, ReferralRow

CLOSED = "closed"


class CaseRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *rows: CaseRow | CaseEventRow | ReferralRow | DeadlinePolicyRow) -> None:
        self._session.add_all(rows)
        self._session.flush()

    def case(self, case_id: str, *, lock: bool = False) -> CaseRow | None:
        """The case; with ``lock`` the row stays locked until the unit of work ends, so two
        officers stepping the same case at once are serialised, not interleaved."""
        if lock:
            return self._session.scalars(select(CaseRow).where(CaseRow.id == case_id).with_for_update()).first()
        return self._session.get(CaseRow, case_id)

    def by_source(self, source: str, source_ref: str) -> CaseRow | None:
        query = select(CaseRow).where(CaseRow.source == source, CaseRow.source_ref == source_ref)
        return self._session.scalars(query).first()

    def events(self, case_id: str) -> Sequence[CaseEventRow]:
        query = select(CaseEventRow).where(CaseEventRow.case_id == case_id).order_by(CaseEventRow.id)
        return self._session.scalars(query).all()

    def referrals(self, case_id: str) -> Sequence[ReferralRow]:
        query = select(ReferralRow).where(ReferralRow.case_id == case_id).order_by(ReferralRow.created_at)
        return self._session.scalars(query).all()

    def referral(self, referral_id: str) -> ReferralRow | None:
        return self._session.get(ReferralRow, referral_id)

    def open_counts_by_assignee(self) -> dict[str, int]:
        """Open (not closed) cases per assigned staff member: the workload routing balances."""
        query = (
            select(CaseRow.assignee_id, func.count())
            .where(CaseRow.state != CLOSED, CaseRow.assignee_id.is_not(None))
            .group_by(CaseRow.assignee_id)
        )
        return {staff_id: count for staff_id, count in self._session.execute(query) if staff_id is not None}

    def open_counts_by_office(self) -> dict[str, int]:
        query = select(CaseRow.office_id, func.count()).where(CaseRow.state != CLOSED).group_by(CaseRow.office_id)
        return dict(self._session.execute(query).tuples().all())

    def deadline_policies(self) -> Sequence[DeadlinePolicyRow]:
        return self._session.scalars(select(DeadlinePolicyRow)).all()

    def deadline_policy(self, category: str, source: str) -> DeadlinePolicyRow | None:
        return self._session.get(DeadlinePolicyRow, (category, source))
