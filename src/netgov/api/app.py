"""The app factory: one FastAPI app over one Runtime, with every router and handler."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from netgov import __version__
from netgov.api import problems
from netgov.api.body_limit import BodyLimit
from netgov.api.routes import audit, content, decisions, health, rulebook
from netgov.service.runtime import Runtime
from netgov.web import console

DESCRIPTION = """\
netgov decides content against a published rulebook and keeps every decision, with its
legal basis and statement of reasons, in durable storage and a verifiable audit log.

Platforms authenticate with an API key: `Authorization: Bearer ngk_...`. Errors are
RFC 9457 problem documents (`application/problem+json`).
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
    problems.install(app)
    for module in (content, decisions, rulebook, audit, health):
        app.include_router(module.router)
    console.mount(app)
    app.add_middleware(BodyLimit, limit=runtime.settings.max_body_bytes)
    return app
