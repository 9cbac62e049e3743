"""``netgov rules``: check a rulebook, explain a rule, list the rules."""

from __future__ import annotations

import textwrap
from datetime import datetime
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from netgov.cli.options import at_option, resolve_at, rules_option
from netgov.core.rulebook.checks import run_examples
from netgov.core.rulebook.model import Rulebook
from netgov.errors import RulebookError
from netgov.rulebook import load_rulebook


@click.group()
def rules() -> None:
    """Check, explain and list the rules of a rulebook."""


def load_or_exit(path: Path | None, at: datetime) -> Rulebook:
    """Load a rulebook, or print every problem as file:line:col and exit with status 1."""
    try:
        rulebook = load_rulebook(path, at=at)
    except RulebookError as error:
        for diagnostic in error.diagnostics:
            click.echo(diagnostic.render(), err=True)
        count = len(error.diagnostics)
        click.echo(f"{count} error{'s' if count != 1 else ''}; the rulebook was not loaded.", err=True)
        raise SystemExit(1) from None
    for warning in rulebook.warnings:
        click.echo(warning.render(), err=True)
    return rulebook


@rules.command("check")
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@at_option
def check(directory: Path | None, at: datetime | None) -> None:
    """Validate a rulebook DIRECTORY and run every rule's examples.

    Prints each problem as file:line:col with a plain-language message and exits
    with status 1 if anything is wrong. Without DIRECTORY, checks the bundled rulebook.
    """
    rulebook = load_or_exit(directory, resolve_at(at))
    count, failures = run_examples(rulebook)
    for failure in failures:
        click.echo(failure.render(), err=True)
    if failures:
        click.echo(f"{len(failures)} of {count} examples failed.", err=True)
        raise SystemExit(1)
    click.echo(
        f"ok: {len(rulebook.rules)} rules, {len(rulebook.regulations)} regulation version(s), "
        f"{count} examples passed; rulebook version {rulebook.version}"
    )


@rules.command("explain")
@click.argument("rule_id")
@rules_option
@at_option
def explain(rule_id: str, rules_dir: Path | None, at: datetime | None) -> None:
    """Print rule RULE_ID with the text of the article that is its legal basis."""
    when = resolve_at(at)
    rulebook = load_or_exit(rules_dir, when)
    rule = rulebook.rule(rule_id)
    if rule is None:
        known = ", ".join(sorted(r.id for r in rulebook.rules))
        click.echo(f"no rule {rule_id!r}; the rules are: {known}", err=True)
        raise SystemExit(1)
    click.echo(f"{rule.id}: {rule.title}")
    click.echo(f"  defined at  {rule.source}")
    click.echo(f"  category    {rule.category.value}")
    click.echo(f"  action      {rule.action.value} (severity {rule.severity.value}, mode {rule.mode.value})")
    if rule.description:
        click.echo(textwrap.fill(rule.description, 88, initial_indent="  ", subsequent_indent="  "))
    click.echo(f"\nLegal basis: {rule.basis}")
    for regulation in rulebook.regulation_versions(rule.basis.regulation):
        article = regulation.article(rule.basis.article)
        if article is None:
            continue
        status = "in force" if regulation.in_force(article, when) else "not in force"
        click.echo(
            f"  {regulation.title} (version {regulation.version}, {regulation.authority}, {status} on {when:%Y-%m-%d})"
        )
        click.echo(f"  Article {article.number}. {article.title}")
        click.echo(textwrap.fill(article.text, 88, initial_indent="    ", subsequent_indent="    "))


@rules.command("list")
@rules_option
@at_option
def list_rules(rules_dir: Path | None, at: datetime | None) -> None:
    """List every rule with its category, action, mode and legal basis."""
    rulebook = load_or_exit(rules_dir, resolve_at(at))
    table = Table(title=f"rulebook {rulebook.version}")
    for column in ("rule", "category", "action", "mode", "basis"):
        table.add_column(column)
    for rule in rulebook.rules:
        table.add_row(rule.id, rule.category.value, rule.action.value, rule.mode.value, str(rule.basis))
    Console().print(table)
