"""``netgov banks``: create hash banks, import and export them in ThreatExchange/HMA
formats, tombstone false positives, and confirm imports held by the flood guard."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
import platformdirs

from netgov.core.taxonomy import Category
from netgov.media.banks import FORMATS, SIGNAL_TYPES, BankError, BankImportError, FileBankStore, FloodGuard
from netgov.media.banks import service as banks
from netgov.media.banks.formats import guess_format, read_signals, write_signals
from netgov.media.banks.model import BankSettings, Entry, normalize_value

F = TypeVar("F", bound=Callable[..., Any])


def default_banks_dir() -> Path:
    configured = os.environ.get("NETGOV_BANKS_DIR")
    return Path(configured) if configured else Path(platformdirs.user_data_dir("netgov")) / "banks"


def banks_option(function: F) -> F:
    return click.option(
        "--banks",
        "banks_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Banks directory. Default: $NETGOV_BANKS_DIR, else the user data directory's netgov/banks.",
    )(function)


def guard_options(function: F) -> F:
    function = click.option(
        "--flood-share",
        type=click.FloatRange(0, 1),
        default=0.01,
        show_default=True,
        help="Hold new PDQ entries for confirmation if they match more than this share of recent traffic.",
    )(function)
    return click.option(
        "--flood-min",
        type=click.IntRange(0),
        default=20,
        show_default=True,
        help="...and at least this many sampled traffic hashes.",
    )(function)


def open_store(banks_dir: Path | None) -> FileBankStore:
    return FileBankStore(banks_dir or default_banks_dir())


def fail(error: BankError) -> None:
    """Print a bank error (every bad row for an import) and exit with status 1."""
    lines = error.problems if isinstance(error, BankImportError) else (str(error),)
    for line in lines:
        click.echo(line, err=True)
    if isinstance(error, BankImportError):
        click.echo(f"{len(lines)} invalid row(s); nothing was imported.", err=True)
    raise SystemExit(1)


def report(result: banks.IngestResult) -> None:
    skipped = f"{result.already_present} already present, {result.tombstoned} tombstoned"
    if result.held:
        click.echo(
            f"{result.bank}: HELD {result.held} new entries for confirmation: they match "
            f"{result.traffic_matches} of {result.traffic_sample} recent traffic hashes ({skipped}). "
            f"Run `netgov banks confirm {result.bank}` or `netgov banks reject {result.bank}`."
        )
    else:
        click.echo(f"{result.bank}: added {result.added} entries ({skipped})")


@click.group("banks")
def banks_group() -> None:
    """Hash banks: known-bad media hashes that uploads are matched against.

    Banks hold PDQ, video_md5, md5 and sha256 values with their provenance; removed
    values are tombstoned and stay removed on re-import; imports that would match an
    abnormal share of recent traffic are held until confirmed.
    """


@banks_group.command("create")
@click.argument("name")
@click.option("--description", default="", help="What the bank holds.")
@click.option("--source", default="", help="Where its hashes come from (a programme, a team).")
@click.option("--category", type=click.Choice([c.value for c in Category]), default=None, help="Taxonomy category.")
@click.option("--threshold", type=click.IntRange(0, 256), default=31, show_default=True, help="PDQ distance (bits).")
@click.option("--negative", is_flag=True, help="A bank of known false positives: its matches cancel others.")
@click.option(
    "--rollout", type=click.FloatRange(0, 1), default=1.0, show_default=True, help="Share of content to match."
)
@click.option("--disabled", is_flag=True, help="Create the bank disabled (not matched).")
@banks_option
def create(name: str, category: str | None, disabled: bool, banks_dir: Path | None, **settings: Any) -> None:
    """Create bank NAME with its settings (all can be given now; defaults: threshold 31, enabled)."""
    store = open_store(banks_dir)
    chosen = Category(category) if category else None
    bank = BankSettings(name=name, category=chosen, enabled=not disabled, created_at=datetime.now(UTC), **settings)
    try:
        banks.create_bank(store, bank)
    except BankError as error:
        fail(error)
    click.echo(f"created bank {name} in {store.root}")


@banks_group.command("list")
@banks_option
def list_banks(banks_dir: Path | None) -> None:
    """List the banks with their settings, live entries and held entries."""
    store = open_store(banks_dir)
    for bank in store.banks():
        live, held = len(banks.live_entries(store, bank.name)), len(store.pending(bank.name))
        flags = [
            "enabled" if bank.enabled else "DISABLED",
            f"threshold {bank.threshold}",
            f"rollout {bank.rollout:g}",
        ]
        flags += ["negative"] if bank.negative else []
        flags += [f"HELD {held} awaiting confirm"] if held else []
        category = bank.category.value if bank.category else "-"
        click.echo(f"{bank.name}\t{category}\t{live} entries\t{', '.join(flags)}")


@banks_group.command("show")
@click.argument("name")
@click.option("--limit", type=click.IntRange(0), default=10, show_default=True, help="Entries to print.")
@banks_option
def show(name: str, limit: int, banks_dir: Path | None) -> None:
    """Print bank NAME's settings, counts and its most recent entries."""
    store = open_store(banks_dir)
    try:
        bank = banks.require_bank(store, name)
    except BankError as error:
        fail(error)
    entries = banks.live_entries(store, name)
    for field in BankSettings.__struct_fields__:
        click.echo(f"{field:12} {getattr(bank, field)}")
    click.echo(f"{'entries':12} {len(entries)}")
    click.echo(f"{'tombstones':12} {len(banks.tombstoned(store, name))}")
    click.echo(f"{'held':12} {len(store.pending(name))}")
    for entry in entries[-limit:] if limit else []:
        click.echo(f"  {entry.signal_type} {entry.value} {entry.provenance} {entry.added_at or ''}".rstrip())


