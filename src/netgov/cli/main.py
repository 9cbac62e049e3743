"""The ``netgov`` command group."""

from __future__ import annotations

import click

from netgov import __version__
from netgov.cli.banks_command import banks_group
from netgov.cli.classifier_command import classifier
from netgov.cli.media_command import media
from netgov.cli.rules_command import rules
from netgov.cli.scan_command import scan


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


def main() -> None:
    cli()
