"""The public portal, mounted under ``/portal`` as an app of its own."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from netgov.portal import error_pages
from netgov.portal.rendering import PortalPages, environment
from netgov.portal.views import appeals, home, notice_status, report, statements
from netgov.service.runtime import Runtime
from netgov.web.headers import SecurityHeaders

PREFIX = "/portal"


def portal_app(runtime: Runtime) -> FastAPI:
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    app.state.runtime = runtime
    app.state.pages = PortalPages(environment(), installation=runtime.settings.installation)
    error_pages.install(app)
    # One entry per page module; each module's router names its own paths.
    for module in (home, report, notice_status, statements, appeals):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(packages=[("netgov.web", "static")]), name="static")
    app.add_middleware(SecurityHeaders)
    return app


def mount(app: FastAPI) -> None:
    """Serve the portal under ``/portal`` of ``app`` (whose ``state.runtime`` is set)."""
    app.mount(PREFIX, portal_app(app.state.runtime))
