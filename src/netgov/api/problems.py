"""RFC 9457 problem details: every error answer is ``application/problem+json``.

One place maps the error tree (``netgov.errors``) and the framework's own errors to
statuses; routes raise, they never build error responses themselves.
"""

from __future__ import annotations

import logging
from typing import Any

import msgspec
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from netgov.errors import NetgovError, RateLimitedError, ServiceError

log = logging.getLogger(__name__)
MEDIA_TYPE = "application/problem+json"


def problem_body(*, status: int, title: str, detail: str, **extra: Any) -> bytes:
    document = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return msgspec.json.encode(document)


def problem(
    status: int, title: str, detail: str, request: Request, *, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    body = problem_body(status=status, title=title, detail=detail, instance=request.url.path, **extra)
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return Response(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(NetgovError, _netgov_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


async def _service_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ServiceError)
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimitedError) else None
    return problem(error.status, error.title, str(error), request, headers=headers)


async def _netgov_error(request: Request, error: Exception) -> Response:
    return problem(422, "Cannot process", str(error), request)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    errors = [
        {"location": ".".join(str(part) for part in item.get("loc", ())), "problem": _explained(item)}
        for item in error.errors()
    ]
    first = errors[0] if errors else {"location": "", "problem": "invalid request"}
    detail = f"{first['location']}: {first['problem']}" + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else "")
    return problem(422, "Invalid request", detail, request, errors=errors)


def _explained(item: Any) -> str:
    # Pydantic's wording for the commonest mistakes does not say what to do about them.
    kind, message = item.get("type", ""), str(item.get("msg", ""))
    if kind == "extra_forbidden":
        return "unknown field: not part of this request's schema (a typo? see /docs for the fields)"
    if kind == "missing":
        return "required field missing"
    return message


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    title = {404: "Not found", 405: "Method not allowed"}.get(error.status_code, "Request refused")
    detail = error.detail if isinstance(error.detail, str) else title
    if error.status_code == 404 and detail == "Not Found":
        detail = f"no such endpoint: {request.method} {request.url.path}; see /openapi.json"
    return problem(error.status_code, title, detail, request)


async def _unexpected(request: Request, error: Exception) -> Response:
    # A bug: log it with its traceback, and still answer in the documented format.
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return problem(500, "Internal error", "the service failed on this request; it has been logged", request)
