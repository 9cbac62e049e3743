"""``netgov coverage``: is every level staffed, and where does uncovered work go?"""

from __future__ import annotations

import click
import msgspec

from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.service.coverage_report import DEFAULT_OVERLOAD_RATIO, CoverageDocument, GapRow, network_coverage
from netgov.service.permissions import SYSTEM


@click.command("coverage")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", help="Output format.")
@click.option("--under", metavar="CODE", default=None, help="Only this jurisdiction's subtree.")
@click.option(
    "--overload-ratio",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_OVERLOAD_RATIO,
    show_default=True,
    help="Open cases per seated staff member above which an office counts as overloaded.",
)
@db_option
def coverage_command(fmt: str, under: str | None, overload_ratio: float, db: str | None) -> None:
    """The coverage report over the active jurisdictions: per level, how many jurisdictions have
    an office of their own and how many of those offices have staff; the jurisdictions without an
    office and where their work goes instead (the nearest ancestor's office, or NOT COVERED);
    overloaded offices; offices without staff; offices left on retired jurisdictions."""
    with operator_work(service_settings(db), write=False) as uow:
        document = network_coverage(uow, actor=SYSTEM, under=under, overload_ratio=overload_ratio)
    if fmt == "json":
        click.echo(msgspec.json.format(msgspec.json.encode(document), indent=2).decode())
    else:
        click.echo(render(document))


def render(document: CoverageDocument) -> str:
    """The report as plain aligned text, for a terminal or a mail."""
    width = max([10, *(len(row.level) for row in document.levels)])
    lines = [f"coverage of {', '.join(document.scope) or 'nothing'}", ""]
    lines.append(
        f"{'level':<{width}} {'jurisdictions':>13} {'with office':>11} {'share':>6} {'offices':>7} {'staffed':>7}"
    )
    lines += [
        f"{r.level:<{width}} {r.jurisdictions:>13} {r.with_office:>11} {r.share_with_office:>6.0%} "
        f"{r.offices:>7} {r.staffed_offices:>7}"
        for r in document.levels
    ]
    lines += ["", f"jurisdictions without an office of their own: {len(document.gaps)}"]
    lines += [f"  {gap.jurisdiction} {gap.name} ({gap.level}) -> {_destination(gap)}" for gap in document.gaps]
    lines += ["", f"offices over {document.overload_ratio:g} open cases per staff member: {len(document.overloaded)}"]
    lines += [
        f"  {o.office} ({o.jurisdiction}): {o.open_cases} open, {o.staff} staff, {o.per_staff:.1f} per staff member"
        for o in document.overloaded
    ]
    lines += ["", f"offices without staff: {len(document.unstaffed)}"]
    lines += [f"  {o.office} ({o.jurisdiction}): {o.open_cases} open" for o in document.unstaffed]
    if document.on_retired_jurisdictions:
        lines += ["", f"offices on retired jurisdictions: {len(document.on_retired_jurisdictions)}"]
        lines += [f"  {o.office} ({o.jurisdiction}): move it" for o in document.on_retired_jurisdictions]
    return "\n".join(lines)


def _destination(gap: GapRow) -> str:
    if gap.goes_to is None:
        return "NOT COVERED"
    up = gap.goes_to.levels_up
    return f"{gap.goes_to.office} in {gap.goes_to.jurisdiction} ({up} level{'s' if up > 1 else ''} up)"
