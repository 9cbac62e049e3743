"""netgov's tamper-evident audit log, the pure part: a hash chain of events and signed
checkpoints of its head. Storing events and checkpoints is the store's job; time comes in
as arguments."""

from __future__ import annotations

from netgov.audit.chain import (
    EMPTY_HEAD,
    GENESIS,
    AuditEvent,
    ChainBreak,
    ChainHead,
    ChainReport,
    DetailValue,
    append,
    canonical_time,
    event_hash,
    head_of,
    recomputed_hash,
    verify_chain,
)
from netgov.audit.checkpoints import (
    Checkpoint,
    check_against_checkpoint,
    checkpoint_from_json,
    checkpoint_to_json,
    generate_key,
    key_id,
    load_private_key,
    load_public_key,
    private_key_to_pem,
    public_key_to_pem,
    sign_checkpoint,
    signed_message,
    verify_checkpoint,
)
from netgov.errors import AuditError

__all__ = [
    "EMPTY_HEAD",
    "GENESIS",
    "AuditError",
    "AuditEvent",
    "ChainBreak",
    "ChainHead",
    "ChainReport",
    "Checkpoint",
    "DetailValue",
    "append",
    "canonical_time",
    "check_against_checkpoint",
    "checkpoint_from_json",
    "checkpoint_to_json",
    "event_hash",
    "generate_key",
    "head_of",
    "key_id",
    "load_private_key",
    "load_public_key",
    "private_key_to_pem",
    "public_key_to_pem",
    "recomputed_hash",
    "sign_checkpoint",
    "signed_message",
    "verify_chain",
    "verify_checkpoint",
]
