"""`netgov statements list|show`: statements of reasons as the API shows them, at the machine.

As the operator every statement is listed; with --as, those the staff member may read
(``decision.read``). See docs/statements.md.
"""

from __future__ import annotations

from datetime import datetime

import click
import msgspec

from netgov.cli.acting import AS, FORMAT, actor
from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, resolve_at, service_settings
from netgov.cli.service_access import operator_work
from netgov.service import statement_reads
from netgov.service.statement_reads import StatementView
from netgov.store.repositories.decisions import Cursor, decode_cursor, encode_cursor
from netgov.store.repositories.statements import StatementFilter

SINCE = click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%z"]),
    default=None,
    help="Only those issued at or after this date/time (UTC unless an offset is given).",
)


@click.group("statements")
def statements_group() -> None:
    """Statements of reasons (DSA Art. 17): what was done to which content, why, and how to appeal.

    Every restrictive decision, the engine's or a person's, has one. See docs/statements.md;
    `netgov export statements` writes them all out."""


@statements_group.command("list")
@click.option("--platform", default=None, metavar="ID", help="Only this platform's.")
@click.option("--account", default=None, metavar="ID", help="Only those of this account.")
@click.option("--content", default=None, metavar="ID", help="Only those about this content id.")
@SINCE
@click.option("--limit", type=click.IntRange(1, statement_reads.PAGE_MAX), default=50, show_default=True)
@click.option("--cursor", default=None, help="The cursor the previous page printed.")
@FORMAT
@AS
@db_option
def list_statements(
    platform: str | None,
    account: str | None,
    content: str | None,
    since: datetime | None,
    limit: int,
    cursor: str | None,
    output: str,
    username: str | None,
    db: str | None,
) -> None:
    """List statements, newest first: id, platform, content, measure, source, status, issued."""
    settings = service_settings(db)
    where = StatementFilter(platform=platform, account=account, content=content, since=_utc(since))
    with operator_work(settings, write=False) as uow:
        page = statement_reads.list_statements(
            uow, actor(uow, username), where, after=_after(cursor), limit=limit, public_url=settings.public_url
        )
    if output == "json":
        click.echo(msgspec.json.encode(page.rows).decode())
        return
    echo_table(
        ["id", "platform", "content", "measure", "source", "status", "issued"],
        [
            [s.id, s.platform, s.content_id, s.measure.value, s.source.value, s.status, moment(s.issued_at)]
            for s in page.rows
        ],
        empty="no statements",
    )
    if page.next is not None:
        click.echo(f"{page.total} statements; the next page: --cursor {encode_cursor(page.next)}")


@statements_group.command("show")
@click.argument("statement_id")
@FORMAT
@AS
@db_option
def show_statement(statement_id: str, output: str, username: str | None, db: str | None) -> None:
    """Show STATEMENT_ID in full: the measure, facts, legal grounds with their text, and redress."""
    settings = service_settings(db)
    with operator_work(settings, write=False) as uow:
        found = statement_reads.get_statement(uow, actor(uow, username), statement_id, public_url=settings.public_url)
    click.echo(msgspec.json.encode(found).decode() if output == "json" else _render(found))


def _after(cursor: str | None) -> Cursor | None:
    if cursor is None:
        return None
    try:
        return decode_cursor(cursor)
    except ValueError:
        raise click.BadParameter("not a cursor this command printed", param_hint="--cursor") from None


def _utc(at: datetime | None) -> datetime | None:
    return None if at is None else resolve_at(at)


def _render(s: StatementView) -> str:
    lines = [
        f"{s.id}  {s.status}" + (f" since {moment(s.reverted_at)}" if s.reverted_at else ""),
        f"  {s.measure.value} of {s.platform}/{s.content_id}" + (f" (account {s.account_id})" if s.account_id else ""),
        f"  category {s.category.value}; source {s.source.value}; scope {', '.join(s.territorial_scope) or '-'}",
        f"  issued {moment(s.issued_at)}; ends {moment(s.ends_at, missing='never')}",
        f"  automated detection: {'yes' if s.automated_detection else 'no'}; "
        f"automated decision: {s.automated_decision.value}",
        f"  facts: {s.facts}",
        f"  explanation: {s.explanation}",
    ]
    for g in s.legal_grounds:
        lines.append(f"  ground: {g.regulation} Art. {g.article} ({g.article_title}): {g.article_text.strip()}")
    lines += [f"  redress: {line}" for line in s.redress]
    if s.portal_url:
        lines.append(f"  portal: {s.portal_url}")
    return "\n".join(lines)
