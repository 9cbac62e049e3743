"""Out-of-court dispute records (DSA Art. 21): referred to a certified body, due in 90 or 180
days, closed with the body's outcome.

    row = record_dispute(uow, actor=moderator, request=DisputeRequest(platform_id="chirp",
                         body="Online Disputes Board", statement_id="sor_…"), at=now)
    record_outcome(uow, actor=moderator, dispute_id=row.id,
                   outcome=DisputeOutcome.IN_FAVOUR_OF_RECIPIENT, details="…", at=later)

Platform staff keep the records of their platform, regulators' supervisors and
administrators those of platforms seated in their jurisdiction (``dispute.manage``). A body
finding for the recipient reverts the decision exactly as an overturned appeal does
(``decision_reverts``): statement reverted, strikes lifted, the reverting effect sent.
"""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from netgov.errors import InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.governance.disputes import DisputeOutcome, deadline, is_overdue, require_open
from netgov.identity.authorization import Resource, visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.audit_trail import Entry, record
from netgov.service.decision_reverts import Reverted, revert_statement
from netgov.service.permissions import SYSTEM, require
from netgov.store.tables import DisputeRow, StatementRow
from netgov.store.unit_of_work import UnitOfWork

MAX_PAGE = 200


class DisputeRequest(msgspec.Struct, frozen=True, kw_only=True):
    platform_id: str
    body: str
    body_reference: str | None = None
    complex: bool = False
    appeal_id: str | None = None
    statement_id: str | None = None
    # When the dispute was filed with the body (its deadline runs from then); default: now.
    filed_at: datetime | None = None


class DisputeView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    platform_id: str
    body: str
    body_reference: str | None
    complex: bool
    appeal_id: str | None
    statement_id: str | None
    filed_at: datetime
    deadline_at: datetime
    overdue: bool
    outcome: str | None
    outcome_details: str | None
    closed_at: datetime | None


def record_dispute(uow: UnitOfWork, *, actor: Principal, request: DisputeRequest, at: datetime) -> DisputeRow:
    _require_manage(uow, actor, request.platform_id)
    body = request.body.strip()
    if not body:
        raise InvalidRequestError("body: name the out-of-court settlement body")
    filed_at = request.filed_at or at
    if filed_at > at:
        raise InvalidRequestError("filed_at: a dispute cannot be filed in the future")
    statement_id = _statement_of(uow, request)
    row = DisputeRow(
        id=f"dsp_{uuid.uuid4().hex[:26]}",
        appeal_id=request.appeal_id,
        statement_id=statement_id,
        platform_id=request.platform_id,
        body=body,
        body_reference=request.body_reference,
        complex=request.complex,
        filed_at=filed_at,
        deadline_at=deadline(filed_at, complex=request.complex),
        recorded_by=actor.actor,
    )
    uow.session.add(row)
    uow.session.flush()
    why = f"dispute with {body} recorded, due {row.deadline_at:%Y-%m-%d}"
    entry = Entry(actor=actor.actor, action="dispute.record", object=f"dispute:{row.id}", reason=why)
    record(uow, [entry], at=at)
    return row


def record_outcome(
    uow: UnitOfWork, *, actor: Principal, dispute_id: str, outcome: DisputeOutcome, details: str, at: datetime
) -> DisputeRow:
    row = uow.redress.dispute(dispute_id, lock=True)
    if row is None:
        raise NotFoundError(f"no dispute {dispute_id!r}")
    _require_manage(uow, actor, row.platform_id)
    require_open(dispute_id=row.id, outcome=row.outcome)
    text = details.strip()
    if not text:
        raise InvalidRequestError("details: say what the body decided and why")
    row.outcome, row.outcome_details, row.closed_at = outcome.value, text, at
    entry = Entry(actor=actor.actor, action="dispute.outcome", object=f"dispute:{row.id}", reason=text)
    record(uow, [entry], at=at)
    statement = uow.session.get(StatementRow, row.statement_id) if row.statement_id else None
    if outcome.reverts and statement is not None:
        why = Reverted(actor=actor.actor, reason=f"{row.body} found for the recipient: {text}", dispute_id=row.id)
        revert_statement(uow, statement=statement, why=why, at=at)
    return row


def list_disputes(
    uow: UnitOfWork, *, actor: Principal, platform: str | None, limit: int, offset: int, at: datetime
) -> list[DisputeView]:
    """The disputes the actor keeps (``dispute.manage``), newest first, each with ``overdue`` as of ``at``."""
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidRequestError(f"limit: between 1 and {MAX_PAGE}, not {limit}")
    scope = None if actor is SYSTEM else visible_scope(actor, Activity.DISPUTE_MANAGE)
    if scope is not None and scope.empty:
        raise PermissionDeniedError(f"{actor.name} holds no role that may {Activity.DISPUTE_MANAGE.value}")
    rows = uow.redress.disputes(scope, platform=platform, limit=limit, offset=max(offset, 0))
    return [dispute_view(row, at=at) for row in rows]


def dispute_view(row: DisputeRow, *, at: datetime) -> DisputeView:
    return DisputeView(
        id=row.id,
        platform_id=row.platform_id,
        body=row.body,
        body_reference=row.body_reference,
        complex=row.complex,
        appeal_id=row.appeal_id,
        statement_id=row.statement_id,
        filed_at=row.filed_at,
        deadline_at=row.deadline_at,
        overdue=is_overdue(deadline_at=row.deadline_at, closed_at=row.closed_at, at=at),
        outcome=row.outcome,
        outcome_details=row.outcome_details,
        closed_at=row.closed_at,
    )


def _require_manage(uow: UnitOfWork, actor: Principal, platform_id: str) -> None:
    platform = uow.places.platform(platform_id)
    if platform is None:
        # Whether a platform exists is told only to whoever could keep its disputes.
        require(actor, Activity.DISPUTE_MANAGE, Resource(kind="dispute", platform=platform_id))
        raise InvalidRequestError(f"platform: no platform {platform_id!r}")
    resource = Resource(kind="dispute", platform=platform.id, jurisdiction=platform.jurisdiction_code)
    require(actor, Activity.DISPUTE_MANAGE, resource)


def _statement_of(uow: UnitOfWork, request: DisputeRequest) -> str | None:
    """The statement the dispute is about: given, or the appealed one; each must be the platform's."""
    statement_id = request.statement_id
    if request.appeal_id is not None:
        appeal = uow.redress.appeal(request.appeal_id)
        if appeal is None or appeal.platform_id != request.platform_id:
            raise InvalidRequestError(f"appeal_id: no appeal {request.appeal_id!r} of platform {request.platform_id}")
        statement_id = statement_id or appeal.statement_id
    if statement_id is not None:
        statement = uow.session.get(StatementRow, statement_id)
        if statement is None or statement.platform_id != request.platform_id:
            raise InvalidRequestError(f"statement_id: no statement {statement_id!r} of platform {request.platform_id}")
    return statement_id
