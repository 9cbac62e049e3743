"""The audit log page: the newest events first, older pages by sequence number."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from netgov.errors import NotFoundError
from netgov.service.audit_admin import latest_checkpoint, recent_events
from netgov.web.rendering import PagesDep
from netgov.web.sessions import RuntimeDep, SessionDep

router = APIRouter()

PAGE_SIZE = 50


@router.get("/audit", name="audit")
def audit_page(
    request: Request,
    pages: PagesDep,
    runtime: RuntimeDep,
    session: SessionDep,
    before: Annotated[int | None, Query(ge=2, le=2**62)] = None,
) -> Response:
    with runtime.uow() as uow:
        events = recent_events(uow, session.principal, before=before, limit=PAGE_SIZE)
        try:
            checkpoint = latest_checkpoint(uow)
        except NotFoundError:
            checkpoint = None
    older = events[-1].seq if events and events[-1].seq > 1 else None
    return pages.render(
        request, "audit.html", session=session, events=events, checkpoint=checkpoint, before=before, older=older
    )
