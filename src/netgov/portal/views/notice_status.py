"""Following a notice by its query code: ``GET /portal/notices/status?code=…``.

Without a code the page asks for one. With one it shows each item's status and, once
decided, the outcome with its reasons; an item decided ``no_action`` offers the form that
appeals the decision (Art. 20(1)), posted to ``/portal/appeals``. An unknown or malformed
code gets the same answer (404, the form again), and lookups are limited per address.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from netgov.errors import NotFoundError
from netgov.portal.forms import form_token, remember_token
from netgov.portal.rendering import PortalPagesDep
from netgov.service.notice_views import notice_status
from netgov.service.runtime import Runtime

router = APIRouter()

CODE_LIMIT = 64


@router.get("/notices/status", name="portal_notice_status")
def status_page(request: Request, pages: PortalPagesDep) -> Response:
    runtime: Runtime = request.app.state.runtime
    code = request.query_params.get("code", "").strip()
    if not code:
        return pages.render(
            request, "portal_status.html", status=200, code="", notice=None, missing=False, csrf_token=""
        )
    address = request.client.host if request.client is not None else "unknown"
    runtime.notice_gate.admit_lookup(address, at=runtime.clock())
    try:
        with runtime.uow() as uow:
            notice = notice_status(uow, code[:CODE_LIMIT])
    except NotFoundError:
        shown = code[:CODE_LIMIT]
        return pages.render(
            request, "portal_status.html", status=404, code=shown, notice=None, missing=True, csrf_token=""
        )
    token = form_token(request)
    response = pages.render(
        request, "portal_status.html", code=code[:CODE_LIMIT], notice=notice, missing=False, csrf_token=token
    )
    return remember_token(response, request, token, secure=runtime.settings.cookie_secure)
