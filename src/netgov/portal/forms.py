"""CSRF protection for the portal's anonymous forms: a double-submit cookie.

Each form page sets a random value in a cookie and in a hidden field; a post must carry
both, equal. A page on another site can neither read the cookie nor set it, so it cannot
post a form in a visitor's name.
"""

from __future__ import annotations

import re
import secrets

from starlette.requests import Request
from starlette.responses import Response

from netgov.web.csrf import CsrfError, same_token
from netgov.web.rendering import base_path

COOKIE = "netgov_portal_csrf"
FIELD = "csrf_token"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
_SECONDS = 4 * 3600


def form_token(request: Request) -> str:
    """The browser's token, or a new one when it has none (or a malformed one)."""
    current = request.cookies.get(COOKIE, "")
    return current if _TOKEN.fullmatch(current) else secrets.token_urlsafe(32)


def remember_token(response: Response, request: Request, token: str, *, secure: bool) -> Response:
    """Set the cookie the next post of the form must match; returns ``response``."""
    response.set_cookie(
        COOKIE, token, max_age=_SECONDS, path=base_path(request) or "/", secure=secure, httponly=True, samesite="strict"
    )
    return response


def check_form(request: Request, given: str) -> None:
    cookie = request.cookies.get(COOKIE, "")
    if not cookie or not given:
        raise CsrfError("the form's CSRF token is missing; reload the page and send the form again")
    if not same_token(cookie, given):
        raise CsrfError("the form's CSRF token does not match its cookie; reload the page and send the form again")
