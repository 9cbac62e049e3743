"""The enforcement network over HTTP: the jurisdiction tree, a node's history, and the
coverage report (``netgov.service.coverage_report``).

The tree and its history are not personal data: any authenticated caller may read them
(platforms need the codes to file content). The coverage report needs ``coverage.read``
and shows the caller's subtrees only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec
from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from netgov.api.deps import PrincipalDep, RuntimeDep
from netgov.api.schemas.openapi import BEARER, problems
from netgov.service.coverage_report import DEFAULT_OVERLOAD_RATIO, network_coverage
from netgov.service.jurisdiction_changes import history

router = APIRouter(prefix="/v1", tags=["network"])

_SECURED: dict[str, Any] = {"security": [{BEARER: []}]}
_CODE_PATTERN = r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$"
Code = Annotated[str, Path(pattern=_CODE_PATTERN, max_length=200, description="A jurisdiction code, e.g. `ex.north`")]


class LevelPublic(BaseModel):
    level: str = Field(description="The level's name, as stored on its jurisdictions")
    jurisdictions: int = Field(ge=0, description="Active jurisdictions at this level")
    with_office: int = Field(ge=0, description="Of those, how many have an office of their own")
    offices: int = Field(ge=0, description="Offices at this level")
    staffed_offices: int = Field(ge=0, description="Of those, how many have at least one seated staff member")


class DestinationPublic(BaseModel):
    office: str
    jurisdiction: str = Field(description="The office's jurisdiction")
    levels_up: int = Field(ge=1, description="How far above the gap the office sits")


class GapPublic(BaseModel):
    jurisdiction: str
    name: str
    level: str
    goes_to: DestinationPublic | None = Field(description="Where its work goes; null: NOT COVERED")


class OfficeLoadPublic(BaseModel):
    office: str
    jurisdiction: str
    staff: int = Field(ge=0, description="Seated staff")
    open_cases: int = Field(ge=0, description="Open cases, assigned or not")
    per_staff: float = Field(ge=0, description="Open cases per seated staff member (0 without staff)")


class CoveragePublic(BaseModel):
    scope: list[str] = Field(description="The subtrees reported on")
    overload_ratio: float
    levels: list[LevelPublic] = Field(description="Shallowest level first")
    gaps: list[GapPublic] = Field(description="Active jurisdictions without an office of their own")
    overloaded: list[OfficeLoadPublic] = Field(description="Offices above the ratio, most loaded first")
    unstaffed: list[OfficeLoadPublic] = Field(description="Offices with nobody seated")
    on_retired_jurisdictions: list[OfficeLoadPublic] = Field(description="Offices to move: they take no new work")


class JurisdictionPublic(BaseModel):
    code: str
    name: str
    level: str
    parent: str | None
    retired_at: datetime | None = Field(description="Set when retired: it takes no new work")


class ChangePublic(BaseModel):
    code: str
    kind: str = Field(description="create, rename, move, split, merge or retire")
    at: datetime
    actor: str
    reason: str
    details: dict[str, Any] = Field(description="`before`, `after` and the `codes` the change touched")


@router.get(
    "/coverage",
    summary="The coverage report of your subtrees",
    responses=problems(401, 403, 404, 422),
    openapi_extra=_SECURED,
)
def get_coverage(
    principal: PrincipalDep,
    runtime: RuntimeDep,
    under: Annotated[str | None, Query(pattern=_CODE_PATTERN, max_length=200, description="Only this subtree")] = None,
    overload_ratio: Annotated[
        float, Query(gt=0, le=1_000_000, description="Open cases per staff member above which an office is overloaded")
    ] = DEFAULT_OVERLOAD_RATIO,
) -> CoveragePublic:
    """Per level, how many jurisdictions have an office and how many offices have staff; the
    jurisdictions without an office and the office their work goes to; overloaded offices;
    offices without staff; offices on retired jurisdictions. Needs `coverage.read`."""
    with runtime.uow() as uow:
        document = network_coverage(uow, actor=principal, under=under, overload_ratio=overload_ratio)
    return CoveragePublic.model_validate(msgspec.to_builtins(document))


@router.get("/jurisdictions", summary="The jurisdiction tree", responses=problems(401), openapi_extra=_SECURED)
def list_jurisdictions(principal: PrincipalDep, runtime: RuntimeDep) -> list[JurisdictionPublic]:
    """Every jurisdiction in code order, retired ones too (marked by `retired_at`)."""
    with runtime.uow() as uow:
        rows = uow.places.jurisdictions()
    return [
        JurisdictionPublic(code=r.code, name=r.name, level=r.level, parent=r.parent_code, retired_at=r.retired_at)
        for r in rows
    ]


@router.get(
    "/jurisdictions/{code}/history",
    summary="The history of a jurisdiction",
    responses=problems(401, 404, 422),
    openapi_extra=_SECURED,
)
def get_history(code: Code, principal: PrincipalDep, runtime: RuntimeDep) -> list[ChangePublic]:
    """Every change the jurisdiction took part in, oldest first."""
    with runtime.uow() as uow:
        entries = history(uow, code=code)
    return [
        ChangePublic(code=e.code, kind=e.kind, at=e.at, actor=e.actor, reason=e.reason, details=dict(e.details))
        for e in entries
    ]
