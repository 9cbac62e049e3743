"""Cross-site request forgery protection for every form and state-changing HTMX request.

Signed-in requests carry the session's synchronizer token (``ActiveSession.csrf_token``)
in a hidden form field or, from HTMX, in the ``X-CSRF-Token`` header. The sign-in form has
no session yet, so it uses a double-submit cookie: the same random value in a cookie and
in the form, which a page on another site can neither read nor set. Tokens are compared
in constant time.
"""

from __future__ import annotations

import hmac
import re
import secrets
from typing import Annotated

from fastapi import Depends, Request

from netgov.web.sessions import ConsoleSession, SessionDep

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
SIGN_IN_COOKIE = "netgov_sign_in_csrf"
_SIGN_IN_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


class CsrfError(Exception):
    """The request's CSRF token is missing or wrong; the console answers 403 and says so."""


def same_token(expected: str, given: str) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(expected.encode(), given.encode())


async def submitted_token(request: Request) -> str:
    header = request.headers.get(HEADER)
    if header:
        return header
    value = (await request.form()).get(FIELD)
    return value if isinstance(value, str) else ""


async def checked_session(request: Request, session: SessionDep) -> ConsoleSession:
    """The session, once the request has proved it comes from a console page."""
    given = await submitted_token(request)
    if not given:
        raise CsrfError("the request carries no CSRF token")
    if not same_token(session.csrf_token, given):
        raise CsrfError("the request's CSRF token does not match your session")
    return session


CheckedSessionDep = Annotated[ConsoleSession, Depends(checked_session)]


def sign_in_token(request: Request) -> str:
    """The browser's double-submit token, or a new one when it has none (or a malformed one)."""
    current = request.cookies.get(SIGN_IN_COOKIE, "")
    return current if _SIGN_IN_TOKEN.fullmatch(current) else secrets.token_urlsafe(32)


def check_sign_in(request: Request, given: str) -> None:
    cookie = request.cookies.get(SIGN_IN_COOKIE, "")
    if not cookie or not given:
        raise CsrfError("the sign-in form's CSRF token is missing; reload the sign-in page")
    if not same_token(cookie, given):
        raise CsrfError("the sign-in form's CSRF token does not match its cookie; reload the sign-in page")
