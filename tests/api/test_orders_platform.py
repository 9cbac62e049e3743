"""The platform's side of the orders API (list, read, acknowledge, report the effect) and the
regulator's withdrawal, with the key of the order's platform, another platform's and staff."""

from __future__ import annotations

import pytest

from netgov.service.order_deadlines import sweep_orders
from tests.api.conftest import TestClient, bearer
from tests.order_factories import act_body, staff_headers
from tests.service_world import World

Headers = dict[str, str]


def _issue(api: TestClient, username: str = "officer_north", **changes: object) -> str:
    response = api.post("/v1/orders", json=act_body(**changes), headers=staff_headers(api, username))
    assert response.status_code == 201, response.text
    order_id: str = response.json()["id"]
    return order_id


@pytest.fixture
def shared_chirp(shared_world: World) -> Headers:
    return bearer(shared_world.keys["chirp"])


@pytest.fixture
def shared_marketly(shared_world: World) -> Headers:
    return bearer(shared_world.keys["marketly"])


@pytest.fixture
def order(shared_api: TestClient) -> str:
    """An order of its own to chirp from the North Province office, in the module's world
    (whose clock stays at the moment of issue)."""
    return _issue(shared_api)


@pytest.fixture
def fresh_order(api: TestClient, world: World) -> str:
    """An order to chirp issued by the North Province office; the clock then moves an hour on."""
    order_id = _issue(api)
    world.clock.advance(hours=1)
    return order_id


def _ids(api: TestClient, headers: Headers, query: str = "") -> list[str]:
    response = api.get(f"/v1/orders{query}", headers=headers)
    assert response.status_code == 200, response.text
    return [order["id"] for order in response.json()["orders"]]


def test_a_platform_lists_only_its_own_orders(
    api: TestClient, fresh_order: str, chirp: Headers, marketly: Headers
) -> None:
    theirs = _issue(api, "supervisor", platform="marketly", office="office-south")
    assert _ids(api, chirp) == [fresh_order]
    assert _ids(api, marketly) == [theirs]
    assert _ids(api, chirp, "?platform=marketly") == []
    listed = api.get("/v1/orders", headers=chirp).json()
    assert listed["total"] == 1
    assert listed["orders"][0]["items"] == 1


def test_another_platform_order_is_403_as_for_decisions(
    shared_api: TestClient, order: str, shared_marketly: Headers
) -> None:
    for response in (
        shared_api.get(f"/v1/orders/{order}", headers=shared_marketly),
        shared_api.post(f"/v1/orders/{order}/acknowledgement", headers=shared_marketly),
        shared_api.post(f"/v1/orders/{order}/effect", json={"nonsense": 1}, headers=shared_marketly),
    ):
        assert response.status_code == 403, response.text
        assert "platform marketly" in response.json()["detail"]


def test_an_unknown_order_is_404(shared_api: TestClient, shared_chirp: Headers) -> None:
    response = shared_api.post("/v1/orders/ord_missing/acknowledgement", headers=shared_chirp)
    assert response.status_code == 404
    assert response.json()["detail"] == "no order 'ord_missing'"


def test_the_platform_acknowledges_once_then_reports_the_effect(
    shared_api: TestClient, order: str, shared_chirp: Headers
) -> None:
    acknowledged = shared_api.post(f"/v1/orders/{order}/acknowledgement", headers=shared_chirp)
    assert acknowledged.status_code == 200
    assert acknowledged.json()["acknowledged_by"] == "platform:chirp"
    again = shared_api.post(f"/v1/orders/{order}/acknowledgement", headers=shared_chirp)
    assert again.status_code == 409
    assert "already acknowledged" in again.json()["detail"]
    effect = {"effect": "removed", "effect_at": "2026-06-01T09:00:00Z", "effect_details": "removed in ex.north"}
    reported = shared_api.post(f"/v1/orders/{order}/effect", json=effect, headers=shared_chirp)
    assert reported.status_code == 200, reported.text
    body = reported.json()
    assert (body["status"], body["effect"], body["effect_at"]) == ("executed", "removed", "2026-06-01T09:00:00Z")
    assert [entry["step"] for entry in body["timeline"]] == ["issued", "acknowledged", "effect reported"]


