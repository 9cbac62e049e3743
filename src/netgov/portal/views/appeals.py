"""Filing an appeal from the portal: ``POST /portal/appeals``, then its receipt.

Two forms post here: the statement page's (hidden ``statement_id`` and ``token``: the
affected account) and the notice status page's (hidden ``query_code`` and ``seq``: the
notifier, against a decision not to act). Both carry ``reason`` and the CSRF token, and
posts are limited per network address. A refused appeal (too late, already appealed, no
reasons) is a page saying why, with the way back.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import Response

from netgov.errors import InvalidRequestError, RateLimitedError
from netgov.portal.forms import check_form
from netgov.portal.rendering import PortalPages, PortalPagesDep
from netgov.service.appeals import AppealBy, ByAffectedAccount, ByNotifier, file_appeal
from netgov.service.runtime import Runtime
from netgov.web.rendering import base_path

router = APIRouter()

_FIELD_LIMIT = 20_000


@router.post("/appeals", name="portal_appeal")
async def appeal(request: Request, pages: PortalPagesDep) -> Response:
    runtime: Runtime = request.app.state.runtime
    data = await request.form()
    check_form(request, _text(data, "csrf_token"))
    return await run_in_threadpool(_file, request, pages, runtime, data)


def _file(request: Request, pages: PortalPages, runtime: Runtime, data: FormData) -> Response:
    at = runtime.clock()
    _admit(runtime, request.client.host if request.client is not None else "unknown", at=at)
    by, back = _appellant(request, data)
    with runtime.uow(write=True) as uow:
        row = file_appeal(
            uow,
            by=by,
            reason=_text(data, "reason"),
            at=at,
            window_days=runtime.settings.appeal_window_days,
            rulebook=runtime.rulebook,
        )
        uow.commit()
    return pages.render(request, "portal_appeal_receipt.html", status=201, appeal=row, back=back)


def _appellant(request: Request, data: FormData) -> tuple[AppealBy, str]:
    """Who appeals (by what they hold), and the page to go back to."""
    base = base_path(request)
    code = _text(data, "query_code")
    if code:
        seq = _text(data, "seq")
        if not seq.isdigit() or len(seq) > 6:
            raise InvalidRequestError("seq: the number of the location appealed")
        return ByNotifier(query_code=code, seq=int(seq)), f"{base}/notices/status?code={quote(code, safe='')}"
    statement_id, token = _text(data, "statement_id"), _text(data, "token")
    back = f"{base}/statements/{quote(statement_id, safe='')}?token={quote(token, safe='')}"
    return ByAffectedAccount(statement_id=statement_id, token=token), back


def _admit(runtime: Runtime, address: str, *, at: datetime) -> None:
    """As many appeals an hour from one network address as notices (``NETGOV_NOTICE_RATE_PER_IP``)."""
    gate = runtime.notice_gate
    key = f"appeal:{gate.reporter_key(email=None, address=address)}"
    wait = gate.limiter.hit(key, limit=gate.per_address, at=at)
    if wait is not None:
        raise RateLimitedError(
            f"at most {gate.per_address} appeals an hour are accepted from your network address; "
            f"try again in {wait} seconds",
            retry_after=wait,
        )


def _text(data: FormData, name: str) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise InvalidRequestError(f"{name}: text, not a file")
    if len(value) > _FIELD_LIMIT or "\x00" in value:
        raise InvalidRequestError(f"{name}: at most {_FIELD_LIMIT} characters, without NUL")
    return value
