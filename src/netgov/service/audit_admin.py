"""Running the audit log: verifying the stored chain, the installation's signing key,
signed checkpoints of the head, and reading the latest events.

The pure parts (hashing, linking, signing) live in ``netgov.audit``; this module holds
them to what is in the database.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path

import msgspec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from netgov.audit.chain import AuditEvent, ChainBreak, ChainHead, verify_chain
from netgov.audit.checkpoints import (
    Checkpoint,
    check_against_checkpoint,
    generate_key,
    key_id,
    load_private_key,
    private_key_to_pem,
    public_key_to_pem,
    sign_checkpoint,
    verify_checkpoint,
)
from netgov.errors import AuditError, InvalidRequestError, NotFoundError
from netgov.identity.authorization import Resource
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.audit_trail import Entry, record
from netgov.service.permissions import require
from netgov.settings import Settings
from netgov.store.unit_of_work import UnitOfWork

AUDIT_LOG = Resource(kind="audit_log")
MAX_RECENT = 500
# How often (in events) a long verification reports progress.
PROGRESS_EVERY = 10_000

Progress = Callable[[int], None]


class VerifyResult(msgspec.Struct, frozen=True, kw_only=True):
    """The outcome of ``verify_log``. ``checked`` counts the events that verified, up to
    ``head``, the last event known good; ``problem`` is the first thing found wrong (lowest
    seq), from the chain itself or from a checkpoint; ``checkpoints`` counts those given."""

    ok: bool
    checked: int
    head: ChainHead
    problem: ChainBreak | None
    checkpoints: int


def verify_log(
    uow: UnitOfWork,
    *,
    checkpoints: Sequence[Checkpoint] = (),
    public_key: Ed25519PublicKey | None = None,
    progress: Progress | None = None,
) -> VerifyResult:
    """Stream the whole stored chain through ``verify_chain``, then hold it to each checkpoint.

    With ``public_key``, a checkpoint it did not sign is itself a failure (kind "signature")
    and is not trusted further. Without it, checkpoints are only compared with the log.
    ``progress`` is called with the running count every ``PROGRESS_EVERY`` events.
    """
    report = verify_chain(_counted(uow.audit.events(), progress))
    problems = [report.problem] if report.problem else []
    for checkpoint in checkpoints:
        problem = _check_checkpoint(uow, checkpoint, public_key, report.head if report.ok else None)
        if problem is not None:
            problems.append(problem)
    first = min(problems, key=lambda problem: problem.seq, default=None)
    return VerifyResult(
        ok=first is None, checked=report.checked, head=report.head, problem=first, checkpoints=len(checkpoints)
    )


def _counted(events: Iterable[AuditEvent], progress: Progress | None) -> Iterator[AuditEvent]:
    if progress is None:
        yield from events
        return
    count = 0
    for event in events:
        yield event
        count += 1
        if count % PROGRESS_EVERY == 0:
            progress(count)
    progress(count)


def _check_checkpoint(
    uow: UnitOfWork, checkpoint: Checkpoint, public_key: Ed25519PublicKey | None, intact_head: ChainHead | None
) -> ChainBreak | None:
    if public_key is not None and not verify_checkpoint(public_key, checkpoint):
        message = (
            f"the checkpoint of event {checkpoint.seq} is not signed by the given public key "
            f"(it names key {checkpoint.key_id}, the public key is {key_id(public_key)})"
        )
        return ChainBreak(seq=checkpoint.seq, kind="signature", message=message)
    if intact_head is not None and intact_head.seq < checkpoint.seq:
        # The chain itself is sound but ends early: the first missing event is where the cut was.
        first = intact_head.seq + 1
        missing = f"event {first} was" if first == checkpoint.seq else f"events {first} to {checkpoint.seq} were"
        ends = f"the log ends at event {intact_head.seq}" if intact_head.seq else "the log is empty"
        message = f"{missing} deleted: {ends}, but a checkpoint signed event {checkpoint.seq}"
        return ChainBreak(seq=first, kind="deleted", message=message)
    return check_against_checkpoint(uow.audit.event, checkpoint)


def load_or_create_signing_key(settings: Settings) -> Ed25519PrivateKey:
    """The installation's Ed25519 checkpoint key at ``settings.audit_key_path``; on first
    use a new key is written there, readable by its owner only (0600)."""
    path = settings.audit_key_path
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    key = generate_key()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: if another process created the key meanwhile, use theirs rather than overwrite it.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)
    except OSError as error:
        raise AuditError(f"cannot create the checkpoint signing key {path}: {error.strerror}") from error
    with os.fdopen(descriptor, "wb") as file:
        file.write(private_key_to_pem(key))
    return key


def _read_key(path: Path) -> Ed25519PrivateKey:
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise AuditError(f"cannot read the checkpoint signing key {path}: {error.strerror}") from error
    try:
        return load_private_key(pem)
    except AuditError as error:
        raise AuditError(f"{path}: {error}") from error


def public_key_pem(settings: Settings) -> bytes:
    """The PEM public key that checks this installation's checkpoints; NotFoundError
    before the signing key exists (it is created by the first checkpoint)."""
    if not settings.audit_key_path.exists():
        raise NotFoundError(
            "this installation has no checkpoint signing key yet; it is created by the first checkpoint"
        )
    return public_key_to_pem(_read_key(settings.audit_key_path).public_key())


def create_checkpoint(
    uow: UnitOfWork, *, key: Ed25519PrivateKey, log_name: str, at: datetime, actor: Principal
) -> Checkpoint:
    """Sign the chain's head, store the checkpoint, then log an ``audit.checkpoint`` event
    (so the checkpoint covers the head before its own event), and commit."""
    require(actor, Activity.AUDIT_CHECKPOINT, AUDIT_LOG)
    head = uow.audit.lock_head()
    checkpoint = sign_checkpoint(key, log=log_name, head=head, at=at)
    uow.audit.add_checkpoint(checkpoint)
    entry = Entry(
        actor=actor.actor,
        action="audit.checkpoint",
        object=f"audit_checkpoint:{checkpoint.seq}",
        reason=f"signed the head of log {log_name} at event {checkpoint.seq} for publication",
        details={"seq": checkpoint.seq, "head_hash": checkpoint.head_hash, "key_id": checkpoint.key_id},
    )
    record(uow, [entry], at=at)
    uow.commit()
    return checkpoint


def published_checkpoints(uow: UnitOfWork) -> list[Checkpoint]:
    """Every stored checkpoint, oldest first: public, they are meant to be copied elsewhere."""
    return uow.audit.checkpoints()


def latest_checkpoint(uow: UnitOfWork) -> Checkpoint:
    stored = uow.audit.checkpoints()
    if not stored:
        raise NotFoundError("no audit checkpoint has been signed yet; run `netgov audit checkpoint`")
    return stored[-1]


def recent_events(uow: UnitOfWork, principal: Principal, *, before: int | None, limit: int) -> list[AuditEvent]:
    """The newest ``limit`` events (below seq ``before`` when given), newest first; needs
    ``audit.read`` over the whole log (operators at the command line act as SYSTEM)."""
    require(principal, Activity.AUDIT_READ, AUDIT_LOG)
    if not 1 <= limit <= MAX_RECENT:
        raise InvalidRequestError(f"limit must be between 1 and {MAX_RECENT}")
    return uow.audit.recent(limit=limit, before=before)


def checkpoints_from_json(data: bytes) -> list[Checkpoint]:
    """One checkpoint (as ``netgov audit checkpoint`` prints it) or a JSON list of them (as
    ``GET /v1/audit/checkpoints`` serves them); malformed input raises AuditError."""
    try:
        if data.lstrip().startswith(b"["):
            return msgspec.json.decode(data, type=list[Checkpoint])
        return [msgspec.json.decode(data, type=Checkpoint)]
    except msgspec.DecodeError as error:
        raise AuditError(f"not a valid audit checkpoint: {error}") from error
