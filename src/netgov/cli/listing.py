"""Plain, aligned tables for the operator commands' `list` output (easy to read and to grep)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import click


def echo_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, empty: str) -> None:
    if not rows:
        click.echo(empty)
        return
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    for line in (headers, *rows):
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())


def moment(at: datetime | None, *, missing: str = "-") -> str:
    return missing if at is None else f"{at:%Y-%m-%d %H:%M} UTC"
