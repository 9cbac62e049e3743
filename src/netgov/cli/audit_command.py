"""``netgov audit``: verify the tamper-evident audit log, sign checkpoints of its head for
publication, print the public key that checks them, and read the latest events."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from rich.console import Console
from rich.progress import Progress as ProgressBar

from netgov.audit.chain import AuditEvent
from netgov.audit.checkpoints import Checkpoint, checkpoint_to_json, load_public_key, public_key_to_pem
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.errors import AuditError
from netgov.service.audit_admin import (
    MAX_RECENT,
    Progress,
    VerifyResult,
    checkpoints_from_json,
    create_checkpoint,
    load_or_create_signing_key,
    recent_events,
    verify_log,
)
from netgov.service.clock import system_clock
from netgov.service.permissions import SYSTEM
from netgov.settings import Settings

# Below this many events verification takes a moment, and a progress bar would only flicker.
LONG_LOG = 50_000

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group("audit")
def audit_group() -> None:
    """The tamper-evident audit log: verify it, sign and publish checkpoints, read it.

    Every change and every staff read of personal data is an event in a hash chain.
    `netgov audit verify` recomputes the chain and names the first event that was
    changed, deleted or reordered. Signed checkpoints of the head (`netgov audit
    checkpoint`), kept outside the database, also catch a log whose newest events were
    rewritten or cut off. The signing key lives in the data directory ($NETGOV_DATA_DIR).
    """


@audit_group.command("verify")
@db_option
@click.option(
    "--checkpoint",
    "checkpoint_files",
    type=_FILE,
    multiple=True,
    help="A checkpoint JSON file (one checkpoint, or the list GET /v1/audit/checkpoints serves). Repeatable.",
)
@click.option(
    "--public-key",
    "public_key_file",
    type=_FILE,
    default=None,
    help="The installation's PEM public key: checkpoints it did not sign fail. Without it, signatures are not checked.",
)
def verify_command(db: str | None, checkpoint_files: tuple[Path, ...], public_key_file: Path | None) -> None:
    """Recompute the audit log's hash chain and hold it to signed checkpoints.

    Prints how many events were checked and the head (last good event). Exits 0 when
    the log is intact, 1 naming the first event that was changed, deleted or reordered
    (or a checkpoint the public key did not sign), 2 if the database is not migrated.
    Without checkpoints the newest events can be dropped or rewritten unnoticed; pass
    the checkpoints you kept to catch that.
    """
    checkpoints = [checkpoint for path in checkpoint_files for checkpoint in _read_checkpoints(path)]
    public_key = _read_public_key(public_key_file) if public_key_file else None
    with operator_work(service_settings(db), write=False) as uow, _progress_bar(uow.audit.head().seq) as progress:
        result = verify_log(uow, checkpoints=checkpoints, public_key=public_key, progress=progress)
    _report(result, public_key)


@audit_group.command("checkpoint")
@db_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Write the checkpoint JSON to this file instead of standard output.",
)
def checkpoint_command(db: str | None, out: Path | None) -> None:
    """Sign the audit log's current head with the installation key and store the checkpoint.

    The key is created in the data directory on first use (mode 0600). The checkpoint
    JSON goes to standard output (or --out): publish it, or keep it anywhere the
    database's writers cannot reach, and later pass it to `netgov audit verify
    --checkpoint`. An `audit.checkpoint` event is logged right after the signed head.
    """
    settings = service_settings(db)
    with operator_work(settings, write=True) as uow:
        key = _signing_key(settings)
        signed = create_checkpoint(uow, key=key, log_name=settings.installation, at=system_clock(), actor=SYSTEM)
    document = checkpoint_to_json(signed).decode()
    summary = f"signed the head of log {signed.log}: event {signed.seq}, key {signed.key_id}"
    if out is None:
        click.echo(document)
        click.echo(summary, err=True)
        return
    out.write_text(document + "\n", encoding="utf-8")
    click.echo(f"{summary}; written to {out}")


@audit_group.command("public-key")
def public_key_command() -> None:
    """Print the PEM public key that checks this installation's checkpoints.

    Publish it next to the checkpoints: outsiders verify a checkpoint's Ed25519
    signature with it (`netgov audit verify --public-key FILE`, or the snippet in
    docs/audit.md). The signing key is created in the data directory if it is missing.
    """
    key = _signing_key(service_settings(None))
    click.echo(public_key_to_pem(key.public_key()).decode(), nl=False)


@audit_group.command("log")
@db_option
@click.option(
    "--limit",
    type=click.IntRange(1, MAX_RECENT),
    default=20,
    show_default=True,
    help="How many of the newest events to show.",
)
@click.option("--before", type=click.IntRange(1), default=None, help="Show events older than this seq (to page back).")
def log_command(db: str | None, limit: int, before: int | None) -> None:
    """Show the newest audit events, oldest first, one line each.

    Columns: seq, time (UTC), actor, action, object, reason. Read-only; reading the log
    from the command line is the operator's (SYSTEM) access to the database.
    """
    with operator_work(service_settings(db), write=False) as uow:
        events = recent_events(uow, SYSTEM, before=before, limit=limit)
    if not events:
        click.echo("no audit events")
    for event in reversed(events):
        click.echo(_line(event))


def _read_checkpoints(path: Path) -> list[Checkpoint]:
    try:
        return checkpoints_from_json(path.read_bytes())
    except AuditError as error:
        raise click.BadParameter(f"{path}: {error}", param_hint="--checkpoint") from error


def _read_public_key(path: Path) -> Ed25519PublicKey:
    try:
        return load_public_key(path.read_bytes())
    except AuditError as error:
        raise click.BadParameter(f"{path}: {error}", param_hint="--public-key") from error


def _signing_key(settings: Settings) -> Ed25519PrivateKey:
    try:
        return load_or_create_signing_key(settings)
    except AuditError as error:
        _fail(str(error))


@contextmanager
def _progress_bar(total: int) -> Iterator[Progress | None]:
    console = Console(stderr=True)
    if total < LONG_LOG or not console.is_terminal:
        yield None
        return
    with ProgressBar(console=console, transient=True) as bar:
        task = bar.add_task("verifying the audit chain", total=total)
        yield lambda done: bar.update(task, completed=done)


def _report(result: VerifyResult, public_key: Ed25519PublicKey | None) -> None:
    head = f"event {result.head.seq} ({result.head.hash})" if result.head.seq else "none (the log is empty)"
    click.echo(f"events checked: {result.checked}")
    click.echo(f"{'head:' if result.ok else 'last good event:'} {head}")
    if result.checkpoints and public_key is None:
        click.echo("note: checkpoint signatures were not checked; pass --public-key FILE", err=True)
    if result.problem is None:
        held = f", and it holds {result.checkpoints} checkpoint(s)" if result.checkpoints else ""
        click.echo(f"The audit log is intact{held}.")
        return
    click.echo(f"TAMPERED ({result.problem.kind}): {result.problem.message}")
    raise SystemExit(1)


def _line(event: AuditEvent) -> str:
    at = event.at.strftime("%Y-%m-%dT%H:%M:%SZ")
    # One event, one line: a reason typed with line breaks must not look like two events.
    reason = " ".join(event.reason.split())
    return f"{event.seq:>7}  {at}  {event.actor}  {event.action}  {event.object}  {reason}"


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(1)
