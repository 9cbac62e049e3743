"""The console's session cookie: set at sign-in, looked up on every page, cleared at sign-out.

The cookie carries a random token; the server keeps only its digest (``web_sessions``),
so the session table cannot sign anyone in. The cookie lives as long as the session
(``Max-Age``), only under the console's path, never readable by scripts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec
from fastapi import Depends, Request
from starlette.responses import Response

from netgov.identity.principal import Principal
from netgov.service.runtime import Runtime
from netgov.service.sign_in import SignedIn, active_session
from netgov.web.rendering import base_path

SESSION_COOKIE = "netgov_session"


class ConsoleSession(msgspec.Struct, frozen=True, kw_only=True):
    """A signed-in visit: the cookie's token (needed to end the session) and what it stands for."""

    token: str
    principal: Principal
    csrf_token: str
    expires_at: datetime


class SignInRequiredError(Exception):
    """No valid session; the console answers by sending the browser to the sign-in page."""


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def optional_session(request: Request, runtime: RuntimeDep) -> ConsoleSession | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    with runtime.uow() as uow:
        active = active_session(uow, token, at=runtime.clock())
    if active is None:
        return None
    return ConsoleSession(
        token=token, principal=active.principal, csrf_token=active.csrf_token, expires_at=active.expires_at
    )


OptionalSessionDep = Annotated[ConsoleSession | None, Depends(optional_session)]


def current_session(session: OptionalSessionDep) -> ConsoleSession:
    if session is None:
        raise SignInRequiredError
    return session


SessionDep = Annotated[ConsoleSession, Depends(current_session)]


def set_session_cookie(response: Response, request: Request, runtime: Runtime, signed: SignedIn) -> None:
    # Max-Age rather than Expires: it needs no agreement between the server's and the browser's clocks.
    lifetime = max(0, int((signed.expires_at - runtime.clock()).total_seconds()))
    response.set_cookie(
        SESSION_COOKIE,
        signed.token,
        max_age=lifetime,
        path=base_path(request),
        secure=runtime.settings.cookie_secure,
        httponly=True,
        samesite="lax",
    )


def clear_session_cookie(response: Response, request: Request, runtime: Runtime) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path=base_path(request), secure=runtime.settings.cookie_secure, httponly=True, samesite="lax"
    )
