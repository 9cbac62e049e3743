"""What each reader sees of appeals: the appellant its status, the platform its appeals, and
regulators and auditors how often each rule and reviewer is overturned.

Neither the public nor the platform is shown who decided or reviewed: the overturn rates,
which name rules and staff, are for those who supervise them (``case.read``).
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from netgov.errors import NotFoundError, PermissionDeniedError
from netgov.governance.appeals import DeciderRate, overturn_rates
from netgov.identity.authorization import Resource, authorize, visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.case_routing import case_resource
from netgov.service.permissions import SYSTEM
from netgov.store.tables import AppealRow
from netgov.store.unit_of_work import UnitOfWork


class PublicAppeal(msgspec.Struct, frozen=True, kw_only=True):
    """An appeal as its appellant follows it."""

    id: str
    status: str
    filed_at: datetime
    decided_at: datetime | None
    outcome_reason: str | None


class AppealView(msgspec.Struct, frozen=True, kw_only=True):
    """An appeal as the platform (and regulators) read it."""

    id: str
    appellant: str
    status: str
    platform_id: str
    content_id: str
    statement_id: str | None
    notice_id: str | None
    notice_seq: int | None
    case_id: str | None
    reason: str
    outcome_reason: str | None
    filed_at: datetime
    decided_at: datetime | None


def public_appeal(row: AppealRow) -> PublicAppeal:
    return PublicAppeal(
        id=row.id,
        status=row.status,
        filed_at=row.filed_at,
        decided_at=row.decided_at,
        outcome_reason=row.outcome_reason,
    )


def appeal_of_statement(uow: UnitOfWork, statement_id: str) -> PublicAppeal | None:
    """The latest appeal against the statement, for its page (whoever holds the token)."""
    row = uow.redress.latest_appeal(statement_id=statement_id)
    return None if row is None else public_appeal(row)


def appeal_of_item(uow: UnitOfWork, notice_id: str, seq: int) -> PublicAppeal | None:
    """The latest appeal of a notifier against the decision on item ``seq`` of the notice, for
    the notice's status page (whoever holds the query code)."""
    row = uow.redress.latest_appeal(item=(notice_id, seq))
    return None if row is None else public_appeal(row)


def appeal_view(row: AppealRow) -> AppealView:
    return AppealView(
        id=row.id,
        appellant=row.appellant,
        status=row.status,
        platform_id=row.platform_id,
        content_id=row.content_id,
        statement_id=row.statement_id,
        notice_id=row.notice_id,
        notice_seq=row.notice_seq,
        case_id=row.case_id,
        reason=row.reason,
        outcome_reason=row.outcome_reason,
        filed_at=row.filed_at,
        decided_at=row.decided_at,
    )


def get_appeal(uow: UnitOfWork, *, actor: Principal, appeal_id: str) -> AppealView:
    """One appeal: for its platform (``appeal.file``) or whoever may read its case."""
    row = uow.redress.appeal(appeal_id)
    if row is None:
        raise NotFoundError(f"no appeal {appeal_id!r}")
    if actor is not SYSTEM and not _may_read(uow, actor, row):
        raise PermissionDeniedError(
            f"{actor.name} may read appeals of platform {row.platform_id} only with appeal.file for it, "
            "or case.read over the office holding its case"
        )
    return appeal_view(row)


def _may_read(uow: UnitOfWork, actor: Principal, row: AppealRow) -> bool:
    if authorize(actor, Activity.APPEAL_FILE, Resource(kind="appeal", id=row.id, platform=row.platform_id)):
        return True
    case = uow.cases.case(row.case_id) if row.case_id else None
    office = uow.places.office(case.office_id) if case else None
    return office is not None and bool(authorize(actor, Activity.CASE_READ, case_resource(office, row.case_id or "")))


def appeal_stats(uow: UnitOfWork, *, actor: Principal) -> list[DeciderRate]:
    """How often each rule and reviewer was overturned on appeal, over the appeals whose case
    lies where the actor may read cases (``case.read``: regulators and auditors)."""
    if actor is SYSTEM:
        return overturn_rates(uow.redress.appeal_tallies(None))
    scope = visible_scope(actor, Activity.CASE_READ)
    if not scope.jurisdictions:
        raise PermissionDeniedError(
            f"{actor.name} holds no role that may {Activity.CASE_READ.value} over a jurisdiction"
        )
    return overturn_rates(uow.redress.appeal_tallies(scope))
