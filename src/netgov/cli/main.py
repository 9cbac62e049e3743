"""The ``netgov`` command group."""

from __future__ import annotations

import click

from netgov import __version__
from netgov.cli.appeals_command import appeals_group
from netgov.cli.audit_command import audit_group
from netgov.cli.banks_command import banks_group
from netgov.cli.cases_command import cases_group
from netgov.cli.classifier_command import classifier
from netgov.cli.coverage_command import coverage_command
from netgov.cli.db_command import db_group
from netgov.cli.deadlines_command import deadlines_group
from netgov.cli.demo_command import demo
from netgov.cli.disputes_command import disputes_group
from netgov.cli.effects_command import effects_group
from netgov.cli.export_command import export_group
from netgov.cli.flaggers_command import flaggers_group
from netgov.cli.keys_command import keys_group
from netgov.cli.media_command import media
from netgov.cli.notices_command import notices_group
from netgov.cli.offices_command import holidays_group, offices_group
from netgov.cli.orders_command import orders_group
from netgov.cli.places_command import jurisdictions_group, platforms_group
from netgov.cli.rules_command import rules
from netgov.cli.scan_command import scan
from netgov.cli.serve_command import serve
from netgov.cli.staff_command import staff_group
from netgov.cli.statements_command import statements_group
from netgov.cli.strikes_command import strikes_group
from netgov.cli.sweep_command import sweep


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="netgov")
def cli() -> None:
    """netgov: online content governance under the rule of law.

    Every automated action cites a rule, and every rule cites the article of a
    regulation in force. Start with `netgov scan --sample`, then write your own
    rulebook and check it with `netgov rules check DIR`.
    """


cli.add_command(scan)
cli.add_command(rules)
cli.add_command(classifier)
cli.add_command(banks_group)
cli.add_command(media)
cli.add_command(db_group)
cli.add_command(serve)
cli.add_command(demo)
cli.add_command(staff_group)
cli.add_command(platforms_group)
cli.add_command(jurisdictions_group)
cli.add_command(offices_group)
cli.add_command(holidays_group)
cli.add_command(coverage_command)
cli.add_command(cases_group)
cli.add_command(deadlines_group)
cli.add_command(sweep)
cli.add_command(orders_group)
cli.add_command(notices_group)
cli.add_command(flaggers_group)
cli.add_command(keys_group)
cli.add_command(statements_group)
cli.add_command(export_group)
cli.add_command(appeals_group)
cli.add_command(effects_group)
cli.add_command(disputes_group)
cli.add_command(strikes_group)
cli.add_command(audit_group)


def main() -> None:
    cli()
