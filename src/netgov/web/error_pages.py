"""Errors as pages: the console answers in HTML, the API (``netgov.api.problems``) in JSON.

A refused request shows its reason (``authorize``'s, for a denial) on a page with the
layout; an HTMX request gets the message alone, placed in the page's alert area.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response

from netgov.errors import NotAuthenticatedError, ServiceError
from netgov.web.csrf import CsrfError
from netgov.web.rendering import Pages, base_path, is_htmx
from netgov.web.sessions import SignInRequiredError, optional_session

log = logging.getLogger(__name__)

_HTTP_TITLES = {404: "Page not found", 405: "Method not allowed"}


def install(app: FastAPI) -> None:
    app.add_exception_handler(SignInRequiredError, _sign_in_required)
    app.add_exception_handler(CsrfError, _csrf_refused)
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)


def sign_in_redirect(request: Request) -> Response:
    """To the sign-in page, coming back here afterwards; HTMX is told to load it as a page."""
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    target = f"{base_path(request)}/sign-in?{urlencode({'next': back})}" if request.method == "GET" else None
    target = target or f"{base_path(request)}/sign-in"
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


async def _sign_in_required(request: Request, error: Exception) -> Response:
    return sign_in_redirect(request)


async def _csrf_refused(request: Request, error: Exception) -> Response:
    return await _page(request, 403, "Request refused", f"{error}. Reload the page and try again.")


async def _service_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ServiceError)
    if isinstance(error, NotAuthenticatedError):
        return sign_in_redirect(request)
    return await _page(request, error.status, error.title, str(error))


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    title = _HTTP_TITLES.get(error.status_code, "Request refused")
    detail = error.detail if isinstance(error.detail, str) else title
    if error.status_code == 404 and detail == "Not Found":
        detail = f"the console has no page at {request.url.path}"
    return await _page(request, error.status_code, title, detail)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0] if error.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ()))
    return await _page(request, 422, "Invalid request", f"{where}: {first.get('msg', 'invalid value')}")


async def _unexpected(request: Request, error: Exception) -> Response:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return await _page(request, 500, "Internal error", "the console failed on this request; it has been logged")


async def _page(request: Request, status: int, title: str, detail: str) -> Response:
    pages: Pages = request.app.state.pages
    if is_htmx(request):
        headers = {"HX-Retarget": "#alerts", "HX-Reswap": "innerHTML"}
        return pages.render(request, "_alert.html", status=status, headers=headers, title=title, detail=detail)
    try:
        session = await run_in_threadpool(optional_session, request, request.app.state.runtime)
    except Exception:
        # The error page must render even when the database is what failed.
        session = None
    return pages.render(request, "error.html", status=status, session=session, title=title, detail=detail)
