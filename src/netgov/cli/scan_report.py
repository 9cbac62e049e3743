"""Human-readable output of ``netgov scan``: flagged posts and the closing summary."""

from __future__ import annotations

from typing import BinaryIO

import msgspec
from rich.console import Console
from rich.table import Table

from netgov.core.decision import Decision
from netgov.core.highlight import Piece, Segment, segments
from netgov.scan.records import Outcome
from netgov.scan.summary import ScanSummary


def print_pretty(outcome: Outcome, sink: BinaryIO) -> None:
    decision = msgspec.json.decode(outcome.json, type=Decision)
    lines = [f"line {outcome.line}  content {decision.content_id}  ->  {decision.action.value.upper()}"]
    for hit in decision.rules:
        ground = hit.legal_ground
        shadow = "  [shadow: recorded, not enforced]" if hit.mode.value == "shadow" else ""
        lines.append(f"  rule {hit.rule} ({hit.category.value}) -> {hit.action.value}{shadow}")
        lines.append(f"    basis: {ground.regulation} {ground.version} Art. {ground.article} {ground.article_title}")
    lines.append(f"  text: {highlight(outcome.text, decision)}")
    for signal in decision.signals:
        spans = ", ".join(f"[{e.start}:{e.end}] {e.entry!r}" for e in signal.evidence[:6])
        lines.append(f"  signal {signal.key} score {signal.score:.2f}: {spans}")
    sink.write(("\n".join(lines) + "\n\n").encode("utf-8"))


def print_summary(console: Console, summary: ScanSummary, seconds: float) -> None:
    table = Table(title="decisions by category and action")
    table.add_column("category")
    table.add_column("action")
    table.add_column("posts", justify="right")
    for (category, action), count in sorted(summary.by_category_action.items()):
        table.add_row(category, action, str(count))
    table.add_row("(none)", "allow", str(summary.by_action.get("allow", 0)), style="dim")
    console.print(table)
    rate = summary.posts / seconds if seconds > 0 else 0.0
    console.print(
        f"{summary.posts} posts decided, {summary.malformed} malformed line(s) reported, "
        f"{seconds:.2f} s, {rate:,.0f} posts/s",
        highlight=False,
    )


def highlight(text: str, decision: Decision, limit: int = 240) -> str:
    """The text with every evidence span wrapped in [[ ]], shortened to ``limit``.

    Personal data (evidence with a digest) is never shown: its span is replaced by its
    kind and digest, so the tool that fights doxxing does not print the data itself.
    """
    shown = "".join(_shown(segment) for segment in segments(text, decision)).replace("\n", " ")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _shown(segment: Segment) -> str:
    if segment.kind is Piece.PERSONAL_DATA:
        return f"[[<{segment.entry} #{segment.digest[:8]}>]]"
    if segment.kind is Piece.EVIDENCE:
        return f"[[{segment.text}]]"
    return segment.text
