"""Out-of-court disputes (DSA Art. 21): record a dispute referred to a certified body, list
them with their deadlines, and record the body's outcome. Platform staff and keys keep their
own platform's; regulators' supervisors and administrators those of platforms seated in
their jurisdiction (`dispute.manage`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from netgov.api.deps import PrincipalDep, RuntimeDep
from netgov.api.schemas.disputes import DisputeCreate, DisputeList, DisputeOutcomeCreate, DisputePublic
from netgov.api.schemas.openapi import BEARER, problems
from netgov.service import disputes

router = APIRouter(prefix="/v1/disputes", tags=["disputes"])

DisputeId = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9_.-]{1,40}$", description="A dispute id, e.g. `dsp_5c1e…`", examples=["dsp_0"])
]
_SECURED: dict[str, Any] = {"security": [{BEARER: []}]}
_LOCATION = {"Location": {"description": "The new dispute's URL", "schema": {"type": "string"}}}


@router.post(
    "",
    status_code=201,
    summary="Record an out-of-court dispute",
    responses={201: {"headers": _LOCATION}, **problems(401, 403, 422)},
    openapi_extra=_SECURED,
)
def record_dispute(
    body: DisputeCreate, principal: PrincipalDep, runtime: RuntimeDep, response: Response
) -> DisputePublic:
    """The dispute, its body and the statement or appeal it is about; its deadline is 90
    days from filing, 180 when `complex`."""
    at = runtime.clock()
    with runtime.uow(write=True) as uow:
        row = disputes.record_dispute(uow, actor=principal, request=body.to_request(), at=at)
        uow.commit()
    response.headers["Location"] = f"/v1/disputes/{row.id}"
    return DisputePublic.of(disputes.dispute_view(row, at=at))


@router.get("", summary="List disputes", responses=problems(401, 403, 422), openapi_extra=_SECURED)
def list_disputes(
    principal: PrincipalDep,
    runtime: RuntimeDep,
    platform: Annotated[
        str | None, Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$", description="Only this platform's")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=disputes.MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> DisputeList:
    """The disputes you keep, newest first, each with its deadline and whether it is overdue now."""
    at = runtime.clock()
    with runtime.uow() as uow:
        views = disputes.list_disputes(uow, actor=principal, platform=platform, limit=limit, offset=offset, at=at)
    return DisputeList(disputes=[DisputePublic.of(view) for view in views], limit=limit, offset=offset)


@router.post(
    "/{dispute_id}/outcome",
    summary="Record the body's outcome",
    responses=problems(401, 403, 404, 409, 422),
    openapi_extra=_SECURED,
)
def record_outcome(
    dispute_id: DisputeId, body: DisputeOutcomeCreate, principal: PrincipalDep, runtime: RuntimeDep
) -> DisputePublic:
    """Once (409 again). `in_favour_of_recipient` reverts the decision disputed as an
    overturned appeal does: the statement is reverted, its strikes lifted, and the platform
    receives the reverting effect."""
    at = runtime.clock()
    with runtime.uow(write=True) as uow:
        row = disputes.record_outcome(
            uow, actor=principal, dispute_id=dispute_id, outcome=body.outcome, details=body.details, at=at
        )
        uow.commit()
    return DisputePublic.of(disputes.dispute_view(row, at=at))
