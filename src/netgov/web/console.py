"""The staff console, mounted under ``/console`` as an app of its own.

Its own app keeps its pages out of the API's OpenAPI document and gives it HTML error
pages where the API answers with problem documents; both share the one ``Runtime``.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from netgov.service.runtime import Runtime
from netgov.web import error_pages
from netgov.web.headers import SecurityHeaders
from netgov.web.rendering import Pages, environment
from netgov.web.views import (
    appeals,
    audit,
    case,
    case_actions,
    case_reporters,
    cases,
    coverage,
    decision,
    decisions,
    flaggers,
    notices,
    order_new,
    orders,
    overview,
    sign_in,
)

PREFIX = "/console"


def console_app(runtime: Runtime) -> FastAPI:
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    app.state.runtime = runtime
    app.state.pages = Pages(environment(), installation=runtime.settings.installation)
    error_pages.install(app)
    # order_new before orders: /orders/new must not be read as the order "new".
    for module in (
        sign_in,
        overview,
        decisions,
        decision,
        audit,
        coverage,
        cases,
        case,
        case_actions,
        case_reporters,
        order_new,
        orders,
        notices,
        flaggers,
        appeals,
    ):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(packages=[("netgov.web", "static")]), name="static")
    app.add_middleware(SecurityHeaders)
    return app


def mount(app: FastAPI) -> None:
    """Serve the console under ``/console`` of ``app`` (whose ``state.runtime`` is set)."""
    app.mount(PREFIX, console_app(app.state.runtime))
