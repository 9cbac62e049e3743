"""``netgov orders``: issue, list, show and withdraw orders to platforms from the machine.

Commands act as the staff member named by ``--as`` (their roles and office apply, and the
audit log names them), or as the operator (``system:netgov``), who must name the office.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import click
import msgspec

from netgov.cli.acting import AS, FORMAT, actor
from netgov.cli.listing import echo_table, moment
from netgov.cli.options import db_option, service_settings
from netgov.cli.service_access import operator_work
from netgov.core.regulation import Regulation
from netgov.errors import RulebookError
from netgov.governance.orders import OrderItem, OrderKind, OrderStatus, RequestedAction
from netgov.rulebook import load_rulebook
from netgov.service.clock import system_clock
from netgov.service.order_views import OrderView, get_order, list_orders
from netgov.service.orders import OrderRequest, issue_order, withdraw_order
from netgov.settings import Settings
from netgov.store.repositories.orders import OrderFilter, OrderSort
from netgov.store.tables import OrderRow


@click.group("orders")
def orders_group() -> None:
    """Orders from regulator offices to platforms (DSA Art. 9 act, Art. 10 information).

    Platforms answer them through the API or the console; see docs/orders.md.
    """


@orders_group.command("issue")
@click.option("--platform", required=True, metavar="ID", help="The platform the order is addressed to.")
@click.option("--kind", required=True, type=click.Choice([k.value for k in OrderKind]), help="act or information.")
@click.option("--regulation", required=True, help="Legal basis: the regulation's id, e.g. MOSR.")
@click.option("--article", required=True, help="Legal basis: the article's number, e.g. 9.")
@click.option("--provision", "provisions", multiple=True, required=True, help="A provision the reasons cite (repeat).")
@click.option("--reasons", required=True, help="The statement of reasons.")
@click.option(
    "--item", "items", multiple=True, metavar="ID[=URL]", help="An exact item: content or account id (repeat)."
)
@click.option("--action", type=click.Choice([a.value for a in RequestedAction]), help="For act orders: what to do.")
@click.option("--information", default=None, help="For information orders: what to provide.")
@click.option(
    "--scope", "scope", multiple=True, metavar="CODE", help="Territorial scope (repeat; default: the office's)."
)
@click.option(
    "--deadline", type=click.DateTime(["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S%z"]), help="Due at (UTC unless an offset)."
)
@click.option("--deadline-hours", type=float, help="Or: working hours on the office's calendar.")
@click.option(
    "--redress", default=None, help="The redress open to the platform (default: a sentence naming the office)."
)
@click.option("--office", default=None, metavar="ID", help="The issuing office (default: the one --as sits in).")
@click.option("--case", "case_id", default=None, metavar="ID", help="The case the order is issued from.")
@AS
@db_option
def issue_command(
    platform: str,
    kind: str,
    regulation: str,
    article: str,
    provisions: Sequence[str],
    reasons: str,
    items: Sequence[str],
    action: str | None,
    information: str | None,
    scope: Sequence[str],
    deadline: datetime | None,
    deadline_hours: float | None,
    redress: str | None,
    office: str | None,
    case_id: str | None,
    username: str | None,
    db: str | None,
) -> None:
    """Issue an order and print its id. Every field DSA Art. 9/10 requires is checked; a
    missing or invalid one is named in the error (exit 1)."""
    request = OrderRequest(  # the service checks every field; the options only carry them
        platform=platform,
        kind=OrderKind(kind),
        regulation=regulation,
        article=article,
        provisions=tuple(provisions),
        reasons=reasons,
        items=tuple(_item(text) for text in items),
        action_requested=None if action is None else RequestedAction(action),
        information_requested=information,
        territorial_scope=tuple(scope),
        deadline_at=None if deadline is None else deadline if deadline.tzinfo else deadline.replace(tzinfo=UTC),
        deadline_hours=deadline_hours,
        redress=redress,
        office=office,
        case_id=case_id,
    )
    settings = service_settings(db)
    regulations = _regulations(settings)
    with operator_work(settings, write=True) as uow:
        row = issue_order(uow, actor=actor(uow, username), request=request, regulations=regulations, at=system_clock())
    click.echo(f"issued {row.id} to {row.platform_id}, due {moment(row.deadline_at)}")


def _item(text: str) -> OrderItem:
    content_id, _, url = text.partition("=")
    return OrderItem(content_id=content_id, url=url or None)


def _regulations(settings: Settings) -> tuple[Regulation, ...]:
    try:
        return load_rulebook(settings.rules).regulations
    except RulebookError as error:
        raise click.ClickException(str(error)) from error


@orders_group.command("list")
@click.option("--platform", default=None, metavar="ID", help="Only orders to this platform.")
@click.option("--office", default=None, metavar="ID", help="Only orders of this office.")
@click.option("--status", type=click.Choice([s.value for s in OrderStatus]), help="Only orders in this status.")
@click.option("--overdue", is_flag=True, help="Only open orders past their deadline.")
@click.option("--sort", type=click.Choice([s.value for s in OrderSort]), default="newest", show_default=True)
@click.option("--limit", type=click.IntRange(1, 500), default=100, show_default=True, help="At most this many.")
@AS
@FORMAT
@db_option
def list_command(
    platform: str | None,
    office: str | None,
    status: str | None,
    overdue: bool,
    sort: str,
    limit: int,
    username: str | None,
    output: str,
    db: str | None,
) -> None:
    """List orders (as the operator: all of them; --as: those the staff member may read)."""
    where = OrderFilter(platform=platform, office=office, status=status, overdue=True if overdue else None)
    now = system_clock()
    with operator_work(service_settings(db), write=False) as uow:
        page = list_orders(uow, actor(uow, username), where, sort=OrderSort(sort), limit=limit, at=now)
    if output == "json":
        records = [_summary(row, overdue=row.id in page.overdue) for row in page.rows]
        click.echo(msgspec.json.encode({"orders": records, "total": page.total}).decode())
        return
    rows = [
        [r.id, r.kind, _status(r, page.overdue), r.platform_id, r.office_id, moment(r.deadline_at)] for r in page.rows
    ]
    echo_table(["id", "kind", "status", "platform", "office", "deadline"], rows, empty="no orders")


def _status(row: OrderRow, overdue: set[str]) -> str:
    return f"{row.status} (overdue)" if row.id in overdue else row.status


def _summary(row: OrderRow, *, overdue: bool) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "status": row.status,
        "platform": row.platform_id,
        "office": row.office_id,
        "issued_at": row.issued_at,
        "deadline_at": row.deadline_at,
        "overdue": overdue,
        "reminded_at": row.reminded_at,
        "escalated_at": row.escalated_at,
        "effect": row.effect,
    }


@orders_group.command("show")
@click.argument("order_id", metavar="ID")
@AS
@FORMAT
@db_option
def show_command(order_id: str, username: str | None, output: str, db: str | None) -> None:
    """Show every field of order ID, its items and its timeline."""
    with operator_work(service_settings(db), write=False) as uow:
        view = get_order(uow, actor(uow, username), order_id, at=system_clock())
    if output == "json":
        click.echo(msgspec.json.encode(_document(view)).decode())
        return
    for name, value in _document(view).items():
        if name not in ("items", "timeline"):
            shown = moment(value) if isinstance(value, datetime) else "-" if value is None else value
            click.echo(f"{name}: {shown}")
    click.echo("items:")
    for item in view.items:
        click.echo(f"  {item.content_id}" + (f"  {item.url}" if item.url else ""))
    click.echo("timeline:")
    for entry in view.timeline:
        click.echo(f"  {moment(entry.at)}  {entry.step}  {entry.actor}  {entry.detail}")


def _document(view: OrderView) -> dict[str, Any]:
    row = view.row
    return {
        **_summary(row, overdue=view.overdue),
        "issuing_authority": row.issuing_authority,
        "issued_by": row.issued_by,
        "case_id": row.case_id,
        "legal_basis": f"{row.regulation} Art. {row.article}",
        "provisions": ", ".join(view.provisions),
        "reasons": row.reasons,
        "action_requested": row.action_requested,
        "information_requested": row.information_requested,
        "territorial_scope": ", ".join(view.territorial_scope),
        "redress": row.redress,
        "acknowledged_at": row.acknowledged_at,
        "escalated_to": view.escalated_to,
        "effect_at": row.effect_at,
        "effect_details": row.effect_details,
        "withdrawal_reason": row.withdrawal_reason,
        "items": [{"content_id": item.content_id, "url": item.url} for item in view.items],
        "timeline": [msgspec.structs.asdict(entry) for entry in view.timeline],
    }


@orders_group.command("withdraw")
@click.argument("order_id", metavar="ID")
@click.option("--reason", required=True, help="Why the order is withdrawn; the platform is told.")
@AS
@db_option
def withdraw_command(order_id: str, reason: str, username: str | None, db: str | None) -> None:
    """Withdraw order ID before the platform has answered it."""
    with operator_work(service_settings(db), write=True) as uow:
        withdraw_order(uow, actor=actor(uow, username), order_id=order_id, reason=reason, at=system_clock())
    click.echo(f"withdrew {order_id}")
