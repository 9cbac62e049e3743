"""The app factory: one FastAPI app over one Runtime, with every router and handler."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from netgov import __version__
from netgov.api import docs_page, problems
from netgov.api.body_limit import BodyLimit
from netgov.api.jurisdictions import KnownJurisdictions
from netgov.api.metrics import ApiMetrics, MetricsMiddleware
from netgov.api.routes import (
    appeals,
    audit,
    cases,
    content,
    decisions,
    disputes,
    effects,
    exports,
    flaggers,
    health,
    network,
    notices,
    orders,
    rulebook,
    sessions,
    statements,
    strikes,
)
from netgov.api.schemas import openapi
from netgov.portal import app as portal
from netgov.service.runtime import Runtime
from netgov.web import console

DESCRIPTION = """\
netgov decides content against a published rulebook and keeps every decision, with its
legal basis and statement of reasons, in durable storage and a verifiable audit log.

Platforms authenticate with an API key: `Authorization: Bearer ngk_...`; regulator and
platform staff with the token `POST /v1/sessions` gives them, sent the same way. Errors
are RFC 9457 problem documents (`application/problem+json`).
"""


def create_app(runtime: Runtime, *, close_runtime: bool = False) -> FastAPI:
    """The app; with ``close_runtime`` the app's shutdown also stops the runtime's writer."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if close_runtime:
            runtime.close()

    app = FastAPI(
        title="netgov",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.state.jurisdictions = KnownJurisdictions(runtime)
    app.state.metrics = metrics = ApiMetrics()
    runtime.intake.on_commit = metrics.observe_commit
    problems.install(app)
    for module in (
        content,
        decisions,
        cases,
        network,
        orders,
        notices,
        flaggers,
        appeals,
        effects,
        disputes,
        strikes,
        statements,
        exports,
        sessions,
        rulebook,
        audit,
        health,
        docs_page,
    ):
        app.include_router(module.router)
    console.mount(app)
    portal.mount(app)
    openapi.install(app)
    app.add_middleware(BodyLimit, limit=runtime.settings.max_body_bytes)
    # The public notice endpoints take smaller bodies than the rest (anyone may send them).
    app.add_middleware(BodyLimit, limit=runtime.settings.notice_max_bytes, paths=notices.PUBLIC_PATHS)
    # Added last, so outermost: it also times the requests BodyLimit refuses.
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return app
