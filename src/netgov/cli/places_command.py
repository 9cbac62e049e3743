"""``netgov jurisdictions`` and ``netgov platforms``: the places staff and content belong to."""

from __future__ import annotations

import click

from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.service.clock import system_clock
from netgov.service.permissions import SYSTEM
from netgov.service.places import LEVELS, add_jurisdiction, add_platform


@click.group("jurisdictions")
def jurisdictions_group() -> None:
    """The jurisdiction tree: country, province, city, county.

    Codes are dotted paths that start with the parent's code (`ex.north.harbour` lies
    in `ex.north`), so a regulator role over a code covers its whole subtree.
    """


@jurisdictions_group.command("add")
@click.argument("code")
@click.option("--name", required=True, help='The jurisdiction\'s name, e.g. "Harbour City".')
@click.option("--level", required=True, type=click.Choice(LEVELS), help="Its level in the tree.")
@click.option("--parent", default=None, metavar="CODE", help="The parent jurisdiction (none for a country).")
@db_option
def add_jurisdiction_command(code: str, name: str, level: str, parent: str | None, db: str | None) -> None:
    """Add jurisdiction CODE under --parent (CODE must start with the parent's code and a dot)."""
    with operator_work(service_settings(db), write=True) as uow:
        add_jurisdiction(uow, actor=SYSTEM, code=code, name=name, level=level, parent=parent, at=system_clock())
        uow.commit()
    click.echo(f"added jurisdiction {code} ({level}): {name}")


@jurisdictions_group.command("list")
@db_option
def list_jurisdictions(db: str | None) -> None:
    """List the jurisdictions in tree order: code, level, name, parent."""
    with operator_work(service_settings(db), write=False) as uow:
        rows = [[j.code, j.level, j.name, j.parent_code or "-"] for j in uow.places.jurisdictions()]
    echo_table(["code", "level", "name", "parent"], rows, empty="no jurisdictions")


@click.group("platforms")
def platforms_group() -> None:
    """Platforms that submit content with API keys and whose staff use the console.

    A platform's jurisdiction is its seat: regulators over it may oversee the platform.
    """


@platforms_group.command("add")
@click.argument("platform_id", metavar="ID")
@click.option("--name", required=True, help='The platform\'s name, e.g. "Chirp".')
@click.option("--jurisdiction", default=None, metavar="CODE", help="The jurisdiction the platform is seated in.")
@db_option
def add_platform_command(platform_id: str, name: str, jurisdiction: str | None, db: str | None) -> None:
    """Register platform ID; then issue it a key with `netgov keys issue ID`."""
    with operator_work(service_settings(db), write=True) as uow:
        add_platform(
            uow, actor=SYSTEM, platform_id=platform_id, name=name, jurisdiction=jurisdiction, at=system_clock()
        )
        uow.commit()
    click.echo(f"added platform {platform_id}: {name}")


@platforms_group.command("list")
@db_option
def list_platforms(db: str | None) -> None:
    """List platforms: id, name, seat jurisdiction, when registered."""
    with operator_work(service_settings(db), write=False) as uow:
        rows = [[p.id, p.name, p.jurisdiction_code or "-", moment(p.created_at)] for p in uow.places.platforms()]
    echo_table(["id", "name", "jurisdiction", "registered"], rows, empty="no platforms")
