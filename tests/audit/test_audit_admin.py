"""Running the audit log over the database: verification, the signing key, checkpoints,
and reading the latest events."""

from __future__ import annotations

import re
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from netgov.audit.chain import canonical_time, event_hash
from netgov.audit.checkpoints import (
    Checkpoint,
    checkpoint_to_json,
    generate_key,
    key_id,
    load_public_key,
    private_key_to_pem,
    verify_checkpoint,
)
from netgov.errors import AuditError, InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.identity.principal import Grant, Principal
from netgov.identity.roles import Role
from netgov.service.audit_admin import (
    checkpoints_from_json,
    create_checkpoint,
    latest_checkpoint,
    load_or_create_signing_key,
    public_key_pem,
    published_checkpoints,
    recent_events,
    verify_log,
)
from netgov.service.permissions import SYSTEM
from netgov.service.staff import principal_of
from netgov.settings import Settings
from netgov.store.database import connect
from netgov.store.schema import upgrade
from netgov.store.unit_of_work import UnitOfWork
from tests.service_world import World

LOG = "examplia-test"
DOCS = Path(__file__).parents[2] / "docs" / "audit.md"


@pytest.fixture
def key(world: World) -> Ed25519PrivateKey:
    return load_or_create_signing_key(world.runtime.settings)


def _staff(world: World, username: str) -> Principal:
    with world.runtime.uow() as uow:
        row = uow.identity.staff_by_username(username)
        assert row is not None
        return principal_of(uow, row)


def _checkpoint(world: World, key: Ed25519PrivateKey, actor: Principal = SYSTEM) -> Checkpoint:
    with world.runtime.uow(write=True) as uow:
        return create_checkpoint(uow, key=key, log_name=LOG, at=world.clock(), actor=actor)


# Verifying


def test_verify_log_checks_every_stored_event_up_to_the_head(world: World) -> None:
    with world.runtime.uow() as uow:
        result, head = verify_log(uow), uow.audit.head()
    assert (result.ok, result.checked, result.head, result.problem) == (True, head.seq, head, None)


def test_verify_log_reports_progress_with_the_running_count(world: World) -> None:
    counts: list[int] = []
    with world.runtime.uow() as uow:
        result = verify_log(uow, progress=counts.append)
    assert counts == [result.checked]


def test_verify_log_of_an_empty_log_is_ok(database: str) -> None:
    engine = connect(database)
    upgrade(engine)
    try:
        with UnitOfWork(engine, write=False) as uow:
            result = verify_log(uow)
    finally:
        engine.dispose()
    assert (result.ok, result.checked, result.head.seq) == (True, 0, 0)


