"""Dependencies the routers share, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from netgov.errors import NotAuthenticatedError
from netgov.service.api_keys import KeyIdentity, authenticate_key
from netgov.service.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]

_bearer = HTTPBearer(auto_error=False, description="A platform API key: `Authorization: Bearer ngk_...`")


def get_platform(
    runtime: RuntimeDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> KeyIdentity:
    """The platform whose API key signed the request; 401 without a valid, unrevoked key."""
    if credentials is None:
        raise NotAuthenticatedError("send the platform's API key as `Authorization: Bearer ngk_...`")
    token = credentials.credentials
    identity = runtime.keys.get(token)
    if identity is None:
        with runtime.uow() as uow:
            identity = authenticate_key(uow, token)
        runtime.keys.put(token, identity)
    runtime.intake.note_key_use(identity.lookup, runtime.clock())
    return identity


PlatformDep = Annotated[KeyIdentity, Depends(get_platform)]
