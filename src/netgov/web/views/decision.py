"""One decision: what was decided and why; the post's text only after a reason is given.

The text is personal data. Reading it is a POST with a reason, which the service writes
to the audit log before it returns the text; the page then shows the text with the
evidence marked and personal data masked.
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from netgov.core.decision import Decision
from netgov.core.highlight import Segment, segments
from netgov.errors import InvalidRequestError, NotFoundError
from netgov.identity.roles import Activity
from netgov.service.decisions import get_decision, read_content
from netgov.web.csrf import CheckedSessionDep
from netgov.web.navigation import may_somewhere
from netgov.web.rendering import Pages, PagesDep, is_htmx
from netgov.web.sessions import ConsoleSession, RuntimeDep, SessionDep

router = APIRouter()

REASON_LIMIT = 500


class Revealed(msgspec.Struct, frozen=True, kw_only=True):
    """The post's text as shown: segments with personal data masked, and the reason given."""

    segments: list[Segment]
    reason: str
    language: str | None


@router.get("/decisions/{decision_id}", name="decision")
def decision_page(
    request: Request, decision_id: str, pages: PagesDep, runtime: RuntimeDep, session: SessionDep
) -> Response:
    _check_id(decision_id)
    with runtime.uow() as uow:
        decision = get_decision(uow, session.principal, decision_id)
    return _page(request, pages, session, decision, revealed=None)


@router.post("/decisions/{decision_id}/text", name="decision_text")
def reveal_text(
    request: Request,
    decision_id: str,
    pages: PagesDep,
    runtime: RuntimeDep,
    session: CheckedSessionDep,
    reason: Annotated[str, Form()] = "",
) -> Response:
    _check_id(decision_id)
    reason = reason.strip()
    if len(reason) > REASON_LIMIT or not reason.isprintable():
        raise InvalidRequestError(f"the reason must be one line of at most {REASON_LIMIT} characters")
    with runtime.uow(write=True) as uow:
        decision, content = read_content(uow, session.principal, decision_id, reason=reason, at=runtime.clock())
    revealed = Revealed(segments=segments(content.text, decision), reason=reason, language=content.language)
    if is_htmx(request):
        return pages.render(request, "_post_text.html", decision=decision, revealed=revealed)
    return _page(request, pages, session, decision, revealed=revealed)


def _page(
    request: Request, pages: Pages, session: ConsoleSession, decision: Decision, *, revealed: Revealed | None
) -> Response:
    return pages.render(
        request,
        "decision.html",
        session=session,
        decision=decision,
        revealed=revealed,
        may_read_text=may_somewhere(session.principal, Activity.DECISION_READ_CONTENT),
        reason_limit=REASON_LIMIT,
    )


def _check_id(decision_id: str) -> None:
    # Ids are short printable strings; anything else names no decision (and NUL would upset PostgreSQL).
    if len(decision_id) > 64 or not decision_id.isprintable():
        raise NotFoundError(f"no decision {decision_id[:64]!r}")
