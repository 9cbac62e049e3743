"""``netgov jurisdictions`` and ``netgov platforms``: the places staff and content belong to."""

from __future__ import annotations

import json
from pathlib import Path

import click

from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work, service_errors
from netgov.governance.jurisdiction_files import FORMATS, JurisdictionFileError, NodeSpec, format_of, parse
from netgov.service import jurisdiction_changes as changes
from netgov.service.clock import system_clock
from netgov.service.iso_jurisdictions import iso_nodes, iso_source
from netgov.service.jurisdiction_import import import_jurisdictions
from netgov.service.permissions import SYSTEM
from netgov.service.places import add_jurisdiction, add_platform

_REASON = click.option("--reason", required=True, help="Why: kept in the jurisdiction's history and the audit log.")


@click.group("jurisdictions")
def jurisdictions_group() -> None:
    """The jurisdiction tree: country, province, city, county, to any depth.

    Codes are dotted paths that start with the parent's code (`ex.north.harbour` lies
    in `ex.north`), so a regulator role over a code covers its whole subtree. Changes
    (rename, move, split, merge, retire) keep history: retired nodes stay, marked.
    """


@jurisdictions_group.command("add")
@click.argument("code")
@click.option("--name", required=True, help='The jurisdiction\'s name, e.g. "Harbour City".')
@click.option("--level", required=True, help='Its level: a short lowercase name, e.g. "city" or "autonomous region".')
@click.option("--parent", default=None, metavar="CODE", help="The parent jurisdiction (none for a country).")
@db_option
def add_jurisdiction_command(code: str, name: str, level: str, parent: str | None, db: str | None) -> None:
    """Add jurisdiction CODE under --parent (CODE must start with the parent's code and a dot)."""
    with operator_work(service_settings(db), write=True) as uow:
        add_jurisdiction(uow, actor=SYSTEM, code=code, name=name, level=level, parent=parent, at=system_clock())
        uow.commit()
    click.echo(f"added jurisdiction {code} ({level}): {name}")


@jurisdictions_group.command("list")
@click.option("--active", is_flag=True, help="Leave out retired jurisdictions.")
@db_option
def list_jurisdictions(active: bool, db: str | None) -> None:
    """List the jurisdictions in code order: code, level, name, parent, and whether retired."""
    with operator_work(service_settings(db), write=False) as uow:
        rows = [
            [j.code, j.level, j.name, j.parent_code or "-", f"retired {moment(j.retired_at)}" if j.retired_at else ""]
            for j in uow.places.jurisdictions()
            if not (active and j.retired_at)
        ]
    echo_table(["code", "level", "name", "parent", "status"], rows, empty="no jurisdictions")


@jurisdictions_group.command("import")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="csv or json (default: by extension).")
@click.option("--iso", metavar="CC", default=None, help="Instead of a FILE: a country and its ISO 3166-2 subdivisions.")
@click.option("--under", metavar="CODE", default=None, help="With --iso: place the country under this node.")
@db_option
def import_command(file: Path | None, fmt: str | None, iso: str | None, under: str | None, db: str | None) -> None:
    """Import jurisdictions from FILE (CSV with header code,name,parent,level, or a JSON list of
    objects with those keys), or a whole country with --iso CC (e.g. --iso FR), all or nothing.

    Parents may follow their children in the file; a missing level is given by depth
    (country, province, city, county, then "level N"). Nodes already stored with the same
    values are skipped, so an import can be run again. A problem names the file, the line
    (CSV) or item index (JSON), and what is wrong, and nothing is written.
    """
    with service_errors():
        source, nodes = _nodes(file, fmt, iso, under)
    with operator_work(service_settings(db), write=True) as uow:
        done = import_jurisdictions(uow, actor=SYSTEM, nodes=nodes, source=source, at=system_clock())
        uow.commit()
    click.echo(f"{source}: {len(done.created)} jurisdictions added, {len(done.unchanged)} already there")


def _nodes(file: Path | None, fmt: str | None, iso: str | None, under: str | None) -> tuple[str, tuple[NodeSpec, ...]]:
    if (file is None) == (iso is None):
        raise click.UsageError("give either FILE or --iso CC")
    if under is not None and iso is None:
        raise click.UsageError("--under goes with --iso")
    if iso is not None:
        return iso_source(iso), iso_nodes(iso, under=under)
    assert file is not None
    return str(file), parse(read_text(file), source=str(file), fmt=format_of(str(file), fmt))


def read_text(file: Path) -> str:
    """A file's UTF-8 text; one that cannot be read is a file error naming it."""
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise JurisdictionFileError(str(file), None, f"cannot be read: {error}") from None


