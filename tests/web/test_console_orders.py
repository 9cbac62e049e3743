"""Orders in the console: an officer issues one from a case, the platform's staff acknowledge
it and report the effect, the office withdraws; every form carries the CSRF token."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta

import pytest

from netgov.service.order_deadlines import sweep_orders
from netgov.store.tables import CaseRow, OrderRow
from tests.databases import BACKENDS, database_url
from tests.order_factories import act_request, issued
from tests.service.support import audit_actions, staff
from tests.service_world import START, World, open_world
from tests.web.console_client import TestClient, csrf_token, signed_in

FORM = {
    "office": "office-north",
    "platform": "chirp",
    "kind": "act",
    "action_requested": "remove",
    "items": "post-9 https://chirp.example/p/9",
    "regulation": "MOSR",
    "article": "9",
    "provisions": "MOSR Art. 9(1)",
    "reasons": "Counterfeit medicines on sale.",
    "deadline_hours": "8",
}


@pytest.fixture(scope="module", params=BACKENDS)
def shared_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One world per backend for the tests that leave the clock alone and check only their own orders."""
    data_dir = tmp_path_factory.mktemp("console-orders")
    for url in database_url(request.param, data_dir):
        yield from open_world(url, data_dir)


def _case(world: World) -> str:
    with world.runtime.uow(write=True) as uow:
        uow.cases.add(
            CaseRow(
                id="case-41",
                source="report",
                source_ref="rep-41",
                state="decided",
                jurisdiction_code="ex.north",
                office_id="office-north",
                category="ILLEGAL_GOODS",
                severity="high",
                priority=3,
                regulation="MOSR",
                article="9",
                platform_id="chirp",
                content_id="post-9",
                opened_at=START,
                updated_at=START,
            )
        )
        uow.commit()
    return "case-41"


def _order(world: World, order_id: str) -> OrderRow:
    with world.runtime.uow() as uow:
        row = uow.orders.order(order_id)
    assert row is not None
    return row


def _post(client: TestClient, path: str, **data: str) -> str:
    """POST a console form with the session's CSRF token; the answer must send the browser on."""
    answer = client.post(path, data={**data, "csrf_token": csrf_token(client)})
    assert answer.status_code == 303, answer.text
    location: str = answer.headers["location"]
    return location


def test_an_officer_issues_an_order_from_a_case(shared_world: World) -> None:
    client = signed_in(shared_world, "officer_north")
    form = client.get(f"/console/orders/new?case={_case(shared_world)}")
    assert form.status_code == 200
    assert '<option value="chirp" selected>' in form.text
    assert ">post-9</textarea>" in form.text
    assert 'name="regulation" required value="MOSR"' in form.text
    assert '<input type="hidden" name="case_id" value="case-41">' in form.text
    location = _post(client, "/console/orders", **{**FORM, "case_id": "case-41"})
    order_id = location.rsplit("/", 1)[1]
    assert location == f"/console/orders/{order_id}"
    assert _order(shared_world, order_id).case_id == "case-41"
    with shared_world.runtime.uow() as uow:
        assert [json.loads(e.details)["order"] for e in uow.cases.events("case-41")] == [order_id]
    page = client.get(location).text
    assert "North Province Office, North Province" in page
    assert "<code>post-9</code>" in page
    assert "Withdraw the order" in page
    assert "Acknowledge" not in page


def test_issuing_without_the_csrf_token_is_refused(shared_world: World) -> None:
    client = signed_in(shared_world, "officer_north")
    before = audit_actions(shared_world, "order.issue")
    answer = client.post("/console/orders", data=FORM)
    assert answer.status_code == 403
    assert "CSRF" in answer.text
    assert audit_actions(shared_world, "order.issue") == before


def test_an_invalid_form_comes_back_with_the_fields_named_and_what_was_typed(shared_world: World) -> None:
    client = signed_in(shared_world, "officer_north")
    answer = client.post(
        "/console/orders", data={**FORM, "reasons": " ", "items": "", "csrf_token": csrf_token(client)}
    )
    assert answer.status_code == 422
    assert "Items: name at least one exact item" in answer.text
    assert "reasons: the statement of reasons is required" in answer.text
    assert 'value="MOSR"' in answer.text


def test_platform_staff_may_not_open_the_new_order_form(shared_world: World) -> None:
    answer = signed_in(shared_world, "chirp_moderator").get("/console/orders/new")
    assert answer.status_code == 403
    assert "no role that may order.issue" in answer.text


