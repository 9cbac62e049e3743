"""Staff sessions for the API: trade a username and password for a bearer token.

The token is the same kind of server-side session the console's cookie carries (only its
digest is stored, it expires after ``NETGOV_SESSION_HOURS``, failed attempts count towards
the lockout), sent as ``Authorization: Bearer …`` instead of a cookie, so no CSRF token is
needed.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from netgov.api.deps import PrincipalDep, RuntimeDep, bearer_token
from netgov.api.schemas.openapi import problems
from netgov.errors import PermissionDeniedError
from netgov.service.sign_in import sign_in, sign_out

router = APIRouter(prefix="/v1/sessions", tags=["sessions"])


class SessionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class SessionPublic(BaseModel):
    token: str = Field(description="Send as `Authorization: Bearer <token>`; shown once")
    expires_at: datetime
    staff: str = Field(description="How the audit log names you, e.g. `staff:ana`")
    grants: list[str] = Field(description="Your roles and their scopes")


@router.post("", status_code=201, summary="Sign in as staff", responses=problems(401, 422, 429))
def create_session(body: SessionCreate, runtime: RuntimeDep) -> SessionPublic:
    """A bearer token for the API; wrong passwords count towards the lockout as in the console."""
    # No account has an unprintable name (PostgreSQL cannot even look one up): as the console
    # does, such a name is simply unknown, a 401 like any wrong username.
    wanted = body.username.strip() if body.username.isprintable() else ""
    with runtime.uow(write=True) as uow:
        signed = sign_in(
            uow,
            username=wanted,
            password=body.password,
            passwords=runtime.passwords,
            policy=runtime.lockout,
            lifetime=runtime.session_lifetime,
            at=runtime.clock(),
        )
    principal = signed.principal
    return SessionPublic(
        token=signed.token,
        expires_at=signed.expires_at,
        staff=principal.actor,
        grants=[grant.describe() for grant in principal.grants],
    )


@router.delete("/current", status_code=204, summary="Sign out", responses=problems(401, 403))
def delete_session(request: Request, principal: PrincipalDep, runtime: RuntimeDep) -> Response:
    """End the session whose token signed this request."""
    token = bearer_token(request)
    if principal.kind != "staff" or token is None:
        raise PermissionDeniedError("only a staff session can be ended here; revoke API keys with `netgov keys revoke`")
    with runtime.uow(write=True) as uow:
        sign_out(uow, token, principal=principal, at=runtime.clock())
    return Response(status_code=204)
