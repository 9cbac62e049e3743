"""Rendering portal pages: the portal's own templates, the console's stylesheet."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends
from jinja2 import ChoiceLoader, Environment, PackageLoader
from starlette.requests import Request
from starlette.responses import HTMLResponse

from netgov.web.rendering import NO_STORE, base_path


def environment() -> Environment:
    from netgov.web.rendering import environment as console_environment

    # The console's filters (utc, label, sentence) and its shared field macros come along.
    env = console_environment()
    env.loader = ChoiceLoader([PackageLoader("netgov.portal", "templates"), PackageLoader("netgov.web", "templates")])
    return env


class PortalPages:
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
        page = self._env.get_template(template).render(
            base=base_path(request), path=request.url.path, installation=self._installation, **context
        )
        # Pages show query codes and statement tokens: no cache may keep them.
        return HTMLResponse(page, status_code=status, headers={**NO_STORE, **(headers or {})})


def get_pages(request: Request) -> PortalPages:
    pages: PortalPages = request.app.state.pages
    return pages


PortalPagesDep = Annotated[PortalPages, Depends(get_pages)]
