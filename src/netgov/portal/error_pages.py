"""Errors on the portal as pages a member of the public can act on; never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from netgov.errors import RateLimitedError, ServiceError
from netgov.portal.rendering import PortalPages
from netgov.web.csrf import CsrfError

log = logging.getLogger(__name__)


def install(app: FastAPI) -> None:
    app.add_exception_handler(CsrfError, _csrf_refused)
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)


async def _csrf_refused(request: Request, error: Exception) -> Response:
    return _page(request, 403, "Request refused", str(error))


async def _service_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ServiceError)
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimitedError) else None
    return _page(request, error.status, error.title, str(error), headers=headers)


async def _http_error(request: Request, error: HTTPException | Exception) -> Response:
    assert isinstance(error, HTTPException)
    detail = error.detail if isinstance(error.detail, str) else "request refused"
    if error.status_code == 404 and detail == "Not Found":
        detail = f"the portal has no page at {request.url.path}"
    title = "Page not found" if error.status_code == 404 else "Request refused"
    return _page(request, error.status_code, title, detail)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0] if error.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
    return _page(request, 422, "Check the form", f"{where}: {first.get('msg', 'invalid value')}")


async def _unexpected(request: Request, error: Exception) -> Response:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return _page(request, 500, "Internal error", "the portal failed on this request; it has been logged")


def _page(request: Request, status: int, title: str, detail: str, headers: dict[str, str] | None = None) -> Response:
    pages: PortalPages = request.app.state.pages
    return pages.render(request, "portal_error.html", status=status, headers=headers, title=title, detail=detail)
