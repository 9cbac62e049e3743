"""Signing in (username and password, with lockout) and signing out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from netgov.errors import LockedOutError, NotAuthenticatedError
from netgov.service.runtime import Runtime
from netgov.service.sign_in import sign_in, sign_out
from netgov.web.csrf import SIGN_IN_COOKIE, CheckedSessionDep, check_sign_in, sign_in_token
from netgov.web.rendering import Pages, PagesDep, base_path
from netgov.web.sessions import OptionalSessionDep, RuntimeDep, clear_session_cookie, set_session_cookie

router = APIRouter()

# The double-submit cookie only has to outlive the time someone takes to type a password.
_SIGN_IN_TOKEN_SECONDS = 3600


@router.get("/sign-in", name="sign_in")
def sign_in_page(
    request: Request,
    pages: PagesDep,
    runtime: RuntimeDep,
    session: OptionalSessionDep,
    next_page: Annotated[str, Query(alias="next")] = "",
) -> Response:
    if session is not None:
        return RedirectResponse(_destination(request, next_page), status_code=303)
    return _form(request, pages, runtime, next_page=next_page)


@router.post("/sign-in")
def sign_in_submit(
    request: Request,
    pages: PagesDep,
    runtime: RuntimeDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next_page: Annotated[str, Form(alias="next")] = "",
) -> Response:
    check_sign_in(request, csrf_token)
    # No account has an unprintable name (PostgreSQL cannot even look one up): treat it as unknown.
    wanted = username.strip() if username.isprintable() else ""
    try:
        with runtime.uow(write=True) as uow:
            signed = sign_in(
                uow,
                username=wanted,
                password=password,
                passwords=runtime.passwords,
                policy=runtime.lockout,
                lifetime=runtime.session_lifetime,
                at=runtime.clock(),
            )
    except (NotAuthenticatedError, LockedOutError) as refused:
        return _form(
            request, pages, runtime, next_page=next_page, status=refused.status, error=str(refused), user=wanted
        )
    response = RedirectResponse(_destination(request, next_page), status_code=303)
    set_session_cookie(response, request, runtime, signed)
    response.delete_cookie(SIGN_IN_COOKIE, path=base_path(request), secure=runtime.settings.cookie_secure)
    return response


@router.post("/sign-out", name="sign_out")
def sign_out_submit(request: Request, runtime: RuntimeDep, session: CheckedSessionDep) -> Response:
    with runtime.uow(write=True) as uow:
        sign_out(uow, session.token, principal=session.principal, at=runtime.clock())
    response = RedirectResponse(f"{base_path(request)}/sign-in", status_code=303)
    clear_session_cookie(response, request, runtime)
    return response


def _form(
    request: Request,
    pages: Pages,
    runtime: Runtime,
    *,
    next_page: str,
    status: int = 200,
    error: str | None = None,
    user: str = "",
) -> Response:
    token = sign_in_token(request)
    response = pages.render(
        request, "sign_in.html", status=status, csrf_token=token, next_page=next_page, error=error, username=user
    )
    response.set_cookie(
        SIGN_IN_COOKIE,
        token,
        max_age=_SIGN_IN_TOKEN_SECONDS,
        path=base_path(request),
        secure=runtime.settings.cookie_secure,
        httponly=True,
        samesite="strict",
    )
    return response


def _destination(request: Request, wanted: str) -> str:
    """Where to go after signing in: ``wanted`` if it is a console page, else the overview.

    Only paths under the console are followed, so a crafted link cannot send a freshly
    signed-in user to another site.
    """
    base = base_path(request)
    inside = wanted.startswith(f"{base}/") and not wanted.startswith("//") and wanted.isprintable()
    inside = inside and "\\" not in wanted
    return wanted if inside else f"{base}/"
