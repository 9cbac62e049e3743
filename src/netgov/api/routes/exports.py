"""Bulk exports of statements of reasons, streamed: the DSA Transparency Database's format,
CSV, JSON Lines and Parquet (``statement.export``: platform administrators for their
platform; auditors and administrators for their jurisdictions)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import AfterValidator

from netgov.api.deps import PrincipalDep, RuntimeDep
from netgov.api.schemas.content import as_utc
from netgov.api.schemas.openapi import BEARER, problems
from netgov.service.export_formats import Format
from netgov.service.exports import export_stream, prepare_export

router = APIRouter(prefix="/v1/exports", tags=["statements"])

Moment = Annotated[datetime, AfterValidator(as_utc)]
_BINARY = {"schema": {"type": "string", "format": "binary"}}
_EXPORT: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The export, streamed (`Content-Disposition: attachment`). dsa-tdb and jsonl: "
        "`application/jsonl`; csv: `text/csv`; parquet: `application/vnd.apache.parquet`. A dsa-tdb export "
        "says in `X-Netgov-Statements` how many statements it holds and in `X-Netgov-Outside-EEA` how many "
        "were left out because their measure applies in no EU/EEA state.",
        "content": {"application/jsonl": _BINARY, "text/csv": _BINARY, "application/vnd.apache.parquet": _BINARY},
    },
    **problems(401, 403, 409, 422),
}


@router.get(
    "/statements",
    summary="Export statements of reasons",
    response_class=StreamingResponse,
    responses=_EXPORT,
    openapi_extra={"security": [{BEARER: []}]},
)
def export_statements(
    principal: PrincipalDep,
    runtime: RuntimeDep,
    form: Annotated[Format, Query(alias="format", description="dsa-tdb, csv, jsonl or parquet")],
    since: Annotated[Moment | None, Query(description="Issued at or after (ISO 8601 date or time; UTC)")] = None,
    platform: Annotated[
        str | None, Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$", description="Only this platform")
    ] = None,
) -> StreamingResponse:
    """Every statement you may export issued before now (or since `since`), with its
    decision's columns, as a stream with no row cap. dsa-tdb: one request body of the
    Transparency Database's multi-statement endpoint per line (`{"statements": [...]}`,
    at most 100), every statement checked against its rules before the first byte: one
    that breaks a rule is a 409 naming the statement and the field. No export carries
    account ids, post text or reporters."""
    with runtime.uow() as uow:
        prepared = prepare_export(uow, actor=principal, form=form, platform=platform, since=since, at=runtime.clock())
    headers = {"Content-Disposition": f'attachment; filename="statements{form.suffix}"'}
    if prepared.check is not None:
        headers["X-Netgov-Statements"] = str(prepared.check.exported)
        headers["X-Netgov-Outside-EEA"] = str(prepared.check.outside)
    return StreamingResponse(export_stream(runtime.uow, prepared), media_type=form.media_type, headers=headers)
