"""`netgov export statements`: every statement of reasons, as the DSA Transparency Database
takes them or as CSV, JSON Lines or Parquet for analysts. See docs/statements.md."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import click

from netgov.cli.acting import AS, actor
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_database, service_errors
from netgov.governance.dsa_tdb import BATCH_MAX
from netgov.service.clock import system_clock
from netgov.service.export_formats import Format
from netgov.service.exports import Prepared, export_stream, prepare_export
from netgov.service.statement_exports import start_of
from netgov.store.unit_of_work import UnitOfWork


@click.group("export")
def export_group() -> None:
    """Export records in bulk: statements of reasons (with their decisions) in four formats.

    Exports stream: no row cap, and memory stays flat however many rows there are."""


@export_group.command("statements")
@click.option(
    "--format",
    "form",
    required=True,
    type=click.Choice([f.value for f in Format]),
    help='dsa-tdb: request bodies for the DSA Transparency Database ({"statements": [...]}, at most 100, '
    "one per line), each statement checked against its rules first; csv, jsonl, parquet: one row per "
    "statement with its decision's columns, for analysts.",
)
@click.option(
    "--out",
    required=True,
    metavar="PATH",
    help="The file to write (replaced only once the export is complete); `-` for standard output (not parquet).",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%z"]),
    default=None,
    help="Only statements issued on or after this date (UTC unless the time has an offset), e.g. 2026-05-01.",
)
@click.option("--platform", default=None, metavar="ID", help="Only this platform's statements.")
@AS
@db_option
def export_statements(
    form: str, out: str, since: datetime | None, platform: str | None, username: str | None, db: str | None
) -> None:
    """Write every statement of reasons issued before now (or since --since) to --out.

    As the operator every statement is exported; with --as, those the staff member may
    export (statement.export). No export carries account ids, post text or reporters. A
    statement the DSA Transparency Database would refuse stops a dsa-tdb export before
    anything is written, naming the statement and the field."""
    chosen = Format(form)
    if out == "-" and chosen is Format.PARQUET:
        raise click.BadParameter("Parquet is a binary file: give a path", param_hint="--out")
    settings = service_settings(db)
    with operator_database(settings) as database, service_errors():
        with UnitOfWork(database, write=False) as uow:
            prepared = prepare_export(
                uow,
                actor=actor(uow, username),
                form=chosen,
                platform=platform,
                since=None if since is None else start_of(since),
                at=system_clock(),
            )
        chunks = export_stream(lambda: UnitOfWork(database, write=False), prepared)
        written = _to_stdout(chunks) if out == "-" else _to_file(chunks, Path(out))
    click.echo(_summary(prepared, written, out), err=True)


def _to_stdout(chunks: Iterable[bytes]) -> int:
    written = 0
    for chunk in chunks:
        sys.stdout.buffer.write(chunk)
        written += len(chunk)
    sys.stdout.buffer.flush()
    return written


def _to_file(chunks: Iterable[bytes], path: Path) -> int:
    """Write next to ``path`` and move into place at the end: a failed export leaves no file."""
    if not path.parent.is_dir():
        raise click.BadParameter(f"no directory {str(path.parent)!r}", param_hint="--out")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        written = 0
        with os.fdopen(handle, "wb") as sink:
            for chunk in chunks:
                sink.write(chunk)
                written += len(chunk)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return written


def _summary(prepared: Prepared, written: int, out: str) -> str:
    where = "standard output" if out == "-" else out
    if prepared.check is None:
        return f"wrote {written:,} bytes of {prepared.form.value} to {where}"
    check = prepared.check
    batches = -(-check.exported // BATCH_MAX)
    line = f"wrote {check.exported:,} statements in {batches:,} batches to {where}"
    if check.outside:
        examples = ", ".join(check.outside_examples)
        line += (
            f"; left out {check.outside:,} whose measure applies in no EU/EEA state (e.g. {examples}): "
            "the DSA Transparency Database takes statements about the EU/EEA only"
        )
    return line
