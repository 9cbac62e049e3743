"""Signed checkpoints: signing, verifying, keys, JSON, and holding a stored log to a checkpoint."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import msgspec
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from netgov.audit import (
    EMPTY_HEAD,
    AuditError,
    AuditEvent,
    ChainHead,
    Checkpoint,
    check_against_checkpoint,
    checkpoint_from_json,
    checkpoint_to_json,
    generate_key,
    head_of,
    key_id,
    load_private_key,
    load_public_key,
    private_key_to_pem,
    public_key_to_pem,
    sign_checkpoint,
    signed_message,
    verify_chain,
    verify_checkpoint,
)
from netgov.errors import NetgovError
from tests.audit import build_chain, rehash
from tests.factories import NOW

LOG = "acme-prod"
HEAD = ChainHead(3, "ab" * 32)


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return generate_key()


@pytest.fixture
def checkpoint(key: Ed25519PrivateKey) -> Checkpoint:
    return sign_checkpoint(key, log=LOG, head=HEAD, at=NOW)


def _lookup(events: list[AuditEvent]) -> Callable[[int], AuditEvent | None]:
    return {event.seq: event for event in events}.get


# Signing and verifying


def test_a_signed_checkpoint_verifies_with_its_public_key(key: Ed25519PrivateKey, checkpoint: Checkpoint) -> None:
    assert verify_checkpoint(key.public_key(), checkpoint)


def test_a_checkpoint_records_the_log_head_time_and_signing_key(key: Ed25519PrivateKey, checkpoint: Checkpoint) -> None:
    recorded = (checkpoint.log, checkpoint.head, checkpoint.at, checkpoint.key_id)
    assert recorded == (LOG, HEAD, NOW, key_id(key.public_key()))


def test_a_checkpoint_signature_is_ed25519_over_the_documented_message(
    key: Ed25519PrivateKey, checkpoint: Checkpoint
) -> None:
    message = b'netgov-audit-checkpoint-v1\n["acme-prod",3,"' + b"ab" * 32 + b'","2026-06-01T12:00:00.000000Z"]'
    assert signed_message(log=LOG, seq=HEAD.seq, head_hash=HEAD.hash, at=NOW) == message
    key.public_key().verify(base64.b64decode(checkpoint.signature), message)


def test_a_checkpoint_signed_in_another_timezone_verifies_and_is_stored_in_utc(key: Ed25519PrivateKey) -> None:
    checkpoint = sign_checkpoint(key, log=LOG, head=HEAD, at=NOW.astimezone(timezone(timedelta(hours=-3))))
    assert checkpoint.at.utcoffset() == timedelta(0)
    assert verify_checkpoint(key.public_key(), checkpoint)


def test_signing_at_a_naive_time_is_rejected(key: Ed25519PrivateKey) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        sign_checkpoint(key, log=LOG, head=HEAD, at=datetime(2026, 6, 1, 12, 0))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("log", "acme-staging"),
        ("seq", 4),
        ("head_hash", "cd" * 32),
        ("at", NOW + timedelta(microseconds=1)),
        ("key_id", "0" * 16),
        ("signature", base64.b64encode(bytes(64)).decode()),
    ],
)
def test_a_checkpoint_with_a_changed_field_does_not_verify(
    key: Ed25519PrivateKey, checkpoint: Checkpoint, field: str, value: object
) -> None:
    assert not verify_checkpoint(key.public_key(), msgspec.structs.replace(checkpoint, **{field: value}))


def test_a_checkpoint_does_not_verify_with_another_key(checkpoint: Checkpoint) -> None:
    assert not verify_checkpoint(generate_key().public_key(), checkpoint)


def test_a_checkpoint_relabelled_with_another_keys_id_does_not_verify(checkpoint: Checkpoint) -> None:
    other = generate_key().public_key()
    assert not verify_checkpoint(other, msgspec.structs.replace(checkpoint, key_id=key_id(other)))


@pytest.mark.parametrize("signature", ["not base64!", "", "AAAA", base64.b64encode(bytes(65)).decode()])
def test_a_malformed_signature_does_not_verify(key: Ed25519PrivateKey, checkpoint: Checkpoint, signature: str) -> None:
    assert not verify_checkpoint(key.public_key(), msgspec.structs.replace(checkpoint, signature=signature))


def test_a_checkpoint_with_a_naive_time_does_not_verify(key: Ed25519PrivateKey, checkpoint: Checkpoint) -> None:
    naive = msgspec.structs.replace(checkpoint, at=checkpoint.at.replace(tzinfo=None))
    assert not verify_checkpoint(key.public_key(), naive)


# Keys


def test_key_id_is_the_first_16_hex_digits_of_the_raw_keys_sha256(key: Ed25519PrivateKey) -> None:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert key_id(key.public_key()) == hashlib.sha256(raw).hexdigest()[:16]


def test_a_private_key_survives_pem(key: Ed25519PrivateKey, checkpoint: Checkpoint) -> None:
    loaded = load_private_key(private_key_to_pem(key))
    assert verify_checkpoint(loaded.public_key(), checkpoint)


def test_a_public_key_survives_pem(key: Ed25519PrivateKey, checkpoint: Checkpoint) -> None:
    assert verify_checkpoint(load_public_key(public_key_to_pem(key.public_key())), checkpoint)


def test_a_private_key_that_is_not_ed25519_is_rejected() -> None:
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(AuditError, match="must be Ed25519"):
        load_private_key(pem)


def test_a_public_key_that_is_not_ed25519_is_rejected() -> None:
    pem = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    with pytest.raises(AuditError, match="must be Ed25519"):
        load_public_key(pem)


def test_an_encrypted_private_key_is_rejected(key: Ed25519PrivateKey) -> None:
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.BestAvailableEncryption(b"pw")
    )
    with pytest.raises(AuditError, match="cannot read the checkpoint signing key"):
        load_private_key(pem)


@pytest.mark.parametrize("load", [load_private_key, load_public_key])
def test_a_pem_that_is_not_a_key_is_rejected(load: Callable[[bytes], object]) -> None:
    with pytest.raises(AuditError, match="cannot read"):
        load(b"-----BEGIN NOTHING-----\nnope\n-----END NOTHING-----\n")


def test_audit_errors_are_netgov_errors() -> None:
    assert issubclass(AuditError, NetgovError)


# JSON


def test_a_checkpoint_survives_json(key: Ed25519PrivateKey, checkpoint: Checkpoint) -> None:
    decoded = checkpoint_from_json(checkpoint_to_json(checkpoint))
    assert decoded == checkpoint
    assert verify_checkpoint(key.public_key(), decoded)


def _json_with(checkpoint: Checkpoint, **changes: object) -> bytes:
    fields = msgspec.json.decode(checkpoint_to_json(checkpoint))
    return msgspec.json.encode({k: v for k, v in (fields | changes).items() if v is not ...})


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"seq": -1}, "$.seq"),
        ({"seq": "3"}, "$.seq"),
        ({"head_hash": "AB" * 32}, "$.head_hash"),
        ({"key_id": "short"}, "$.key_id"),
        ({"at": "2026-06-01T12:00:00"}, "$.at"),
        ({"log": ""}, "$.log"),
        ({"signature": ...}, "signature"),
        ({"extra": 1}, "extra"),
    ],
)
def test_malformed_checkpoint_json_raises_audit_error_naming_the_field(
    checkpoint: Checkpoint, changes: dict[str, object], complaint: str
) -> None:
    with pytest.raises(AuditError, match="not a valid audit checkpoint") as raised:
        checkpoint_from_json(_json_with(checkpoint, **changes))
    assert complaint in str(raised.value)


@pytest.mark.parametrize("data", [b"", b"not json", b"[]", b"{", "null"])
def test_input_that_is_not_a_checkpoint_object_raises_audit_error(data: bytes | str) -> None:
    with pytest.raises(AuditError, match="not a valid audit checkpoint"):
        checkpoint_from_json(data)


# Holding the stored log to a checkpoint


def test_an_intact_log_matches_its_checkpoint(key: Ed25519PrivateKey) -> None:
    events = build_chain(3)
    checkpoint = sign_checkpoint(key, log=LOG, head=head_of(events[-1]), at=NOW)
    assert check_against_checkpoint(_lookup(events), checkpoint) is None


def test_a_log_that_grew_after_its_checkpoint_still_matches(key: Ed25519PrivateKey) -> None:
    events = build_chain(3)
    checkpoint = sign_checkpoint(key, log=LOG, head=head_of(events[1]), at=NOW)
    assert check_against_checkpoint(_lookup(events), checkpoint) is None


def test_a_checkpoint_of_the_empty_log_matches_any_log(key: Ed25519PrivateKey) -> None:
    checkpoint = sign_checkpoint(key, log=LOG, head=EMPTY_HEAD, at=NOW)
    assert check_against_checkpoint(_lookup([]), checkpoint) is None


def test_a_log_truncated_behind_its_checkpoint_is_caught(key: Ed25519PrivateKey) -> None:
    events = build_chain(3)
    checkpoint = sign_checkpoint(key, log=LOG, head=head_of(events[-1]), at=NOW)
    problem = check_against_checkpoint(_lookup(events[:-1]), checkpoint)
    assert problem is not None
    assert (problem.seq, problem.kind) == (3, "deleted")
    assert problem.message == (
        "event 3 is missing, but a checkpoint signed it: the log was truncated or the event deleted"
    )


def test_a_checkpointed_event_rewritten_with_a_recomputed_hash_is_caught(key: Ed25519PrivateKey) -> None:
    events = build_chain(3)
    checkpoint = sign_checkpoint(key, log=LOG, head=head_of(events[-1]), at=NOW)
    events[-1] = rehash(msgspec.structs.replace(events[-1], reason="nothing to see"))
    problem = check_against_checkpoint(_lookup(events), checkpoint)
    assert problem is not None
    assert (problem.seq, problem.kind) == (3, "changed")
    assert problem.message == ("event 3 no longer has the hash a checkpoint signed: the history up to it was rewritten")


def test_a_checkpointed_event_edited_in_place_is_caught(key: Ed25519PrivateKey) -> None:
    events = build_chain(3)
    checkpoint = sign_checkpoint(key, log=LOG, head=head_of(events[-1]), at=NOW)
    events[-1] = msgspec.structs.replace(events[-1], reason="nothing to see")
    problem = check_against_checkpoint(_lookup(events), checkpoint)
    assert problem is not None
    assert (problem.seq, problem.kind) == (3, "changed")


def test_verifying_from_a_checkpoints_head_checks_only_newer_events(key: Ed25519PrivateKey) -> None:
    events = build_chain(5)
    checkpoint = sign_checkpoint(key, log=LOG, head=head_of(events[1]), at=NOW)
    report = verify_chain(events[2:], start=checkpoint.head)
    assert (report.ok, report.checked, report.head) == (True, 3, head_of(events[-1]))


@settings(deadline=None, max_examples=25)
@given(st.integers(min_value=2, max_value=12))
def test_deleting_the_last_event_passes_the_chain_but_not_the_checkpoint(length: int) -> None:
    events = build_chain(length)
    checkpoint = sign_checkpoint(generate_key(), log=LOG, head=head_of(events[-1]), at=NOW)
    remaining = events[:-1]
    problem = check_against_checkpoint(_lookup(remaining), checkpoint)
    assert verify_chain(remaining).ok
    assert problem is not None
    assert (problem.seq, problem.kind) == (length, "deleted")


@settings(deadline=None, max_examples=25)
@given(st.integers(min_value=2, max_value=12), st.text(min_size=1))
def test_rewriting_the_last_event_passes_the_chain_but_not_the_checkpoint(length: int, reason: str) -> None:
    events = build_chain(length)
    checkpoint = sign_checkpoint(generate_key(), log=LOG, head=head_of(events[-1]), at=NOW)
    events[-1] = rehash(msgspec.structs.replace(events[-1], reason=events[-1].reason + reason))
    problem = check_against_checkpoint(_lookup(events), checkpoint)
    assert verify_chain(events).ok
    assert problem is not None
    assert (problem.seq, problem.kind) == (length, "changed")