def test_platform_staff_acknowledge_and_report_the_effect(shared_world: World) -> None:
    order = issued(shared_world, staff(shared_world, "officer_north"))
    client = signed_in(shared_world, "chirp_moderator")
    page = client.get(f"/console/orders/{order.id}").text
    assert ">Acknowledge</button>" in page
    assert "Withdraw the order" not in page
    _post(client, f"/console/orders/{order.id}/acknowledgement")
    page = client.get(f"/console/orders/{order.id}").text
    assert "Report the effect given" in page
    assert '<option value="information_provided">' not in page
    _post(
        client,
        f"/console/orders/{order.id}/effect",
        effect="removed",
        effect_at="2026-06-01T09:00",
        effect_details="removed for everyone",
    )
    row = _order(shared_world, order.id)
    assert (row.status, row.effect, row.effect_reported_by) == ("executed", "removed", "staff:chirp_moderator")
    assert row.effect_at == START
    assert f"order:{order.id}" in audit_actions(shared_world, "order.acknowledge")
    assert f"order:{order.id}" in audit_actions(shared_world, "order.effect")
    timeline = client.get(f"/console/orders/{order.id}").text
    assert re.search(r"<strong>effect reported</strong> · staff:chirp_moderator", timeline)


def test_an_effect_before_the_order_is_shown_on_the_page(shared_world: World) -> None:
    order = issued(shared_world, staff(shared_world, "officer_north"))
    client = signed_in(shared_world, "chirp_moderator")
    _post(client, f"/console/orders/{order.id}/acknowledgement")
    answer = client.post(
        f"/console/orders/{order.id}/effect",
        data={"effect": "removed", "effect_at": "2026-05-31T10:00", "csrf_token": csrf_token(client)},
    )
    assert answer.status_code == 422
    assert "Effect_at: 2026-05-31T10:00:00+00:00 is before order" in answer.text
    assert _order(shared_world, order.id).status == "acknowledged"


def test_acknowledging_twice_says_so_on_the_page(shared_world: World) -> None:
    order = issued(shared_world, staff(shared_world, "officer_north"))
    client = signed_in(shared_world, "chirp_admin")
    _post(client, f"/console/orders/{order.id}/acknowledgement")
    again = client.post(f"/console/orders/{order.id}/acknowledgement", data={"csrf_token": csrf_token(client)})
    assert again.status_code == 409
    assert "was already acknowledged" in again.text


def test_another_platform_staff_cannot_see_the_order(shared_world: World) -> None:
    order = issued(shared_world, staff(shared_world, "officer_north"))
    client = signed_in(shared_world, "marketly_moderator")
    assert client.get(f"/console/orders/{order.id}").status_code == 403
    assert (
        client.post(f"/console/orders/{order.id}/acknowledgement", data={"csrf_token": csrf_token(client)}).status_code
        == 403
    )
    assert order.id not in client.get("/console/orders").text


def test_the_office_withdraws_an_order(shared_world: World) -> None:
    order = issued(shared_world, staff(shared_world, "officer_north"))
    client = signed_in(shared_world, "officer_north")
    _post(client, f"/console/orders/{order.id}/withdrawal", reason="issued in error")
    page = client.get(f"/console/orders/{order.id}").text
    assert "Withdrawn because</dt><dd>issued in error" in page
    assert "Withdraw the order" not in page


def test_the_list_filters_overdue_orders_and_answers_htmx_with_the_table(world: World) -> None:
    late = issued(world, staff(world, "officer_north"), act_request(deadline_hours=1))
    later = issued(world, staff(world, "officer_north"), act_request(deadline_hours=30))
    world.clock.advance(hours=2)
    client = signed_in(world, "chirp_moderator")
    page = client.get("/console/orders").text
    assert page.index(late.id) < page.index(later.id)
    overdue = client.get("/console/orders?overdue=yes", headers={"HX-Request": "true"})
    assert overdue.headers["HX-Push-Url"] == "/console/orders?overdue=yes&sort=deadline"
    assert late.id in overdue.text
    assert later.id not in overdue.text
    assert "<html" not in overdue.text
    assert client.get("/console/orders?status=lost").status_code == 422


def test_the_overview_shows_overdue_orders_to_the_office_and_the_one_above(world: World) -> None:
    order = issued(world, staff(world, "officer_east"))
    world.clock.now = order.deadline_at + timedelta(minutes=5)
    with world.runtime.uow(write=True) as uow:
        sweep_orders(uow, at=world.clock())
        uow.commit()
    for username in ("officer_east", "officer_north"):
        overview = signed_in(world, username).get("/console/").text
        assert "Overdue orders" in overview
        assert order.id in overview
        assert ">escalated</span>" in overview
    platform = signed_in(world, "chirp_moderator").get("/console/").text
    assert "Open orders to answer" in platform
    assert order.id in platform
    west = signed_in(world, "officer_west").get("/console/").text
    assert "No order of your offices is overdue." in west
    assert order.id not in west


def test_the_menu_offers_orders_to_those_who_may_read_them(shared_world: World) -> None:
    assert 'href="/console/orders"' in signed_in(shared_world, "chirp_moderator").get("/console/").text
    assert 'href="/console/orders"' not in signed_in(shared_world, "reviewer_harbour").get("/console/").text