@jurisdictions_group.command("rename")
@click.argument("code")
@click.option("--name", required=True, help="The new name.")
@_REASON
@db_option
def rename_command(code: str, name: str, reason: str, db: str | None) -> None:
    """Rename jurisdiction CODE; its code stays, its history keeps the old name."""
    with operator_work(service_settings(db), write=True) as uow:
        changes.rename(uow, actor=SYSTEM, code=code, name=name, reason=reason, at=system_clock())
        uow.commit()
    click.echo(f"renamed {code}: {name}")


@jurisdictions_group.command("move")
@click.argument("code")
@click.option("--to", "parent", required=True, metavar="CODE", help="The new parent.")
@click.option(
    "--code", "new_code", default=None, help="The new code (default: the new parent's code and CODE's last part)."
)
@_REASON
@db_option
def move_command(code: str, parent: str, new_code: str | None, reason: str, db: str | None) -> None:
    """Move CODE with its active subtree under a new parent: since codes extend their parent's,
    each node gets a new code (taking its offices and holidays) and the old codes are retired."""
    with operator_work(service_settings(db), write=True) as uow:
        done = changes.move(
            uow, actor=SYSTEM, code=code, parent=parent, new_code=new_code, reason=reason, at=system_clock()
        )
        uow.commit()
    for old, new in zip(done.retired, done.created, strict=True):
        click.echo(f"moved {old} -> {new}")


@jurisdictions_group.command("split")
@click.argument("code")
@click.option(
    "--into", "parts", multiple=True, required=True, metavar="CODE=NAME", help="A new jurisdiction; twice or more."
)
@click.option("--level", default=None, help="The new jurisdictions' level (default: CODE's).")
@_REASON
@db_option
def split_command(code: str, parts: tuple[str, ...], level: str | None, reason: str, db: str | None) -> None:
    """Split CODE (with no active children) into new siblings, e.g. --into ex.a=A --into ex.b=B; CODE is retired."""
    into = dict(_pair(part) for part in parts)
    with operator_work(service_settings(db), write=True) as uow:
        done = changes.split(uow, actor=SYSTEM, code=code, into=into, level=level, reason=reason, at=system_clock())
        uow.commit()
    _report(done)


def _pair(text: str) -> tuple[str, str]:
    code, sep, name = text.partition("=")
    if not sep or not code.strip() or not name.strip():
        raise click.BadParameter(f"{text!r} is not CODE=NAME", param_hint="--into")
    return code.strip(), name.strip()


@jurisdictions_group.command("merge")
@click.argument("codes", nargs=-1, required=True)
@click.option(
    "--into", required=True, metavar="CODE", help="The sibling they become: an existing one, or new with --name."
)
@click.option("--name", default=None, help="The name of a new jurisdiction to merge into.")
@_REASON
@db_option
def merge_command(codes: tuple[str, ...], into: str, name: str | None, reason: str, db: str | None) -> None:
    """Merge sibling jurisdictions CODES (with no active children) into one; CODES are retired."""
    with operator_work(service_settings(db), write=True) as uow:
        done = changes.merge(uow, actor=SYSTEM, codes=codes, into=into, name=name, reason=reason, at=system_clock())
        uow.commit()
    _report(done)


@jurisdictions_group.command("retire")
@click.argument("code")
@_REASON
@db_option
def retire_command(code: str, reason: str, db: str | None) -> None:
    """Retire jurisdiction CODE (with no active children): it stays, takes no new work, and is shown as retired."""
    with operator_work(service_settings(db), write=True) as uow:
        done = changes.retire(uow, actor=SYSTEM, code=code, reason=reason, at=system_clock())
        uow.commit()
    _report(done)


def _report(done: changes.Change) -> None:
    click.echo(f"{done.kind}: retired {', '.join(done.retired) or '-'}; created {', '.join(done.created) or '-'}")
    for office in done.stranded:
        click.echo(
            f"office {office} sits in a retired jurisdiction: move it with `netgov offices move {office} --to CODE`"
        )


@jurisdictions_group.command("history")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", help="Output format.")
@db_option
def history_command(code: str, fmt: str, db: str | None) -> None:
    """Every change CODE took part in, oldest first: when, what, by whom, why, and the codes involved."""
    with operator_work(service_settings(db), write=False) as uow:
        entries = changes.history(uow, code=code)
    if fmt == "json":
        documents = [_document(entry) for entry in entries]
        click.echo(json.dumps(documents, indent=2, ensure_ascii=False))
        return
    rows = [[moment(e.at), e.kind, ", ".join(e.details.get("codes", [])), e.actor, e.reason] for e in entries]
    echo_table(["at", "change", "codes", "by", "reason"], rows, empty=f"no history for {code}")


def _document(entry: changes.HistoryEntry) -> dict[str, object]:
    return {
        "code": entry.code,
        "kind": entry.kind,
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "reason": entry.reason,
        "details": entry.details,
    }


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
