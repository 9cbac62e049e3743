"""Appeals in the console: the appeals whose case the reader may read (``case.read``), newest
first and filtered by status, and how often each rule and each member of staff was
overturned on appeal (``appeal_views.appeal_stats``: the share an overturn counts against).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.responses import Response

from netgov.errors import InvalidRequestError
from netgov.governance.appeals import AppealStatus
from netgov.service.appeal_listing import list_appeals
from netgov.service.appeal_views import appeal_stats
from netgov.web.rendering import PagesDep
from netgov.web.sessions import RuntimeDep, SessionDep

router = APIRouter()

PAGE_SIZE = 50
BADGES = {
    "filed": "badge-hold_for_review",
    "upheld": "badge-allow",
    "overturned": "badge-remove",
    "closed": "badge-label",
}


@router.get("/appeals", name="appeals")
def appeals_page(request: Request, pages: PagesDep, runtime: RuntimeDep, session: SessionDep) -> Response:
    status, offset = _status(request.query_params.get("status", "")), _offset(request.query_params.get("offset", ""))
    with runtime.uow() as uow:
        rates = appeal_stats(uow, actor=session.principal)
        page = list_appeals(uow, actor=session.principal, status=status, limit=PAGE_SIZE, offset=offset)
    context: dict[str, Any] = {
        "page": page,
        "chosen": status.value if status else "",
        "statuses": [value.value for value in AppealStatus],
        "offset": offset,
        "page_size": PAGE_SIZE,
        "badges": BADGES,
        "rules": [rate for rate in rates if rate.decider.startswith("rule:")],
        "people": [rate for rate in rates if not rate.decider.startswith("rule:")],
        "more": urlencode(
            {"status": status.value, "offset": offset + PAGE_SIZE} if status else {"offset": offset + PAGE_SIZE}
        ),
    }
    return pages.render(request, "appeals.html", session=session, **context)


def _status(value: str) -> AppealStatus | None:
    if not value.strip():
        return None
    try:
        return AppealStatus(value.strip())
    except ValueError:
        raise InvalidRequestError(f"status must be one of {', '.join(AppealStatus)}, not {value[:40]!r}") from None


def _offset(value: str) -> int:
    if not (value.strip() or "0").isdigit() or int(value.strip() or "0") > 1_000_000:
        raise InvalidRequestError("offset must be a whole number of at most 1,000,000")
    return int(value.strip() or "0")
