"""Who reported a notice on a report case: personal data, shown only when asked with a reason.

The form on the case page posts the reason; the service (``notice_views.get_notice``) checks
that the reader may read the notice and personal data, writes the read to the audit log and
commits it before anything is shown. The case page then comes back with that one notice's
reporter, once: a reload asks again.
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from netgov.errors import InvalidRequestError, NotFoundError
from netgov.service.notice_views import get_notice
from netgov.web.csrf import CheckedSessionDep
from netgov.web.rendering import PagesDep
from netgov.web.sessions import RuntimeDep
from netgov.web.views.case import check_id, read_case, render_case

router = APIRouter()

REASON_LIMIT = 500


@router.post("/cases/{case_id}/notices/{notice_id}/reporter", name="case_notice_reporter")
def reveal_reporter(
    request: Request,
    case_id: str,
    notice_id: str,
    pages: PagesDep,
    runtime: RuntimeDep,
    session: CheckedSessionDep,
    reason: Annotated[str, Form()] = "",
) -> Response:
    check_id(case_id, "case")
    check_id(notice_id, "notice")
    why = reason.strip()
    if len(why) > REASON_LIMIT or not why.isprintable():
        raise InvalidRequestError(f"reason: one line of at most {REASON_LIMIT} characters")
    shown = read_case(runtime, session.principal, case_id)
    if shown.notices is None or notice_id not in {notice.id for notice in shown.notices.notices}:
        raise NotFoundError(f"case {case_id} lists no notice {notice_id!r}")
    with runtime.uow(write=True) as uow:
        view = get_notice(uow, session.principal, notice_id, reporter_reason=why, at=runtime.clock())
    assert view.reporter is not None, "get_notice returns the reporter when asked with a reason"
    revealed = msgspec.structs.replace(shown, reporters={notice_id: view.reporter})
    return render_case(request, pages, session, revealed)