@banks_group.command("add")
@click.argument("name")
@click.argument("values", nargs=-1, required=True)
@click.option("--signal-type", type=click.Choice(sorted(SIGNAL_TYPES)), default="pdq", show_default=True)
@click.option("--provenance", default="", help="Who or where the values came from.")
@guard_options
@banks_option
def add(name: str, values: tuple[str, ...], signal_type: str, provenance: str, **options: Any) -> None:
    """Add VALUES to bank NAME (tombstoned values are skipped)."""
    store = open_store(options.pop("banks_dir"))
    now = datetime.now(UTC)
    try:
        entries = [Entry(signal_type=signal_type, value=_value(signal_type, v), provenance=provenance) for v in values]
        report(banks.ingest(store, name, entries, now=now, guard=_guard(options)))
    except BankError as error:
        fail(error)


@banks_group.command("remove")
@click.argument("name")
@click.argument("values", nargs=-1, required=True)
@click.option("--signal-type", type=click.Choice(sorted(SIGNAL_TYPES)), default="pdq", show_default=True)
@click.option("--reason", default="", help="Why (e.g. 'false positive: stock photo').")
@banks_option
def remove(name: str, values: tuple[str, ...], signal_type: str, reason: str, banks_dir: Path | None) -> None:
    """Tombstone VALUES in bank NAME: they stop matching and stay out on re-import."""
    store = open_store(banks_dir)
    try:
        keys = [(signal_type, _value(signal_type, v)) for v in values]
        count = banks.remove(store, name, keys, now=datetime.now(UTC), reason=reason)
    except BankError as error:
        fail(error)
    click.echo(f"{name}: tombstoned {count} value(s)")


@banks_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Default: from the file's suffix.")
@click.option("--bank", default=None, help="Import every row into this bank (else the file's 'bank' column).")
@click.option("--provenance", default=None, help="Provenance for rows without one. Default: the file name.")
@guard_options
@banks_option
def import_file(file: Path, fmt: str | None, bank: str | None, provenance: str | None, **options: Any) -> None:
    """Import a ThreatExchange/HMA signal FILE (signal_type, signal_value columns).

    Invalid rows are printed as file:line and nothing is imported. Values already
    present or tombstoned are skipped, so importing the same file again changes nothing.
    """
    store = open_store(options.pop("banks_dir"))
    chosen = guess_format(file) if fmt is None else fmt
    try:
        rows = read_signals(file, chosen, bank=bank, provenance=provenance or file.name)  # type: ignore[arg-type]
        for result in banks.import_rows(store, rows, now=datetime.now(UTC), guard=_guard(options)):
            report(result)
    except BankError as error:
        fail(error)


@banks_group.command("export")
@click.argument("name")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Default: from the file's suffix.")
@banks_option
def export(name: str, file: Path, fmt: str | None, banks_dir: Path | None) -> None:
    """Export bank NAME's live entries to FILE with provenance (tombstoned ones left out)."""
    store = open_store(banks_dir)
    try:
        entries = banks.live_entries(store, name)
    except BankError as error:
        fail(error)
    with file.open("w", encoding="utf-8", newline="") as out:
        count = write_signals(out, name, entries, guess_format(file) if fmt is None else fmt)  # type: ignore[arg-type]
    click.echo(f"{name}: exported {count} entries to {file}")


@banks_group.command("confirm")
@click.argument("name")
@banks_option
def confirm(name: str, banks_dir: Path | None) -> None:
    """Make the entries held by the flood guard for bank NAME live."""
    try:
        count = banks.confirm(open_store(banks_dir), name)
    except BankError as error:
        fail(error)
    click.echo(f"{name}: {count} held entries are now live")


@banks_group.command("reject")
@click.argument("name")
@banks_option
def reject(name: str, banks_dir: Path | None) -> None:
    """Drop the entries held by the flood guard for bank NAME."""
    try:
        count = banks.reject(open_store(banks_dir), name)
    except BankError as error:
        fail(error)
    click.echo(f"{name}: dropped {count} held entries")


def _value(signal_type: str, value: str) -> str:
    try:
        return normalize_value(signal_type, value)
    except ValueError as error:
        raise BankError(str(error)) from None


def _guard(options: dict[str, Any]) -> FloodGuard:
    return FloodGuard(max_share=options["flood_share"], min_matches=options["flood_min"])
