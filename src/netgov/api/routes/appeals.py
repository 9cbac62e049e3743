"""Appeals (DSA Art. 20): a platform files one for its account against a statement of
reasons and reads it back; regulators and auditors read how often each rule and reviewer is
overturned. The affected account itself appeals on the portal, with its statement's token.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from netgov.api.deps import PrincipalDep, RuntimeDep
from netgov.api.schemas.appeals import AppealCreate, AppealPublic, AppealStats, DeciderRatePublic
from netgov.api.schemas.openapi import BEARER, problems
from netgov.service import appeal_views
from netgov.service.appeals import ByPlatform, file_appeal

router = APIRouter(prefix="/v1/appeals", tags=["appeals"])

AppealId = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9_.-]{1,40}$", description="An appeal id, e.g. `apl_5c1e…`", examples=["apl_0"])
]
_SECURED: dict[str, Any] = {"security": [{BEARER: []}]}
_LOCATION = {"Location": {"description": "The new appeal's URL", "schema": {"type": "string"}}}


@router.post(
    "",
    status_code=201,
    summary="Appeal a statement of reasons for the account",
    responses={201: {"headers": _LOCATION}, **problems(401, 403, 404, 409, 422)},
    openapi_extra=_SECURED,
)
def create_appeal(body: AppealCreate, principal: PrincipalDep, runtime: RuntimeDep, response: Response) -> AppealPublic:
    """The platform (`appeal.file`, its own statements only) appeals on its account's behalf,
    within the appeal window (409 after it, naming the date it closed; 409 while another
    appeal of the statement is open, naming it). A case opens for a human who did not take
    the decision; the outcome arrives as the appeal's status and, on an overturn, as a
    reverting effect (`GET /v1/effects`)."""
    with runtime.uow(write=True) as uow:
        row = file_appeal(
            uow,
            by=ByPlatform(actor=principal, statement_id=body.statement_id),
            reason=body.reason,
            at=runtime.clock(),
            window_days=runtime.settings.appeal_window_days,
            rulebook=runtime.rulebook,
        )
        uow.commit()
    response.headers["Location"] = f"/v1/appeals/{row.id}"
    return AppealPublic.of(appeal_views.appeal_view(row))


@router.get(
    "/stats",
    summary="Overturn rates per rule and reviewer",
    responses=problems(401, 403),
    openapi_extra=_SECURED,
)
def appeal_stats(principal: PrincipalDep, runtime: RuntimeDep) -> AppealStats:
    """For regulators and auditors (`case.read`): over the appeals whose case lies in your
    jurisdiction, how many each decider's decisions drew, how many were decided, and the
    share overturned. Platforms get 403."""
    with runtime.uow() as uow:
        rates = appeal_views.appeal_stats(uow, actor=principal)
    return AppealStats(deciders=[DeciderRatePublic.of(rate) for rate in rates])


@router.get(
    "/{appeal_id}",
    summary="One appeal",
    responses=problems(401, 403, 404, 422),
    openapi_extra=_SECURED,
)
def get_appeal(appeal_id: AppealId, principal: PrincipalDep, runtime: RuntimeDep) -> AppealPublic:
    """The appeal and where it stands: for its platform, or staff who may read its case."""
    with runtime.uow() as uow:
        view = appeal_views.get_appeal(uow, actor=principal, appeal_id=appeal_id)
    return AppealPublic.of(view)
