"""The public side of the audit log: signed checkpoints and the key that checks them.

No authentication: checkpoints are meant to be copied by anyone, so that the operator
cannot later rewrite the history they cover without it showing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from netgov.api.deps import RuntimeDep
from netgov.audit.checkpoints import Checkpoint
from netgov.service.audit_admin import latest_checkpoint, public_key_pem, published_checkpoints

router = APIRouter(prefix="/v1/audit", tags=["audit"])


class CheckpointPublic(BaseModel):
    """A signed head of the audit chain, exactly as `netgov audit verify --checkpoint` reads it."""

    log: str = Field(description="The installation's log name, signed with the head.", examples=["netgov"])
    seq: int = Field(ge=0, description="Seq of the event at the head when it was signed (0: empty log).")
    head_hash: str = Field(pattern="^[0-9a-f]{64}$", description="That event's hash, 64 lower-case hex digits.")
    at: datetime = Field(description="When it was signed (UTC).")
    key_id: str = Field(
        pattern="^[0-9a-f]{16}$", description="First 16 hex digits of the SHA-256 of the raw Ed25519 public key."
    )
    signature: str = Field(description="Standard base64 of the Ed25519 signature over the documented message.")

    @classmethod
    def of(cls, checkpoint: Checkpoint) -> CheckpointPublic:
        return cls(
            log=checkpoint.log,
            seq=checkpoint.seq,
            head_hash=checkpoint.head_hash,
            at=checkpoint.at,
            key_id=checkpoint.key_id,
            signature=checkpoint.signature,
        )


_PROBLEM: dict[int | str, dict[str, Any]] = {
    404: {
        "description": "Nothing signed yet (RFC 9457 problem document).",
        "content": {
            "application/problem+json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string"},
                        "title": {"type": "string"},
                        "status": {"type": "integer"},
                        "detail": {"type": "string"},
                        "instance": {"type": "string"},
                    },
                    "required": ["type", "title", "status", "detail"],
                }
            }
        },
    }
}


@router.get("/checkpoints", summary="Every signed checkpoint, oldest first")
def list_checkpoints(runtime: RuntimeDep) -> list[CheckpointPublic]:
    """Every checkpoint the installation has signed. Keep copies: `netgov audit verify
    --checkpoint FILE` accepts this list as it is served."""
    with runtime.uow() as uow:
        return [CheckpointPublic.of(checkpoint) for checkpoint in published_checkpoints(uow)]


@router.get("/checkpoints/latest", summary="The newest signed checkpoint", responses=_PROBLEM)
def get_latest_checkpoint(runtime: RuntimeDep) -> CheckpointPublic:
    """The most recent checkpoint; 404 before the first one is signed."""
    with runtime.uow() as uow:
        return CheckpointPublic.of(latest_checkpoint(uow))


@router.get(
    "/public-key",
    summary="The PEM public key that checks the checkpoints",
    response_class=PlainTextResponse,
    responses={
        200: {
            "description": "An Ed25519 public key, SubjectPublicKeyInfo PEM.",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        },
        **_PROBLEM,
    },
)
def get_public_key(runtime: RuntimeDep) -> PlainTextResponse:
    """The installation's checkpoint verification key; 404 before the signing key exists."""
    return PlainTextResponse(public_key_pem(runtime.settings).decode("ascii"))
