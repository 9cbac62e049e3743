"""Trusted flaggers (DSA Art. 22): offices award and revoke the status; everyone who reads
notices sees each flagger's status and accuracy (the list is public under Art. 22(5))."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from netgov.api.deps import PrincipalDep, RuntimeDep
from netgov.api.schemas.flaggers import FlaggerCreate, FlaggerGranted, FlaggerList, FlaggerPublic, RevocationCreate
from netgov.api.schemas.openapi import BEARER, problems
from netgov.service import flaggers

router = APIRouter(prefix="/v1/trusted-flaggers", tags=["notices"])

FlaggerId = Annotated[
    str,
    Path(pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="A trusted flagger's id, e.g. `tf_5c1e…`", examples=["tf_0"]),
]
_SECURED: dict[str, Any] = {"security": [{BEARER: []}]}


@router.get("", summary="List trusted flaggers", responses=problems(401, 403), openapi_extra=_SECURED)
def list_flaggers(principal: PrincipalDep, runtime: RuntimeDep) -> FlaggerList:
    """Every flagger with its expertise, term, status (active, expired, revoked) and accuracy:
    of its decided notices, the share upheld."""
    with runtime.uow() as uow:
        views = flaggers.list_flaggers(uow, actor=principal, at=runtime.clock())
    return FlaggerList(flaggers=[FlaggerPublic.of(view) for view in views])


@router.post(
    "",
    status_code=201,
    summary="Award the trusted-flagger status",
    responses=problems(401, 403, 422),
    openapi_extra=_SECURED,
)
def grant(body: FlaggerCreate, principal: PrincipalDep, runtime: RuntimeDep, response: Response) -> FlaggerGranted:
    """An office (`flagger.manage` over its jurisdiction: a supervisor or administrator)
    awards the status for the named categories until `expires_at`. The answer carries the
    submission key once; only its hash is kept."""
    with runtime.uow(write=True) as uow:
        granted = flaggers.grant_flagger(
            uow, actor=principal, grant=body.to_grant(), office=body.office, at=runtime.clock()
        )
    response.headers["Location"] = f"/v1/trusted-flaggers/{granted.flagger.row.id}"
    return FlaggerGranted(flagger=FlaggerPublic.of(granted.flagger), key=granted.key)


@router.get("/{flagger_id}", summary="One trusted flagger", responses=problems(401, 403, 404), openapi_extra=_SECURED)
def get_flagger(flagger_id: FlaggerId, principal: PrincipalDep, runtime: RuntimeDep) -> FlaggerPublic:
    with runtime.uow() as uow:
        return FlaggerPublic.of(flaggers.get_flagger(uow, actor=principal, flagger_id=flagger_id, at=runtime.clock()))


@router.post(
    "/{flagger_id}/revoke",
    summary="Revoke the trusted-flagger status",
    responses=problems(401, 403, 404, 409, 422),
    openapi_extra=_SECURED,
)
def revoke(
    flagger_id: FlaggerId, body: RevocationCreate, principal: PrincipalDep, runtime: RuntimeDep
) -> FlaggerPublic:
    """The status ends now; the key is refused from then on (403, with this reason)."""
    with runtime.uow(write=True) as uow:
        view = flaggers.revoke_flagger(
            uow, actor=principal, flagger_id=flagger_id, reason=body.reason, at=runtime.clock()
        )
    return FlaggerPublic.of(view)
