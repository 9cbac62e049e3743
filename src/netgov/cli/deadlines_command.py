"""``netgov deadlines``: the working hours cases get, per category and source."""

from __future__ import annotations

import click

from netgov.cli.acting import AS, REASON, actor
from netgov.cli.listing import echo_table
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.core.taxonomy import Category
from netgov.governance.cases import CaseSource
from netgov.governance.deadline_rules import ANY
from netgov.service.case_deadlines import deadline_rules, remove_deadline_rule, set_deadline_rule
from netgov.service.clock import system_clock

_CATEGORY = click.argument("category", type=click.Choice([ANY, *(c.value for c in Category)]))
_SOURCE = click.argument("source", type=click.Choice([ANY, *(s.value for s in CaseSource)]))


@click.group("deadlines")
def deadlines_group() -> None:
    """Deadline rules: working hours allowed per (category, source), and the warning margin.

    `*` matches any category or source; the most specific rule applies. Built-in rules hold
    until a configured one with the same key replaces them. See docs/cases.md.
    """


@deadlines_group.command("list")
@db_option
def list_command(db: str | None) -> None:
    """List the rules in force, most general first, and whether each is built in or configured."""
    with operator_work(service_settings(db), write=False) as uow:
        configured = {(row.category, row.source) for row in uow.cases.deadline_policies()}
        rules = deadline_rules(uow).rules
    rows = [
        [
            r.category,
            r.source,
            f"{r.working_hours:g}",
            f"{r.warn_hours:g}",
            "configured" if r.key in configured else "built-in",
        ]
        for r in rules
    ]
    echo_table(["category", "source", "working hours", "warn hours", "origin"], rows, empty="no rules")


@deadlines_group.command("set")
@_CATEGORY
@_SOURCE
@click.option("--hours", required=True, type=float, help="Working hours a case gets.")
@click.option("--warn", required=True, type=float, help="Warn when this many working hours are left.")
@REASON
@AS
@db_option
def set_command(
    category: str, source: str, hours: float, warn: float, reason: str, username: str | None, db: str | None
) -> None:
    """Set the rule for CATEGORY and SOURCE (either may be `*`); new deadlines use it."""
    with operator_work(service_settings(db), write=True) as uow:
        set_deadline_rule(
            uow,
            actor=actor(uow, username),
            category=category,
            source=source,
            working_hours=hours,
            warn_hours=warn,
            reason=reason,
            at=system_clock(),
        )
        uow.commit()
    click.echo(f"deadline rule ({category}, {source}): {hours:g} working hours, warn at {warn:g}")


@deadlines_group.command("unset")
@_CATEGORY
@_SOURCE
@REASON
@AS
@db_option
def unset_command(category: str, source: str, reason: str, username: str | None, db: str | None) -> None:
    """Remove the configured rule for CATEGORY and SOURCE; a built-in one with that key applies again."""
    with operator_work(service_settings(db), write=True) as uow:
        remove_deadline_rule(
            uow, actor=actor(uow, username), category=category, source=source, reason=reason, at=system_clock()
        )
        uow.commit()
    click.echo(f"deadline rule ({category}, {source}) removed")
