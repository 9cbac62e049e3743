"""Referrals: passing a case to another agency, and tracking the agency's progress.

Statuses follow ``netgov.governance.referrals.REFERRAL_TRANSITIONS``; every referral and
every status change is a timeline line on the case and an audit event.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from netgov.errors import InvalidRequestError, NotFoundError
from netgov.governance.referrals import ReferralStatus, agency_name, check_referral_step
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.case_routing import case_resource
from netgov.service.case_timeline import found_case, note, reason_given
from netgov.service.permissions import require
from netgov.store.tables import ReferralRow
from netgov.store.unit_of_work import UnitOfWork

REFERENCE_MAX = 200


def refer(uow: UnitOfWork, *, actor: Principal, case_id: str, agency: str, reason: str, at: datetime) -> ReferralRow:
    """Refer the case to ``agency`` (free text; see ``SUGGESTED_AGENCIES``), status ``sent``."""
    case, office = found_case(uow, case_id, lock=True)
    require(actor, Activity.REFERRAL_MANAGE, case_resource(office, case.id))
    why = reason_given(reason, what="a referral")
    name = agency_name(agency)
    referral = ReferralRow(
        id=f"ref_{uuid.uuid4().hex[:26]}",
        case_id=case.id,
        agency=name,
        status=ReferralStatus.SENT.value,
        reference=None,
        reason=why,
        created_by=actor.actor,
        created_at=at,
        updated_at=at,
    )
    uow.cases.add(referral)
    details = json.dumps({"referral": referral.id, "agency": name, "status": referral.status})
    note(uow, case, kind="referred", action="referral.create", actor=actor, reason=why, at=at, details=details)
    return referral


def update_referral(
    uow: UnitOfWork,
    *,
    actor: Principal,
    referral_id: str,
    status: str,
    reference: str | None,
    reason: str,
    at: datetime,
) -> ReferralRow:
    """Move the referral to ``status``, recording the agency's ``reference`` when given."""
    referral = uow.cases.referral(referral_id, lock=True)
    if referral is None:
        raise NotFoundError(f"no referral {referral_id!r}")
    case, office = found_case(uow, referral.case_id, lock=True)
    require(actor, Activity.REFERRAL_MANAGE, case_resource(office, case.id))
    why = reason_given(reason, what="a referral update")
    target = _status(status)
    current = ReferralStatus(referral.status)
    check_referral_step(referral.id, current, target)
    if reference is not None:
        referral.reference = _reference(reference)
    referral.status, referral.updated_at = target.value, at
    details = {"referral": referral.id, "agency": referral.agency, "from": current.value, "to": target.value}
    if referral.reference is not None:
        details["reference"] = referral.reference
    note(
        uow,
        case,
        kind="referral_updated",
        action="referral.update",
        actor=actor,
        reason=why,
        at=at,
        details=json.dumps(details),
    )
    return referral


def _status(text: str) -> ReferralStatus:
    try:
        return ReferralStatus(text)
    except ValueError:
        raise InvalidRequestError(f"status: {text!r} is not one of {', '.join(ReferralStatus)}") from None


def _reference(text: str) -> str:
    value = text.strip()
    if not value or len(value) > REFERENCE_MAX:
        raise InvalidRequestError(f"reference: 1 to {REFERENCE_MAX} characters, not blank")
    return value
