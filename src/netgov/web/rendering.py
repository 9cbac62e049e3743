"""Rendering console pages: one Jinja environment (autoescaping on) and the page context.

Templates receive everything they show as arguments; they never reach the service.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from netgov.core.actions import Action
from netgov.core.highlight import Piece
from netgov.web.navigation import menu

if TYPE_CHECKING:
    from netgov.web.sessions import ConsoleSession

# Console pages can show personal data: no cache, shared or private, may keep them.
NO_STORE = {"Cache-Control": "no-store"}


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("netgov.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["utc"] = _utc
    env.filters["label"] = _label
    env.filters["sentence"] = _sentence
    env.globals["Piece"] = Piece
    env.globals["ACTIONS"] = [action.value for action in Action]
    return env


class Pages:
    """Renders templates into responses; ``base`` is the path the console is mounted at."""

    def __init__(self, env: Environment, *, installation: str) -> None:
        self._env = env
        self._installation = installation

    def render(
        self,
        request: Request,
        template: str,
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        **context: Any,
    ) -> HTMLResponse:
        session: ConsoleSession | None = context.pop("session", None)
        page = self._env.get_template(template).render(
            base=base_path(request),
            path=request.url.path,
            installation=self._installation,
            session=session,
            menu=menu(session.principal if session else None),
            **context,
        )
        return HTMLResponse(page, status_code=status, headers={**NO_STORE, **(headers or {})})


def base_path(request: Request) -> str:
    """Where the console is mounted (``/console``), so links survive a proxy's prefix."""
    return str(request.scope.get("root_path", ""))


def is_htmx(request: Request) -> bool:
    """An HTMX request that wants a fragment; a history restore wants the whole page."""
    headers = request.headers
    return headers.get("HX-Request") == "true" and headers.get("HX-History-Restore-Request") != "true"


def _utc(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _label(value: str | None) -> str:
    """An enum value as words: ``hold_for_review`` → ``hold for review``, ``SCAMS_AND_FRAUD`` → ``scams and fraud``."""
    return "" if value is None else value.replace("_", " ").lower()


def _sentence(message: str) -> str:
    """A service message ("the username or password is wrong") as a sentence on a page."""
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


def get_pages(request: Request) -> Pages:
    pages: Pages = request.app.state.pages
    return pages


PagesDep = Annotated[Pages, Depends(get_pages)]
