"""Cases, their timeline, referrals and deadline policies, and the queries the queue,
the case page and the sweep ask of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

import msgspec
from sqlalchemy import ColumnElement, Select, and_, delete, exists, false, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from netgov.identity.authorization import Scope
from netgov.store.bulk import BulkInsert
from netgov.store.tables import (
    CaseEventRow,
    CaseRow,
    DeadlinePolicyRow,
    DecisionRow,
    OfficeRow,
    OrderRow,
    PlatformRow,
    ReferralRow,
    StaffRow,
)

CLOSED = "closed"
HOLD_ACTION = "hold_for_review"
_S = TypeVar("_S", bound="Select[*tuple[Any, ...]]")
_INSERT_CASES = BulkInsert(CaseRow.metadata.tables[CaseRow.__tablename__])
_INSERT_EVENTS = BulkInsert(CaseEventRow.metadata.tables[CaseEventRow.__tablename__])


class CaseSort(StrEnum):
    """Queue orders: nearest deadline first, highest priority first, or newest first."""

    DEADLINE = "deadline"
    PRIORITY = "priority"
    OPENED = "opened"


class CaseQuery(msgspec.Struct, frozen=True, kw_only=True):
    """A queue filter as the store applies it (staff already resolved to ids)."""

    office: str | None = None
    states: tuple[str, ...] = ()
    assignee_id: str | None = None
    unassigned: bool = False
    category: str | None = None
    source: str | None = None
    # Only cases whose deadline passed before ``now`` (and that are not closed).
    overdue_at: datetime | None = None


class HeldDecision(msgspec.Struct, frozen=True, kw_only=True):
    """What opening a case needs of a held decision (not the whole row: a batch reads hundreds)."""

    id: str
    platform_id: str
    content_id: str
    document: bytes  # the decision as JSON (``netgov.core.decision.decision_from_json``)
    place: str  # the content's jurisdiction, else the platform's seat


class CaseRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *rows: CaseRow | CaseEventRow | ReferralRow | DeadlinePolicyRow) -> None:
        self._session.add_all(rows)
        self._session.flush()

    def add_events(self, lines: Sequence[Mapping[str, object]]) -> None:
        """Insert timeline lines (every column but the id), in order, with one executemany:
        a batch's lines cost one statement, not an ORM flush each."""
        _INSERT_EVENTS.run(self._session.connection(), lines)

    def add_cases_once(self, rows: Sequence[Mapping[str, object]]) -> bool:
        """Insert new cases (every column, as plain values) with one executemany; False, and
        none written, when the unique key on (source, source_ref) refuses one of them: a
        concurrent transaction opened it first, or ``rows`` name it twice."""
        try:
            with self._session.begin_nested():
                _INSERT_CASES.run(self._session.connection(), rows)
        except IntegrityError:
            return False
        return True

    def case(self, case_id: str, *, lock: bool = False) -> CaseRow | None:
        """The case; with ``lock`` the row stays locked until the unit of work ends, so two
        officers stepping the same case at once are serialised, not interleaved."""
        if lock:
            query = (
                select(CaseRow).where(CaseRow.id == case_id).with_for_update().execution_options(populate_existing=True)
            )
            return self._session.scalars(query).first()
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

    def referral(self, referral_id: str, *, lock: bool = False) -> ReferralRow | None:
        if lock:
            query = select(ReferralRow).where(ReferralRow.id == referral_id).with_for_update()
            return self._session.scalars(query.execution_options(populate_existing=True)).first()
        return self._session.get(ReferralRow, referral_id)

    def open_counts_by_assignee(self, staff_ids: Sequence[str] | None = None) -> dict[str, int]:
        """Open (not closed) cases per assigned staff member: the workload routing balances."""
        query = (
            select(CaseRow.assignee_id, func.count())
            .where(CaseRow.state != CLOSED, CaseRow.assignee_id.is_not(None))
            .group_by(CaseRow.assignee_id)
        )
        if staff_ids is not None:
            query = query.where(CaseRow.assignee_id.in_(list(staff_ids)))
        return {staff_id: count for staff_id, count in self._session.execute(query) if staff_id is not None}

    def open_counts_by_office(self) -> dict[str, int]:
        query = select(CaseRow.office_id, func.count()).where(CaseRow.state != CLOSED).group_by(CaseRow.office_id)
        return {office_id: int(count) for office_id, count in self._session.execute(query)}

    def deadline_policies(self) -> Sequence[DeadlinePolicyRow]:
        return self._session.scalars(select(DeadlinePolicyRow)).all()

    def deadline_policy(self, category: str, source: str) -> DeadlinePolicyRow | None:
        return self._session.get(DeadlinePolicyRow, (category, source))

    def remove_deadline_policy(self, category: str, source: str) -> bool:
        result = self._session.execute(
            delete(DeadlinePolicyRow).where(DeadlinePolicyRow.category == category, DeadlinePolicyRow.source == source)
        )
        return bool(getattr(result, "rowcount", 0))

    # --- the queue ---------------------------------------------------------------------------

    def page(self, scope: Scope, where: CaseQuery, *, sort: CaseSort, offset: int, limit: int) -> list[CaseRow]:
        query = _filtered(select(CaseRow), scope, where).order_by(*_ORDER[sort]).offset(offset).limit(limit)
        return list(self._session.scalars(query))

    def count(self, scope: Scope, where: CaseQuery) -> int:
        query = _filtered(select(func.count()).select_from(CaseRow), scope, where)
        return int(self._session.scalar(query) or 0)

    def staff_names(self, staff_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """(username, display name) per staff id."""
        if not staff_ids:
            return {}
        query = select(StaffRow.id, StaffRow.username, StaffRow.display_name).where(StaffRow.id.in_(list(staff_ids)))
        return {row.id: (row.username, row.display_name) for row in self._session.execute(query)}

    def orders_of_case(self, case_id: str) -> list[tuple[str, str]]:
        """(order id, status) of the orders issued in the case, oldest first."""
        query = select(OrderRow.id, OrderRow.status).where(OrderRow.case_id == case_id).order_by(OrderRow.issued_at)
        return [(row.id, row.status) for row in self._session.execute(query)]

    # --- the sweep ---------------------------------------------------------------------------

    def unwarned(self, states: Sequence[str], *, after: datetime, before: datetime, limit: int) -> list[CaseRow]:
        """Cases in ``states`` with no warning yet, due after ``after`` and by ``before``, nearest first."""
        query = (
            select(CaseRow)
            .where(CaseRow.state.in_(list(states)), CaseRow.warned_at.is_(None))
            .where(CaseRow.deadline_at > after, CaseRow.deadline_at <= before)
            .order_by(CaseRow.deadline_at, CaseRow.id)
            .limit(limit)
        )
        return list(self._session.scalars(query))

    def breached(self, states: Sequence[str], *, at: datetime, limit: int) -> list[str]:
        """Ids of cases in ``states`` whose deadline passed before ``at`` and whose breach was
        not yet recorded at the top of the tree (a ``breached`` event since the deadline)."""
        recorded = exists().where(
            CaseEventRow.case_id == CaseRow.id, CaseEventRow.kind == "breached", CaseEventRow.at >= CaseRow.deadline_at
        )
        query = (
            select(CaseRow.id)
            .where(CaseRow.state.in_(list(states)), CaseRow.deadline_at < at, ~recorded)
            .order_by(CaseRow.deadline_at, CaseRow.id)
            .limit(limit)
        )
        return list(self._session.scalars(query))

    def locked(self, case_ids: Sequence[str]) -> list[CaseRow]:
        """The cases, locked until the unit of work ends and read afresh; taken in id order,
        the same for every sweeper, so two never wait on each other in a cycle."""
        if not case_ids:
            return []
        query = (
            select(CaseRow)
            .where(CaseRow.id.in_(list(case_ids)))
            .order_by(CaseRow.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return list(self._session.scalars(query))

    def last_breaches(self, case_ids: Sequence[str]) -> dict[str, datetime]:
        """When a breach at the top of the tree was last recorded, per case that has one."""
        if not case_ids:
            return {}
        query = (
            select(CaseEventRow.case_id, func.max(CaseEventRow.at))
            .where(CaseEventRow.case_id.in_(list(case_ids)), CaseEventRow.kind == "breached")
            .group_by(CaseEventRow.case_id)
        )
        return {case_id: at for case_id, at in self._session.execute(query) if at is not None}

    def held_without_case(self, *, covered: Sequence[str], limit: int) -> list[HeldDecision]:
        """Held decisions no case was opened for, oldest first, each with its place (the
        content's jurisdiction, else the platform's seat); only those placed in ``covered``
        (jurisdictions some office covers), so the ones that cannot be routed never crowd a batch."""
        place = func.coalesce(DecisionRow.jurisdiction, PlatformRow.jurisdiction_code)
        columns = select(DecisionRow.id, DecisionRow.platform_id, DecisionRow.content_id, DecisionRow.document, place)
        query = _held(columns).where(place.in_(list(covered)))
        rows = self._session.execute(query.order_by(DecisionRow.decided_at, DecisionRow.id).limit(limit))
        return [HeldDecision(id=i, platform_id=p, content_id=c, document=d, place=code) for i, p, c, d, code in rows]

    def held_unplaced(self, *, covered: Sequence[str]) -> int:
        """Held decisions without a case that cannot get one: no place, or a place outside ``covered``."""
        place = func.coalesce(DecisionRow.jurisdiction, PlatformRow.jurisdiction_code)
        stuck = or_(place.is_(None), place.not_in(list(covered)))
        return int(self._session.scalar(_held(select(func.count())).where(stuck)) or 0)


def _held(query: _S) -> _S:
    opened = exists().where(CaseRow.source == "hold", CaseRow.source_ref == DecisionRow.id)
    return (
        query.select_from(DecisionRow)
        .outerjoin(PlatformRow, PlatformRow.id == DecisionRow.platform_id)
        .where(DecisionRow.action == HOLD_ACTION, ~opened)
    )


_ORDER: dict[CaseSort, tuple[Any, ...]] = {
    CaseSort.DEADLINE: (CaseRow.deadline_at.is_(None), CaseRow.deadline_at, CaseRow.priority.desc(), CaseRow.id),
    CaseSort.PRIORITY: (CaseRow.priority.desc(), CaseRow.deadline_at.is_(None), CaseRow.deadline_at, CaseRow.id),
    CaseSort.OPENED: (CaseRow.opened_at.desc(), CaseRow.id.desc()),
}


def _filtered(query: Select[Any], scope: Scope, where: CaseQuery) -> Select[Any]:
    query = query.join(OfficeRow, OfficeRow.id == CaseRow.office_id).where(_in_scope(scope))
    conditions: list[ColumnElement[bool]] = []
    if where.office is not None:
        conditions.append(CaseRow.office_id == where.office)
    if where.states:
        conditions.append(CaseRow.state.in_(list(where.states)))
    if where.assignee_id is not None:
        conditions.append(CaseRow.assignee_id == where.assignee_id)
    if where.unassigned:
        conditions.append(CaseRow.assignee_id.is_(None))
    if where.category is not None:
        conditions.append(CaseRow.category == where.category)
    if where.source is not None:
        conditions.append(CaseRow.source == where.source)
    if where.overdue_at is not None:
        conditions += [CaseRow.deadline_at < where.overdue_at, CaseRow.state != CLOSED]
    return query.where(and_(*conditions)) if conditions else query


def _in_scope(scope: Scope) -> ColumnElement[bool]:
    # A case belongs where the office holding it sits (its Resource's jurisdiction).
    parts: list[ColumnElement[bool]] = []
    for code in scope.jurisdictions:
        # Not LIKE: SQLite's LIKE ignores letter case (see the decisions repository).
        subtree = func.substr(OfficeRow.jurisdiction_code, 1, len(code) + 1) == code + "."
        parts += [OfficeRow.jurisdiction_code == code, subtree]
    return or_(*parts) if parts else false()
