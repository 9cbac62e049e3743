"""The statement of reasons as the affected account reads it: ``GET /portal/statements/{id}?token=…``.

The platform hands the account this link (``portal_url`` of ``GET /v1/statements``). The
page says what was done, its scope and duration, the facts, whether it came from a notice
or the platform's own initiative, whether detection and decision were automated, the legal
basis with the article's text, how to appeal and until when, and where the decision stands
(active or reverted, and the appeal's outcome). While the decision can be appealed it
carries the appeal form, posted to ``/portal/appeals``. A wrong or missing token is the
same 404 as an unknown id.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from netgov.core.decision import Automation, Source
from netgov.governance.appeals import AppealStatus
from netgov.portal.forms import form_token, remember_token
from netgov.portal.rendering import PortalPagesDep
from netgov.service.public_statements import statement_for_account
from netgov.service.runtime import Runtime

router = APIRouter()

_LIMIT = 200

SOURCES = {
    Source.NOTICE: "a notice from someone who reported it",
    Source.TRUSTED_FLAGGER: "a notice from a trusted flagger",
    Source.OWN_INITIATIVE: "the platform's own initiative",
    Source.AUTHORITY_ORDER: "an order from an authority",
}
AUTOMATION = {
    Automation.FULLY: "taken by automated means",
    Automation.PARTIALLY: "taken partly by automated means",
    Automation.NOT_AUTOMATED: "taken by a person",
}
OUTCOMES = {
    AppealStatus.FILED: "being reviewed",
    AppealStatus.UPHELD: "rejected, the decision stands",
    AppealStatus.OVERTURNED: "accepted, the decision was overturned",
    AppealStatus.CLOSED: "closed without a decision",
}


@router.get("/statements/{statement_id}", name="portal_statement")
def statement_page(statement_id: str, request: Request, pages: PortalPagesDep) -> Response:
    runtime: Runtime = request.app.state.runtime
    token = request.query_params.get("token", "")
    with runtime.uow() as uow:
        page = statement_for_account(
            uow,
            statement_id=statement_id[:_LIMIT],
            token=token[:_LIMIT],
            at=runtime.clock(),
            window_days=runtime.settings.appeal_window_days,
        )
    csrf = form_token(request)
    response = pages.render(
        request,
        "portal_statement.html",
        page=page,
        token=token,
        csrf_token=csrf,
        sources=SOURCES,
        automation=AUTOMATION,
        outcomes=OUTCOMES,
    )
    return remember_token(response, request, csrf, secure=runtime.settings.cookie_secure)
