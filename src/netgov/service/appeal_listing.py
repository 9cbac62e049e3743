"""Appeals as regulators list them: those whose case lies where they may read cases.

    page = list_appeals(uow, actor=supervisor, status=AppealStatus.FILED, limit=50, offset=0)

An appeal belongs where the office holding its case sits, as the case does (``case.read``
over that office's jurisdiction: officers, reviewers, supervisors, auditors). Newest first.
Platforms read their own appeals through the API (``appeal_views.get_appeal``).
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec
from sqlalchemy import ColumnElement, Select, false, func, or_, select

from netgov.errors import InvalidRequestError
from netgov.governance.appeals import AppealStatus
from netgov.identity.authorization import Scope, visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.appeal_views import AppealView, appeal_view
from netgov.service.permissions import SYSTEM
from netgov.store.tables import AppealRow, CaseRow, OfficeRow
from netgov.store.unit_of_work import UnitOfWork

PAGE_MAX = 200
_S = TypeVar("_S", bound="Select[*tuple[Any, ...]]")


class ListedAppeal(msgspec.Struct, frozen=True, kw_only=True):
    appeal: AppealView
    office_id: str
    case_state: str


class AppealList(msgspec.Struct, frozen=True, kw_only=True):
    rows: list[ListedAppeal]
    total: int


def list_appeals(
    uow: UnitOfWork, *, actor: Principal, status: AppealStatus | None, limit: int, offset: int = 0
) -> AppealList:
    """One page of the appeals whose case ``actor`` may read, newest first."""
    if not 1 <= limit <= PAGE_MAX:
        raise InvalidRequestError(f"limit: between 1 and {PAGE_MAX}, not {limit}")
    if offset < 0:
        raise InvalidRequestError(f"offset: zero or more, not {offset}")
    scope = None if actor is SYSTEM else visible_scope(actor, Activity.CASE_READ)
    query = _filtered(select(AppealRow, CaseRow.office_id, CaseRow.state), scope, status)
    query = query.order_by(AppealRow.filed_at.desc(), AppealRow.id.desc()).offset(offset).limit(limit)
    rows = [
        ListedAppeal(appeal=appeal_view(appeal), office_id=office_id, case_state=state)
        for appeal, office_id, state in uow.session.execute(query)
    ]
    total = uow.session.scalar(_filtered(select(func.count(AppealRow.id)), scope, status))
    return AppealList(rows=rows, total=int(total or 0))


def _filtered(query: _S, scope: Scope | None, status: AppealStatus | None) -> _S:
    query = query.join(CaseRow, CaseRow.id == AppealRow.case_id).join(OfficeRow, OfficeRow.id == CaseRow.office_id)
    if scope is not None:
        query = query.where(_within(scope))
    if status is not None:
        query = query.where(AppealRow.status == status.value)
    return query


def _within(scope: Scope) -> ColumnElement[bool]:
    """The office holding the case lies in one of the scope's subtrees."""
    parts: list[ColumnElement[bool]] = []
    for code in scope.jurisdictions:
        # Not LIKE: SQLite's LIKE ignores letter case (see the decisions repository).
        parts += [
            OfficeRow.jurisdiction_code == code,
            func.substr(OfficeRow.jurisdiction_code, 1, len(code) + 1) == code + ".",
        ]
    return or_(*parts) if parts else false()
