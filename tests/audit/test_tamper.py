"""Tampering with the stored audit log behind netgov's back, with plain SQL, is caught by
``verify_log`` and by ``netgov audit verify`` at the first event that was touched."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import msgspec
import pytest
from click.testing import CliRunner, Result
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text, update

from netgov.audit.chain import AuditEvent, ChainHead, append, event_hash, head_of
from netgov.audit.checkpoints import (
    Checkpoint,
    checkpoint_to_json,
    generate_key,
    public_key_to_pem,
    sign_checkpoint,
)
from netgov.cli.main import cli
from netgov.service.audit_admin import VerifyResult, create_checkpoint, load_or_create_signing_key, verify_log
from netgov.service.audit_trail import Entry, record
from netgov.service.permissions import SYSTEM
from netgov.store.tables import AuditEventRow
from tests.service_world import World

LOG = "examplia-test"
TOUCHED = 10
CONTENT = ("at", "actor", "action", "object", "reason", "details", "prev_hash", "hash")


@pytest.fixture
def key(world: World) -> Ed25519PrivateKey:
    return load_or_create_signing_key(world.runtime.settings)


@pytest.fixture
def log(world: World) -> World:
    """The world's chain grown to 30 events by staff reads, so that there is a middle to tamper with."""
    with world.runtime.uow(write=True) as uow:
        head = uow.audit.head().seq
        entries = [
            Entry(actor="staff:auditor", action="decision.read", object=f"decision:d{n}", reason="quarterly sample")
            for n in range(30 - head)
        ]
        record(uow, entries, at=world.clock())
        uow.commit()
    return world


def _sql(world: World, statement: str, **params: Any) -> None:
    with world.runtime.database.begin() as connection:
        connection.execute(text(statement), params)


def _event(world: World, seq: int) -> AuditEvent:
    with world.runtime.uow() as uow:
        event = uow.audit.event(seq)
    assert event is not None
    return event


def _head(world: World) -> ChainHead:
    with world.runtime.uow() as uow:
        return uow.audit.head()


def _store(world: World, event: AuditEvent) -> None:
    """Overwrite the row at ``event.seq`` with ``event``'s content, as an attacker with SQL would."""
    values = {name: getattr(event, name) for name in CONTENT}
    values["details"] = msgspec.json.encode(event.details).decode()
    with world.runtime.database.begin() as connection:
        connection.execute(update(AuditEventRow).where(AuditEventRow.seq == event.seq).values(**values))


def _rehashed(event: AuditEvent, **changes: Any) -> AuditEvent:
    edited = msgspec.structs.replace(event, **changes)
    fields = {name: getattr(edited, name) for name in ("seq", "at", "actor", "action", "object", "reason", "details")}
    return msgspec.structs.replace(edited, hash=event_hash(**fields, prev_hash=edited.prev_hash))


def _verify(world: World, checkpoints: list[Checkpoint], key: Ed25519PrivateKey | None) -> VerifyResult:
    with world.runtime.uow() as uow:
        return verify_log(uow, checkpoints=checkpoints, public_key=key.public_key() if key else None)


def _verify_cli(world: World, tmp_path: Path, checkpoints: list[Checkpoint], key: Ed25519PrivateKey | None) -> Result:
    args = ["audit", "verify", "--db", world.runtime.settings.resolved_database_url]
    for n, checkpoint in enumerate(checkpoints):
        path = tmp_path / f"checkpoint-{n}.json"
        path.write_bytes(checkpoint_to_json(checkpoint))
        args += ["--checkpoint", str(path)]
    if key is not None:
        (tmp_path / "public.pem").write_bytes(public_key_to_pem(key.public_key()))
        args += ["--public-key", str(tmp_path / "public.pem")]
    return CliRunner().invoke(cli, args)


def assert_caught(
    world: World,
    tmp_path: Path,
    *,
    seq: int,
    kind: str,
    checkpoints: list[Checkpoint] | None = None,
    key: Ed25519PrivateKey | None = None,
) -> None:
    """Both the service and the command fail at event ``seq`` with ``kind``, and name that event first."""
    result = _verify(world, checkpoints or [], key)
    assert not result.ok
    assert result.problem is not None
    assert (result.problem.seq, result.problem.kind) == (seq, kind)
    assert re.findall(r"events? (\d+)", result.problem.message)[0] == str(seq), result.problem.message
    command = _verify_cli(world, tmp_path, checkpoints or [], key)
    assert command.exit_code == 1, command.output
    assert f"TAMPERED ({kind}): {result.problem.message}" in command.output


def test_the_untouched_log_verifies(log: World, tmp_path: Path) -> None:
    result = _verify(log, [], None)
    command = _verify_cli(log, tmp_path, [], None)
    assert (result.ok, result.checked, result.head) == (True, 30, _head(log))
    assert command.exit_code == 0, command.output
    assert "events checked: 30" in command.output


