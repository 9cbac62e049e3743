"""``netgov notices``: list, show, forward and answer notices from the machine.

Commands act as the staff member named by ``--as`` (their roles apply, and the audit log
names them), or as the operator (``system:netgov``). Filing is the public's: through the
portal or ``POST /v1/notices``. See docs/notices.md.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import click
import msgspec

from netgov.cli.acting import AS, FORMAT, actor
from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.core.actions import Action
from netgov.errors import RulebookError
from netgov.governance.notices import NoticeStatus
from netgov.rulebook import load_rulebook
from netgov.service.clock import system_clock
from netgov.service.notice_answers import NoticeAnswer, answer_notice, forward_notice
from netgov.service.notice_views import NoticeView, get_notice, list_notices
from netgov.service.statement_grounds import StatementPolicy
from netgov.store.repositories.notices import NoticeFilter


@click.group("notices")
def notices_group() -> None:
    """Notices of illegal content (DSA Art. 16): list, show, forward to the platform, answer.

    The public files them through the portal (/portal/report) or POST /v1/notices.
    """


@notices_group.command("list")
@click.option("--status", type=click.Choice([s.value for s in NoticeStatus]), help="Only notices in this status.")
@click.option("--brigade", is_flag=True, help="Only notices flagged as part of a possible brigade.")
@click.option("--flagger", default=None, metavar="ID", help="Only this trusted flagger's notices.")
@click.option("--platform", default=None, metavar="ID", help="Only notices about this platform's content.")
@click.option("--case", "case_id", default=None, metavar="ID", help="Only notices on this case.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M"]), help="Only notices filed since (UTC).")
@click.option("--limit", type=click.IntRange(1, 200), default=100, show_default=True, help="At most this many.")
@AS
@FORMAT
@db_option
def list_command(
    status: str | None,
    brigade: bool,
    flagger: str | None,
    platform: str | None,
    case_id: str | None,
    since: datetime | None,
    limit: int,
    username: str | None,
    output: str,
    db: str | None,
) -> None:
    """List notices, newest first (as the operator: all of them; --as: those the staff member may read)."""
    where = NoticeFilter(
        status=status,
        brigade=True if brigade else None,
        flagger_id=flagger,
        platform=platform,
        case_id=case_id,
        since=None if since is None else since.replace(tzinfo=UTC),
    )
    with operator_work(service_settings(db), write=False) as uow:
        page = list_notices(uow, actor(uow, username), where, after=None, limit=limit)
    if output == "json":
        click.echo(msgspec.json.encode({"notices": [_summary(v) for v in page.views], "total": page.total}).decode())
        return
    rows = [
        [
            v.row.id,
            v.row.status,
            v.row.addressee,
            v.row.platform_id or "-",
            str(len(v.items)),
            "yes" if any(i.brigade for i in v.items) else "",
            v.flagger_name or "",
            moment(v.row.submitted_at),
        ]
        for v in page.views
    ]
    echo_table(["id", "status", "to", "platform", "items", "brigade", "flagger", "filed"], rows, empty="no notices")


@notices_group.command("show")
@click.argument("notice_id", metavar="ID")
@click.option("--reporter-reason", default=None, help="Also show who reported it; the reason is audited.")
@AS
@FORMAT
@db_option
def show_command(
    notice_id: str, reporter_reason: str | None, username: str | None, output: str, db: str | None
) -> None:
    """Show notice ID: its explanation, its items with their cases and outcomes, brigade flags."""
    with operator_work(service_settings(db), write=reporter_reason is not None) as uow:
        view = get_notice(uow, actor(uow, username), notice_id, reporter_reason=reporter_reason, at=system_clock())
    document = _document(view)
    if output == "json":
        click.echo(msgspec.json.encode(document).decode())
        return
    for name, value in document.items():
        if name != "items":
            click.echo(f"{name}: {moment(value) if isinstance(value, datetime) else '-' if value is None else value}")
    click.echo("items:")
    for item in document["items"]:
        flags = " (possible brigade)" if item["brigade"] else ""
        case = f"  case {item['case_id']} ({item['reports_on_case']} reports)" if item["case_id"] else ""
        click.echo(f"  {item['seq']}. {item['location']}{case}  {item['outcome'] or 'open'}{flags}")


@notices_group.command("forward")
@click.argument("notice_id", metavar="ID")
@click.option("--reason", required=True, help="Why the notice goes to the platform; it is audited.")
@AS
@db_option
def forward_command(notice_id: str, reason: str, username: str | None, db: str | None) -> None:
    """Forward notice ID (addressed to a regulator) to the platform concerned, which then answers it."""
    with operator_work(service_settings(db), write=True) as uow:
        row = forward_notice(uow, actor=actor(uow, username), notice_id=notice_id, reason=reason, at=system_clock())
    click.echo(f"forwarded {row.id} to {row.platform_id}")


@notices_group.command("answer")
@click.argument("notice_id", metavar="ID")
@click.argument("seq", type=click.IntRange(1, 10_000), metavar="ITEM")
@click.option("--acted/--no-action", required=True, help="Whether the platform acted against the content.")
@click.option("--reasons", required=True, help="The reasons; the reporter is told them.")
@click.option("--measure", type=click.Choice([a.value for a in Action if a.is_restrictive]), help="What was done.")
@click.option("--regulation", default=None, help="Legal basis (acting): the regulation's id, e.g. MOSR.")
@click.option("--article", default=None, help="Legal basis (acting): the article's number, e.g. 7.")
@click.option("--facts", default=None, help="The facts the decision relies on (default: the reasons).")
@click.option(
    "--content", "content_id", default=None, metavar="ID", help="The content acted on, if the item gave a URL only."
)
@click.option("--account", "account_id", default=None, metavar="ID", help="The affected account (statement, strikes).")
@AS
@db_option
def answer_command(
    notice_id: str,
    seq: int,
    acted: bool,
    reasons: str,
    measure: str | None,
    regulation: str | None,
    article: str | None,
    facts: str | None,
    content_id: str | None,
    account_id: str | None,
    username: str | None,
    db: str | None,
) -> None:
    """Answer item ITEM of notice ID as its platform (--as a platform moderator): acting
    issues the statement of reasons to the affected account."""
    answer = NoticeAnswer(
        acted=acted,
        reasons=reasons,
        measure=None if measure is None else Action(measure),
        regulation=regulation,
        article=article,
        facts=facts,
        content_id=content_id,
        account_id=account_id,
    )
    settings = service_settings(db)
    try:
        regulations = load_rulebook(settings.rules).regulations
    except RulebookError as error:
        raise click.ClickException(str(error)) from error
    policy = StatementPolicy(
        regulations=regulations, appeal_window_days=settings.appeal_window_days, strike_days=settings.strike_days
    )
    with operator_work(settings, write=True) as uow:
        item = answer_notice(
            uow,
            actor=actor(uow, username),
            notice_id=notice_id,
            seq=seq,
            answer=answer,
            policy=policy,
            at=system_clock(),
        )
    statement = f", statement {item.statement_id}" if item.statement_id else ""
    click.echo(f"answered {notice_id} item {seq}: {item.outcome}{statement}")


def _summary(view: NoticeView) -> dict[str, Any]:
    row = view.row
    return {
        "id": row.id,
        "status": row.status,
        "addressee": row.addressee,
        "platform": row.platform_id,
        "jurisdiction": row.jurisdiction,
        "category": row.category,
        "submitted_at": row.submitted_at,
        "forwarded_at": row.forwarded_at,
        "decided_at": row.decided_at,
        "flagger": view.flagger_name,
        "brigade": any(item.brigade for item in view.items),
    }


def _document(view: NoticeView) -> dict[str, Any]:
    items = [
        {
            "seq": item.seq,
            "location": item.url or item.content_id or item.target,
            "target": item.target,
            "case_id": item.case_id,
            "reports_on_case": view.reports.get(item.case_id, 0) if item.case_id else 0,
            "brigade": item.brigade,
            "outcome": item.outcome,
            "outcome_reason": item.outcome_reason,
            "statement_id": item.statement_id,
        }
        for item in view.items
    ]
    reporter = None if view.reporter is None else f"{view.reporter.name or '-'} <{view.reporter.email or '-'}>"
    return {**_summary(view), "explanation": view.row.explanation, "reporter": reporter, "items": items}
