"""Dependencies the routers share, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from netgov.api.jurisdictions import KnownJurisdictions
from netgov.api.metrics import ApiMetrics
from netgov.errors import NotAuthenticatedError
from netgov.identity.principal import Principal
from netgov.identity.secrets import KEY_PREFIX
from netgov.service.api_keys import KeyIdentity, authenticate_key
from netgov.service.runtime import Runtime
from netgov.service.sign_in import ActiveSession, active_session


# Dependencies are async so that FastAPI runs them on the event loop: a sync one would cost
# every request a hop through the thread pool.
async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]

_bearer = HTTPBearer(auto_error=False, description="A platform API key: `Authorization: Bearer ngk_...`")


async def get_platform(
    runtime: RuntimeDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> KeyIdentity:
    """The platform whose API key signed the request; 401 without a valid, unrevoked key."""
    return await identify(runtime, None if credentials is None else credentials.credentials)


async def identify(runtime: Runtime, token: str | None) -> KeyIdentity:
    """The key's identity, from the cache when it was checked in the last seconds."""
    if not token:
        raise NotAuthenticatedError("send the platform's API key as `Authorization: Bearer ngk_...`")
    identity = runtime.keys.get(token)
    if identity is None:
        identity = await run_in_threadpool(_authenticate, runtime, token)
        runtime.keys.put(token, identity)
    runtime.intake.note_key_use(identity.lookup, runtime.clock())
    return identity


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer`` header, as HTTPBearer reads it."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def _authenticate(runtime: Runtime, token: str) -> KeyIdentity:
    with runtime.uow() as uow:
        return authenticate_key(uow, token)


PlatformDep = Annotated[KeyIdentity, Depends(get_platform)]


async def get_jurisdictions(request: Request) -> KnownJurisdictions:
    known: KnownJurisdictions = request.app.state.jurisdictions
    return known


JurisdictionsDep = Annotated[KnownJurisdictions, Depends(get_jurisdictions)]


async def get_metrics(request: Request) -> ApiMetrics:
    metrics: ApiMetrics = request.app.state.metrics
    return metrics


MetricsDep = Annotated[ApiMetrics, Depends(get_metrics)]


async def get_principal(runtime: RuntimeDep, request: Request) -> Principal:
    """Who sent the request: a platform by its API key (``ngk_…``), or a staff member by the
    token ``POST /v1/sessions`` gave them; 401 without either."""
    token = bearer_token(request)
    if token and token.startswith(KEY_PREFIX + "_"):
        return (await identify(runtime, token)).principal
    if not token:
        raise NotAuthenticatedError(
            "send a platform API key or a staff session token as `Authorization: Bearer …` "
            "(staff get one from POST /v1/sessions)"
        )
    active = await run_in_threadpool(_session, runtime, token)
    if active is None:
        raise NotAuthenticatedError("the session token is not valid or has expired; sign in again at POST /v1/sessions")
    return active.principal


def _session(runtime: Runtime, token: str) -> ActiveSession | None:
    with runtime.uow() as uow:
        return active_session(uow, token, at=runtime.clock())


PrincipalDep = Annotated[Principal, Depends(get_principal)]