def test_an_edited_field_is_caught_at_that_event(log: World, tmp_path: Path) -> None:
    _sql(log, "UPDATE audit_events SET reason = 'x' WHERE seq = :seq", seq=TOUCHED)
    assert_caught(log, tmp_path, seq=TOUCHED, kind="changed")


def test_an_edited_event_with_its_hash_recomputed_is_caught_at_that_event(log: World, tmp_path: Path) -> None:
    _store(log, _rehashed(_event(log, TOUCHED), reason="x"))
    assert_caught(log, tmp_path, seq=TOUCHED, kind="changed")


def test_a_deleted_event_is_caught_where_it_was(log: World, tmp_path: Path) -> None:
    _sql(log, "DELETE FROM audit_events WHERE seq = :seq", seq=TOUCHED)
    assert_caught(log, tmp_path, seq=TOUCHED, kind="deleted")


def test_two_rows_with_swapped_contents_are_caught_at_the_first(log: World, tmp_path: Path) -> None:
    first, second = _event(log, TOUCHED), _event(log, TOUCHED + 1)
    _store(log, msgspec.structs.replace(second, seq=TOUCHED))
    _store(log, msgspec.structs.replace(first, seq=TOUCHED + 1))
    assert_caught(log, tmp_path, seq=TOUCHED, kind="changed")


def test_two_events_swapped_with_their_hashes_recomputed_are_caught_as_reordered(log: World, tmp_path: Path) -> None:
    first, second = _event(log, TOUCHED), _event(log, TOUCHED + 1)
    _store(log, _rehashed(second, seq=TOUCHED))
    _store(log, _rehashed(first, seq=TOUCHED + 1))
    assert_caught(log, tmp_path, seq=TOUCHED, kind="reordered")


def test_deleting_the_last_event_goes_unnoticed_without_a_checkpoint(log: World) -> None:
    _sql(log, "DELETE FROM audit_events WHERE seq = 30")
    result = _verify(log, [], None)
    assert (result.ok, result.checked) == (True, 29)


def test_deleting_the_last_event_is_caught_by_a_checkpoint_of_the_head(
    log: World, tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    checkpoint = sign_checkpoint(key, log=LOG, head=_head(log), at=log.clock())
    _sql(log, "DELETE FROM audit_events WHERE seq = 30")
    assert_caught(log, tmp_path, seq=30, kind="deleted", checkpoints=[checkpoint], key=key)


def test_truncating_the_log_after_a_checkpoint_is_caught_at_the_first_cut_event(
    log: World, tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    with log.runtime.uow(write=True) as uow:
        checkpoint = create_checkpoint(uow, key=key, log_name=LOG, at=log.clock(), actor=SYSTEM)
    _sql(log, "DELETE FROM audit_events WHERE seq >= :seq", seq=TOUCHED)
    assert_caught(log, tmp_path, seq=TOUCHED, kind="deleted", checkpoints=[checkpoint], key=key)


def test_rewriting_history_consistently_is_caught_at_the_checkpoint_it_contradicts(
    log: World, tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    checkpoint = sign_checkpoint(key, log=LOG, head=_head(log), at=log.clock())
    head = head_of(_event(log, TOUCHED - 1))
    for seq in range(TOUCHED, 31):
        original = _event(log, seq)
        reason = "nothing to see" if seq == TOUCHED else original.reason
        details = dict(original.details)
        fields = {name: getattr(original, name) for name in ("at", "actor", "action", "object")}
        event = append(head, **fields, reason=reason, details=details)
        _store(log, event)
        head = head_of(event)
    assert_caught(log, tmp_path, seq=30, kind="changed", checkpoints=[checkpoint], key=key)


def test_a_checkpoint_signed_with_another_key_fails_with_the_right_public_key(
    log: World, tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    forged = sign_checkpoint(generate_key(), log=LOG, head=_head(log), at=log.clock())
    assert_caught(log, tmp_path, seq=30, kind="signature", checkpoints=[forged], key=key)


def test_the_untouched_log_holds_its_own_checkpoints(log: World, tmp_path: Path, key: Ed25519PrivateKey) -> None:
    checkpoints = []
    for _ in range(2):
        with log.runtime.uow(write=True) as uow:
            checkpoints.append(create_checkpoint(uow, key=key, log_name=LOG, at=log.clock(), actor=SYSTEM))
    result = _verify(log, checkpoints, key)
    command = _verify_cli(log, tmp_path, checkpoints, key)
    assert (result.ok, result.checked, result.checkpoints) == (True, 32, 2)
    assert command.exit_code == 0, command.output
