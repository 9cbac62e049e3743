"""An account's strikes: each restrictive decision's weight, its expiry, and the live total
the engine counts into `account.prior_strikes`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import AfterValidator

from netgov.api.deps import PrincipalDep, RuntimeDep
from netgov.api.schemas.openapi import BEARER, problems
from netgov.api.schemas.storable import storable
from netgov.api.schemas.strikes import StrikeRecordPublic
from netgov.service.strikes import account_strikes

router = APIRouter(prefix="/v1/accounts", tags=["strikes"])

AccountId = Annotated[
    str,
    Path(min_length=1, max_length=200, pattern=r"^[^\x00/]+$", description="The platform's account id"),
    AfterValidator(storable),
]
_SECURED: dict[str, Any] = {"security": [{BEARER: []}]}


@router.get(
    "/{account_id}/strikes",
    summary="An account's strikes",
    responses=problems(401, 403, 422),
    openapi_extra=_SECURED,
)
def strikes(
    account_id: AccountId,
    principal: PrincipalDep,
    runtime: RuntimeDep,
    platform: Annotated[
        str | None, Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$", description="Needed only by staff")
    ] = None,
) -> StrikeRecordPublic:
    """Your platform's account (`decision.read`): every strike newest first, whether it still
    counts, and the live total. An account with none has an empty list."""
    with runtime.uow() as uow:
        record = account_strikes(uow, actor=principal, platform=platform, account_id=account_id, at=runtime.clock())
    return StrikeRecordPublic.of(record)
