"""Signed checkpoints of the audit chain's head, and the Ed25519 keys that sign them.

A chain alone cannot show that its newest events were rewritten or dropped: what remains
is still consistent. A checkpoint is the head at some moment, signed and kept somewhere
the database's writers cannot reach (another system, a transparency log, a printout), so
the stored chain can later be held to it with ``check_against_checkpoint``.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

import msgspec
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from netgov.audit.chain import AuditEvent, ChainBreak, ChainHead, canonical_time, recomputed_hash
from netgov.errors import AuditError

# Keeps a checkpoint signature from being valid as any other message signed with the same key.
CHECKPOINT_DOMAIN = b"netgov-audit-checkpoint-v1\n"


class Checkpoint(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The head (``seq``, ``head_hash``) of the log named ``log`` at ``at``, signed by the
    key ``key_id`` (``signature`` is standard base64 of the 64-byte Ed25519 signature)."""

    log: Annotated[str, msgspec.Meta(min_length=1)]
    seq: Annotated[int, msgspec.Meta(ge=0)]
    head_hash: Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{64}$")]
    at: Annotated[datetime, msgspec.Meta(tz=True)]
    key_id: Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{16}$")]
    signature: str

    @property
    def head(self) -> ChainHead:
        """Where to ``verify_chain`` from once the checkpoint's signature is verified."""
        return ChainHead(self.seq, self.head_hash)


_DECODER = msgspec.json.Decoder(Checkpoint)


def generate_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_to_pem(key: Ed25519PrivateKey) -> bytes:
    """PKCS#8 PEM, unencrypted: protecting the file is the deployment's job."""
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    """Read an unencrypted PKCS#8 PEM Ed25519 key; anything else raises AuditError."""
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as error:
        raise AuditError(f"cannot read the checkpoint signing key: {error}") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise AuditError(f"the checkpoint signing key must be Ed25519, not {type(key).__name__}")
    return key


def public_key_to_pem(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    """Read a SubjectPublicKeyInfo PEM Ed25519 key; anything else raises AuditError."""
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, UnsupportedAlgorithm) as error:
        raise AuditError(f"cannot read the checkpoint public key: {error}") from error
    if not isinstance(key, Ed25519PublicKey):
        raise AuditError(f"the checkpoint public key must be Ed25519, not {type(key).__name__}")
    return key


def key_id(public_key: Ed25519PublicKey) -> str:
    """The first 16 hex digits of the SHA-256 of the raw 32-byte public key."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def signed_message(*, log: str, seq: int, head_hash: str, at: datetime) -> bytes:
    """The bytes a checkpoint signs: ``CHECKPOINT_DOMAIN`` followed by the compact JSON array
    ``[log,seq,head_hash,at]``, encoded as in ``netgov.audit.chain.event_hash`` (``at`` as
    ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC)."""
    return CHECKPOINT_DOMAIN + msgspec.json.encode([log, seq, head_hash, canonical_time(at)])


def sign_checkpoint(key: Ed25519PrivateKey, *, log: str, head: ChainHead, at: datetime) -> Checkpoint:
    """Sign ``head`` of the log ``log`` as it stood at ``at``."""
    message = signed_message(log=log, seq=head.seq, head_hash=head.hash, at=at)
    return Checkpoint(
        log=log,
        seq=head.seq,
        head_hash=head.hash,
        at=at.astimezone(UTC),
        key_id=key_id(key.public_key()),
        signature=base64.b64encode(key.sign(message)).decode("ascii"),
    )


def verify_checkpoint(public_key: Ed25519PublicKey, checkpoint: Checkpoint) -> bool:
    """Whether ``public_key`` signed exactly this checkpoint; any mismatch is False, never an error."""
    if checkpoint.key_id != key_id(public_key):
        return False
    try:
        signature = base64.b64decode(checkpoint.signature, validate=True)
        message = signed_message(
            log=checkpoint.log, seq=checkpoint.seq, head_hash=checkpoint.head_hash, at=checkpoint.at
        )
        public_key.verify(signature, message)
    except (InvalidSignature, ValueError):  # ValueError covers bad base64 and a naive or unencodable field
        return False
    return True


def checkpoint_to_json(checkpoint: Checkpoint) -> bytes:
    return msgspec.json.encode(checkpoint)


def checkpoint_from_json(data: bytes | str) -> Checkpoint:
    """Decode a checkpoint; malformed input raises AuditError naming the field at fault."""
    try:
        return _DECODER.decode(data)
    except msgspec.DecodeError as error:
        raise AuditError(f"not a valid audit checkpoint: {error}") from error


def check_against_checkpoint(
    events_by_seq: Callable[[int], AuditEvent | None], checkpoint: Checkpoint
) -> ChainBreak | None:
    """Whether the stored log still holds the checkpointed head; verify the checkpoint first.

    ``events_by_seq`` looks one event up by seq. A missing event means the log was cut back
    past the checkpoint; a different hash means history up to it was rewritten.
    """
    seq = checkpoint.seq
    if seq == 0:
        return None
    event = events_by_seq(seq)
    if event is None:
        message = f"event {seq} is missing, but a checkpoint signed it: the log was truncated or the event deleted"
        return ChainBreak(seq=seq, kind="deleted", message=message)
    if event.hash != checkpoint.head_hash:
        message = f"event {seq} no longer has the hash a checkpoint signed: the history up to it was rewritten"
        return ChainBreak(seq=seq, kind="changed", message=message)
    if recomputed_hash(event) != event.hash:
        message = f"event {seq} was changed: its stored hash does not match its content"
        return ChainBreak(seq=seq, kind="changed", message=message)
    return None