def test_an_effect_before_the_order_is_422(shared_api: TestClient, order: str, shared_chirp: Headers) -> None:
    shared_api.post(f"/v1/orders/{order}/acknowledgement", headers=shared_chirp)
    early = {"effect": "removed", "effect_at": "2026-06-01T08:59:00Z"}
    response = shared_api.post(f"/v1/orders/{order}/effect", json=early, headers=shared_chirp)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("effect_at: 2026-06-01T08:59:00+00:00 is before order")


def test_an_effect_before_acknowledging_is_409(shared_api: TestClient, order: str, shared_chirp: Headers) -> None:
    response = shared_api.post(
        f"/v1/orders/{order}/effect",
        json={"effect": "removed", "effect_at": "2026-06-01T09:00:00Z"},
        headers=shared_chirp,
    )
    assert response.status_code == 409
    assert "acknowledge it before" in response.json()["detail"]


def test_not_executing_without_reasons_is_422(shared_api: TestClient, order: str, shared_chirp: Headers) -> None:
    shared_api.post(f"/v1/orders/{order}/acknowledgement", headers=shared_chirp)
    response = shared_api.post(
        f"/v1/orders/{order}/effect",
        json={"effect": "not_executed", "effect_at": "2026-06-01T09:00:00Z"},
        headers=shared_chirp,
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "effect_details: say why the order was not executed"


def test_platform_staff_respond_with_a_session(shared_api: TestClient, order: str) -> None:
    response = shared_api.post(
        f"/v1/orders/{order}/acknowledgement", headers=staff_headers(shared_api, "chirp_moderator")
    )
    assert response.status_code == 200
    assert response.json()["acknowledged_by"] == "staff:chirp_moderator"


def test_the_regulator_withdraws_and_the_platform_sees_why(
    shared_api: TestClient, order: str, shared_chirp: Headers
) -> None:
    refused = shared_api.post(f"/v1/orders/{order}/withdrawal", json={"reason": "mine now"}, headers=shared_chirp)
    assert refused.status_code == 403
    response = shared_api.post(
        f"/v1/orders/{order}/withdrawal",
        json={"reason": "issued in error"},
        headers=staff_headers(shared_api, "officer_north"),
    )
    assert response.status_code == 200
    seen = shared_api.get(f"/v1/orders/{order}", headers=shared_chirp).json()
    assert (seen["status"], seen["withdrawal_reason"]) == ("withdrawn", "issued in error")
    assert shared_api.post(f"/v1/orders/{order}/acknowledgement", headers=shared_chirp).status_code == 409


def test_an_officer_of_another_subtree_cannot_read_or_withdraw(shared_api: TestClient, order: str) -> None:
    east = staff_headers(shared_api, "officer_east")
    assert shared_api.get(f"/v1/orders/{order}", headers=east).status_code == 403
    assert shared_api.post(f"/v1/orders/{order}/withdrawal", json={"reason": "x"}, headers=east).status_code == 403
    assert order not in _ids(shared_api, east)


def test_filters_for_overdue_and_reminded_orders(
    api: TestClient, world: World, fresh_order: str, chirp: Headers
) -> None:
    later = _issue(api, deadline_hours=40)
    world.clock.advance(hours=6, minutes=30)  # 16:30: half an hour before the first order is due at 17:00
    with world.runtime.uow(write=True) as uow:
        assert sweep_orders(uow, at=world.clock())["orders_reminded"] == 1
        uow.commit()
    assert _ids(api, chirp, "?reminded=true") == [fresh_order]
    assert api.get(f"/v1/orders/{fresh_order}", headers=chirp).json()["reminded_at"] is not None
    world.clock.advance(hours=1)
    assert _ids(api, chirp, "?overdue=true") == [fresh_order]
    assert _ids(api, chirp, "?overdue=false") == [later]
    assert _ids(api, chirp, "?sort=deadline") == [fresh_order, later]
    assert _ids(api, chirp, "?status=acknowledged") == []


def test_a_bad_filter_is_422(shared_api: TestClient, shared_chirp: Headers) -> None:
    response = shared_api.get("/v1/orders?status=lost", headers=shared_chirp)
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "query.status"
    assert shared_api.get("/v1/orders?limit=0", headers=shared_chirp).status_code == 422
