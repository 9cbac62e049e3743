"""``netgov orders``: issuing as a staff member or the operator, listing, showing and
withdrawing, against the test world's database on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from click.testing import CliRunner, Result

from netgov.cli.main import cli
from tests.order_factories import act_request, issued
from tests.service.support import audit_actions, staff
from tests.service_world import World

ISSUE = [
    "orders", "issue",
    "--platform", "chirp",
    "--kind", "act",
    "--regulation", "MOSR",
    "--article", "9",
    "--provision", "MOSR Art. 9(1)",
    "--reasons", "Counterfeit medicines on sale.",
    "--item", "post-1=https://chirp.example/p/1",
    "--item", "post-2",
    "--action", "remove",
    "--deadline-hours", "8",
]  # fmt: skip


def netgov(world: World, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--db", world.runtime.settings.resolved_database_url])


def test_an_officer_issues_an_order_from_the_command_line(world: World) -> None:
    result = netgov(world, *ISSUE, "--as", "officer_north")
    assert result.exit_code == 0, result.output
    order_id = result.output.split()[1]
    assert order_id.startswith("ord_")
    shown = json.loads(netgov(world, "orders", "show", order_id, "--format", "json").output)
    assert shown["office"] == "office-north"
    assert shown["issued_by"] == "staff:officer_north"
    assert shown["items"] == [
        {"content_id": "post-1", "url": "https://chirp.example/p/1"},
        {"content_id": "post-2", "url": None},
    ]
    assert [entry["step"] for entry in shown["timeline"]] == ["issued"]
    assert audit_actions(world, "order.issue") == [f"order:{order_id}"]


def test_the_operator_must_name_the_office(world: World) -> None:
    refused = netgov(world, *ISSUE)
    assert refused.exit_code == 1
    assert "error: office: you sit in no office" in refused.output
    assert netgov(world, *ISSUE, "--office", "office-east").exit_code == 0


def test_an_invalid_field_is_named_and_exits_1(world: World) -> None:
    result = netgov(world, *ISSUE, "--as", "officer_north", "--article", "99", "--scope", "ex.south")
    assert result.exit_code == 1
    assert "article: MOSR has no article 99 in force" in result.output
    assert "territorial_scope: ex.south lies outside" in result.output


def test_a_reviewer_is_refused(world: World) -> None:
    result = netgov(world, *ISSUE, "--as", "reviewer_harbour")
    assert result.exit_code == 1
    assert "may not" in result.output or "no role that may order.issue" in result.output


def test_list_filters_and_prints_json(world: World) -> None:
    # Issued at the world's clock (June 2026) with 8 working hours: overdue by now.
    late = issued(world, staff(world, "officer_north"))
    fresh = netgov(world, *ISSUE, "--as", "officer_north").output.split()[1]
    table = netgov(world, "orders", "list")
    assert table.exit_code == 0
    assert f"{late.id}  act   issued (overdue)" in table.output
    listed = json.loads(netgov(world, "orders", "list", "--overdue", "--format", "json").output)
    assert [order["id"] for order in listed["orders"]] == [late.id]
    assert listed["orders"][0]["overdue"] is True
    mine = json.loads(netgov(world, "orders", "list", "--as", "officer_east", "--format", "json").output)
    assert mine == {"orders": [], "total": 0}
    by_deadline = json.loads(netgov(world, "orders", "list", "--sort", "deadline", "--format", "json").output)
    assert [order["id"] for order in by_deadline["orders"]] == [late.id, fresh]


def test_withdraw_needs_the_office_scope(world: World) -> None:
    order = issued(world, staff(world, "officer_north"), act_request(deadline_hours=200))
    refused = netgov(world, "orders", "withdraw", order.id, "--reason", "not ours", "--as", "officer_east")
    assert refused.exit_code == 1
    result = netgov(world, "orders", "withdraw", order.id, "--reason", "issued in error", "--as", "officer_north")
    assert result.exit_code == 0, result.output
    shown = netgov(world, "orders", "show", order.id)
    assert "status: withdrawn" in shown.output
    assert "withdrawal_reason: issued in error" in shown.output


def test_show_an_unknown_order_exits_1(world: World) -> None:
    result = netgov(world, "orders", "show", "ord_missing")
    assert result.exit_code == 1
    assert "no order 'ord_missing'" in result.output


def test_an_unknown_staff_member_exits_1(world: World) -> None:
    result = netgov(world, "orders", "list", "--as", "nobody")
    assert result.exit_code == 1
    assert "no staff member 'nobody'" in result.output
