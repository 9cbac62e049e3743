"""``netgov scan``: decide every post of a JSONL file with a rulebook."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import IO, BinaryIO

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from netgov.cli.options import at_option, resolve_at, rules_option
from netgov.cli.rules_command import load_or_exit
from netgov.cli.scan_report import print_pretty, print_summary
from netgov.core.engine import Engine
from netgov.media.banks import open_index as open_bank_index
from netgov.media.matcher import MatcherOptions, MediaMatcher
from netgov.rulebook.loader import default_normalizer, default_options
from netgov.scan.records import Outcome
from netgov.scan.runner import numbered_lines, scan_parallel, scan_serial
from netgov.scan.summary import ScanSummary
from netgov.waves.config import WaveConfig
from netgov.waves.connect import open_store
from netgov.waves.tracker import WaveTracker


@click.command()
@click.argument("input_path", metavar="INPUT", required=False)
@rules_option
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write decisions here instead of standard output.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes to decide in; output keeps input order.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Stop with status 1 at the first malformed line instead of reporting it and going on.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "pretty"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one decision per line; pretty: the flagged posts, readable.",
)
@click.option(
    "--waves",
    "waves",
    default="memory",
    show_default=True,
    metavar="memory|off|redis://HOST:PORT/DB",
    help=(
        "Where near-duplicate waves and account velocity are tracked: in this process, "
        "not at all, or in a Redis shared with other workers and scans."
    ),
)
@click.option(
    "--banks",
    "banks_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help=(
        "Match each post's images and videos against the hash banks in this directory "
        "(see `netgov banks`); default: no media matching."
    ),
)
@click.option("--sample", is_flag=True, help="Scan the sample posts bundled with netgov instead of INPUT.")
@at_option
def scan(
    input_path: str | None,
    rules_dir: Path | None,
    out_path: Path | None,
    workers: int,
    strict: bool,
    output_format: str,
    sample: bool,
    waves: str,
    banks_dir: Path | None,
    at: datetime | None,
) -> None:
    """Decide every post in INPUT (JSONL, one post a line; - for standard input).

    Each line is a JSON object with at least "id" and "text" (optional: platform,
    account, urls, language, jurisdiction, created_at, metadata). Writes one decision per
    input line, in input order; a malformed line becomes {"line": N, "error": "..."} and
    is counted in the summary. The progress bar and the summary go to standard error.

    Posts are timed by their created_at (else --at) for waves: floods of near-identical
    posts from several accounts become "wave" signals, recorded in each decision's
    observations; account velocity is filled in where the platform did not send it.
    """
    if sample == (input_path is not None):
        raise click.UsageError("give either INPUT or --sample")
    now = resolve_at(at)
    engine = Engine(load_or_exit(rules_dir, now))
    tracker = _tracker(waves)
    matcher = _matcher(banks_dir, input_path)
    console = Console(stderr=True)
    summary = ScanSummary()
    started = time.perf_counter()
    with ExitStack() as stack:
        source = stack.enter_context(_open_input(input_path, sample))
        sink = stack.enter_context(_open_output(out_path))
        progress = stack.enter_context(_progress(console))
        task = progress.add_task("scanning", total=None)
        lines = numbered_lines(source)
        if workers > 1:
            outcomes = scan_parallel(rules_dir, lines, now, workers, tracker, matcher)
        else:
            outcomes = scan_serial(engine, lines, now, tracker, matcher)
        for outcome in outcomes:
            _emit(outcome, sink, output_format, console, strict)
            summary.add(outcome)
            progress.advance(task)
    print_summary(console, summary, time.perf_counter() - started)


def _tracker(waves: str) -> WaveTracker | None:
    if waves == "off":
        return None
    try:
        store = open_store(waves, WaveConfig.from_options(default_options()))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--waves") from error
    return WaveTracker(store, default_normalizer())


def _matcher(banks_dir: Path | None, input_path: str | None) -> MediaMatcher | None:
    if banks_dir is None:
        return None
    try:
        index = open_bank_index(banks_dir)
        options = MatcherOptions.from_options(default_options())
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--banks") from error
    base = Path(input_path).resolve().parent if input_path not in (None, "-") else Path.cwd()
    return MediaMatcher(index, options, base_dir=base)


def _emit(outcome: Outcome, sink: BinaryIO, output_format: str, console: Console, strict: bool) -> None:
    if outcome.error is not None:
        console.print(f"[red]line {outcome.line}: {outcome.error}[/red]", highlight=False)
        if strict:
            raise SystemExit(1)
    if output_format == "jsonl":
        sink.write(outcome.json + b"\n")
    elif outcome.action not in (None, "allow"):
        print_pretty(outcome, sink)


class _StdBinary:
    def __enter__(self) -> BinaryIO:
        return sys.stdout.buffer

    def __exit__(self, *exc: object) -> None:
        sys.stdout.buffer.flush()


def _open_output(out_path: Path | None) -> _StdBinary | BinaryIO:
    return out_path.open("wb") if out_path else _StdBinary()


def _open_input(input_path: str | None, sample: bool) -> _StdInput | IO[bytes]:
    if sample:
        return resources.files("netgov").joinpath("samples/posts.jsonl").open("rb")
    if input_path == "-":
        return _StdInput()
    path = Path(str(input_path))
    if not path.is_file():
        raise click.BadParameter(f"no such file: {path}", param_hint="INPUT")
    return path.open("rb")


class _StdInput:
    def __enter__(self) -> Iterator[bytes]:
        return iter(sys.stdin.buffer)

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:>9,.0f} posts/s")
