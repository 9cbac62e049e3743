"""Effects: what a platform must carry out (remove, restore, lift a restriction), in order.

A platform reads its own effects after the last sequence number it saw and acknowledges
each one it carried out. Nothing is deleted, so a platform that lost its place reads again
from an earlier number; acknowledging twice answers the first acknowledgement.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from netgov.api.deps import PrincipalDep, RuntimeDep
from netgov.api.schemas.effects import EffectList, EffectPublic
from netgov.api.schemas.openapi import BEARER, problems
from netgov.service import platform_effects

router = APIRouter(prefix="/v1/effects", tags=["effects"])

EffectId = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9_.-]{1,40}$", description="An effect id, e.g. `eff_5c1e…`", examples=["eff_0"])
]
_SECURED: dict[str, Any] = {"security": [{BEARER: []}]}


@router.get(
    "", summary="Read the platform's effects in order", responses=problems(401, 403, 422), openapi_extra=_SECURED
)
def list_effects(
    principal: PrincipalDep,
    runtime: RuntimeDep,
    after: Annotated[int, Query(ge=0, le=2**62, description="Only effects with a larger `seq`")] = 0,
    limit: Annotated[int, Query(ge=1, le=platform_effects.MAX_PAGE, description="Effects per page")] = 100,
    platform: Annotated[
        str | None,
        Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$", description="Needed only by staff of several"),
    ] = None,
) -> EffectList:
    """Your platform's effects (`effect.receive`), oldest first, each with the content,
    account, statement, appeal or case it comes from and whether you acknowledged it.
    Another platform's effects are a 403."""
    with runtime.uow() as uow:
        page = platform_effects.list_effects(uow, actor=principal, platform=platform, after=after, limit=limit)
    return EffectList(
        platform=page.platform, effects=[EffectPublic.of(row) for row in page.effects], next_after=page.next_after
    )


@router.post(
    "/{effect_id}/ack",
    summary="Acknowledge an effect as carried out",
    responses=problems(401, 403, 404, 422),
    openapi_extra=_SECURED,
)
def acknowledge(effect_id: EffectId, principal: PrincipalDep, runtime: RuntimeDep) -> EffectPublic:
    """Record that the platform carried the effect out, with when and by whom (audited).
    Idempotent: acknowledging again answers the first acknowledgement unchanged."""
    with runtime.uow(write=True) as uow:
        row = platform_effects.acknowledge_effect(uow, actor=principal, effect_id=effect_id, at=runtime.clock())
        uow.commit()
        return EffectPublic.of(row)