def _documented_event_hash() -> Any:
    """The standard-library re-implementation docs/audit.md gives, run as it is printed there."""
    snippet = re.search(r"```python\n(# event_hash\.py.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert snippet is not None, "docs/audit.md lost its event_hash.py snippet"
    namespace: dict[str, Any] = {}
    exec(compile(snippet.group(1), "event_hash.py", "exec"), namespace)
    return namespace["event_hash"]


def test_the_documented_re_implementation_reproduces_every_stored_hash(world: World) -> None:
    documented = _documented_event_hash()
    with world.runtime.uow() as uow:
        events = list(uow.audit.events())
    for event in events:
        fields = {name: getattr(event, name) for name in ("seq", "actor", "action", "object", "reason", "prev_hash")}
        assert documented(**fields, at=canonical_time(event.at), details=event.details) == event.hash


def test_the_documented_worked_example_has_the_documented_hash() -> None:
    example = event_hash(
        seq=42,
        at=datetime(2026, 6, 1, 9, 30, 15, 250000, tzinfo=UTC),
        actor="platform:chirp",
        action="decision.create",
        object="decision:dec_7f3a",
        reason="automated decision on submitted content",
        details={"platform": "chirp", "content": "post-17", "action": "remove", "score": 0.97, "automated": True},
        prev_hash="9f" * 32,
    )
    assert f"and its hash is `{example}`" in DOCS.read_text(encoding="utf-8")


# The signing key


def test_the_signing_key_is_created_on_first_use_readable_by_its_owner_only(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "new" / "data")
    load_or_create_signing_key(settings)
    assert stat.S_IMODE(settings.audit_key_path.stat().st_mode) == 0o600


def test_the_signing_key_is_the_same_on_every_later_use(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    first, second = load_or_create_signing_key(settings), load_or_create_signing_key(settings)
    assert key_id(first.public_key()) == key_id(second.public_key())


def test_an_unreadable_signing_key_is_an_audit_error_naming_the_file(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    settings.audit_key_path.mkdir()
    with pytest.raises(AuditError, match=r"cannot read the checkpoint signing key .*audit-signing-key\.pem"):
        load_or_create_signing_key(settings)


def test_a_malformed_signing_key_is_an_audit_error_naming_the_file(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    settings.audit_key_path.write_text("not a key")
    with pytest.raises(AuditError, match=r"audit-signing-key\.pem: cannot read the checkpoint signing key"):
        load_or_create_signing_key(settings)


def test_the_public_key_is_the_signing_keys(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    key = load_or_create_signing_key(settings)
    assert key_id(load_public_key(public_key_pem(settings))) == key_id(key.public_key())


def test_there_is_no_public_key_before_the_signing_key_exists(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no checkpoint signing key yet"):
        public_key_pem(Settings(data_dir=tmp_path))


def test_an_existing_signing_key_file_is_used_as_it_is(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    mine = generate_key()
    settings.audit_key_path.write_bytes(private_key_to_pem(mine))
    assert key_id(load_or_create_signing_key(settings).public_key()) == key_id(mine.public_key())


# Checkpoints


def test_a_checkpoint_signs_the_head_as_it_stood(world: World, key: Ed25519PrivateKey) -> None:
    with world.runtime.uow() as uow:
        head = uow.audit.head()
    checkpoint = _checkpoint(world, key)
    assert checkpoint.head == head
    assert verify_checkpoint(key.public_key(), checkpoint)


def test_a_checkpoint_is_followed_by_its_own_audit_event(world: World, key: Ed25519PrivateKey) -> None:
    checkpoint = _checkpoint(world, key)
    with world.runtime.uow() as uow:
        event = uow.audit.recent(limit=1)[0]
    assert (event.seq, event.actor, event.action) == (checkpoint.seq + 1, "system:netgov", "audit.checkpoint")
    assert event.details["head_hash"] == checkpoint.head_hash


def test_checkpoints_are_published_oldest_first(world: World, key: Ed25519PrivateKey) -> None:
    signed = [_checkpoint(world, key) for _ in range(3)]
    with world.runtime.uow() as uow:
        assert published_checkpoints(uow) == signed
        assert latest_checkpoint(uow) == signed[-1]


def test_there_is_no_latest_checkpoint_before_the_first(world: World) -> None:
    with world.runtime.uow() as uow, pytest.raises(NotFoundError, match="no audit checkpoint"):
        latest_checkpoint(uow)


def test_an_auditor_may_sign_a_checkpoint(world: World, key: Ed25519PrivateKey) -> None:
    _checkpoint(world, key, _staff(world, "auditor"))
    with world.runtime.uow() as uow:
        assert uow.audit.recent(limit=1)[0].actor == "staff:auditor"


def test_a_reviewer_may_not_sign_a_checkpoint_and_is_told_why(world: World, key: Ed25519PrivateKey) -> None:
    with pytest.raises(PermissionDeniedError, match=r"holds no role that may audit\.checkpoint"):
        _checkpoint(world, key, _staff(world, "reviewer_harbour"))
    with world.runtime.uow() as uow:
        assert published_checkpoints(uow) == []


def test_a_stored_checkpoint_verifies_the_log(world: World, key: Ed25519PrivateKey) -> None:
    _checkpoint(world, key)
    with world.runtime.uow() as uow:
        result = verify_log(uow, checkpoints=published_checkpoints(uow), public_key=key.public_key())
    assert (result.ok, result.checkpoints) == (True, 1)


def test_checkpoint_json_is_read_one_at_a_time_or_as_a_list(world: World, key: Ed25519PrivateKey) -> None:
    first, second = _checkpoint(world, key), _checkpoint(world, key)
    listed = b"[" + checkpoint_to_json(first) + b"," + checkpoint_to_json(second) + b"]"
    assert checkpoints_from_json(checkpoint_to_json(first)) == [first]
    assert checkpoints_from_json(b"  \n" + listed) == [first, second]


def test_malformed_checkpoint_json_is_an_audit_error_naming_the_field() -> None:
    with pytest.raises(AuditError, match=r"not a valid audit checkpoint: .*\$\[0\]"):
        checkpoints_from_json(b'[{"log": ""}]')


# Reading


def test_an_auditor_reads_the_newest_events_first(world: World) -> None:
    with world.runtime.uow() as uow:
        events = recent_events(uow, _staff(world, "auditor"), before=None, limit=3)
        head = uow.audit.head().seq
    assert [event.seq for event in events] == [head, head - 1, head - 2]


def test_recent_events_page_back_from_before(world: World) -> None:
    with world.runtime.uow() as uow:
        events = recent_events(uow, _staff(world, "auditor"), before=5, limit=10)
    assert [event.seq for event in events] == [4, 3, 2, 1]


def test_a_reviewer_may_not_read_the_audit_log_and_is_told_why(world: World) -> None:
    with world.runtime.uow() as uow, pytest.raises(PermissionDeniedError, match=r"holds no role that may audit\.read"):
        recent_events(uow, _staff(world, "reviewer_harbour"), before=None, limit=10)


def test_a_regional_supervisor_may_not_read_the_national_log(world: World) -> None:
    grant = Grant(role=Role.SUPERVISOR, jurisdiction="ex.north")
    supervisor = Principal(kind="staff", id="north_supervisor", name="North Supervisor", grants=(grant,))
    with world.runtime.uow() as uow, pytest.raises(PermissionDeniedError, match="not on audit_log"):
        recent_events(uow, supervisor, before=None, limit=10)


@pytest.mark.parametrize("limit", [0, 501])
def test_recent_events_refuse_a_limit_out_of_range(world: World, limit: int) -> None:
    with world.runtime.uow() as uow, pytest.raises(InvalidRequestError, match="between 1 and 500"):
        recent_events(uow, SYSTEM, before=None, limit=limit)
