"""``POST /v1/orders``: regulator staff issue orders with a session token; every refusal is a
problem document naming the field or the missing permission."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import TestClient, bearer
from tests.order_factories import act_body, staff_headers
from tests.service_world import World


def test_an_officer_issues_an_order_and_gets_its_location(api: TestClient) -> None:
    response = api.post("/v1/orders", json=act_body(), headers=staff_headers(api, "officer_north"))
    assert response.status_code == 201, response.text
    order = response.json()
    assert response.headers["Location"] == f"/v1/orders/{order['id']}"
    assert order["status"] == "issued"
    assert order["issuing_authority"] == "North Province Office, North Province"
    assert order["legal_basis"] == {"regulation": "MOSR", "article": "9"}
    assert order["items"] == [{"content_id": "post-1", "url": "https://chirp.example/p/1"}]
    assert order["territorial_scope"] == ["ex.north"]
    assert order["deadline_at"] == "2026-06-01T17:00:00Z"
    assert [entry["step"] for entry in order["timeline"]] == ["issued"]


def test_the_issuing_authority_cannot_be_supplied(api: TestClient) -> None:
    body = act_body(issuing_authority="The Ministry of Everything")
    response = api.post("/v1/orders", json=body, headers=staff_headers(api, "officer_north"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "body.issuing_authority"


@pytest.mark.parametrize("field", ["platform", "kind", "regulation", "article", "provisions", "reasons", "items"])
def test_a_missing_required_field_is_named(shared_api: TestClient, field: str) -> None:
    body = act_body()
    del body[field]
    response = shared_api.post("/v1/orders", json=body, headers=staff_headers(shared_api, "officer_north"))
    assert response.status_code == 422
    assert response.json()["detail"] == f"body.{field}: required field missing"


INVALID: list[tuple[dict[str, Any], str]] = [
    ({"items": []}, "items: name at least one exact item"),
    ({"provisions": []}, "provisions: cite at least one provision"),
    ({"reasons": " "}, "reasons: the statement of reasons is required"),
    ({"article": "99"}, "article: MOSR has no article 99 in force"),
    ({"action_requested": None}, "action_requested: an act order says what to do"),
    ({"territorial_scope": ["ex.south"]}, "territorial_scope: ex.south lies outside"),
    ({"territorial_scope": ["ex.atlantis"]}, "territorial_scope: no jurisdiction 'ex.atlantis'"),
    ({"deadline_hours": None, "deadline_at": "2026-05-31T09:00:00Z"}, "deadline_at: 2026-05-31T09:00:00+00:00 is not"),
    ({"deadline_at": "2026-06-09T09:00:00Z"}, "deadline_at: give either deadline_at"),
    ({"platform": "nowhere"}, "platform: no platform 'nowhere'"),
    ({"office": "office-moon"}, "office: no office 'office-moon'"),
    ({"case_id": "case-404"}, "case_id: no case 'case-404'"),
]


@pytest.mark.parametrize(("changes", "message"), INVALID, ids=[m.split(":")[0] for _, m in INVALID])
def test_an_invalid_field_is_422_naming_it(shared_api: TestClient, changes: dict[str, Any], message: str) -> None:
    body = act_body(**changes)
    response = shared_api.post("/v1/orders", json=body, headers=staff_headers(shared_api, "officer_north"))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert message in response.json()["detail"]


def test_a_deadline_in_hours_out_of_range_is_refused_by_the_schema(shared_api: TestClient) -> None:
    response = shared_api.post(
        "/v1/orders", json=act_body(deadline_hours=0), headers=staff_headers(shared_api, "officer_north")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "body.deadline_hours"


def test_an_office_outside_the_officer_subtree_is_403(shared_api: TestClient) -> None:
    body = act_body(office="office-north")
    response = shared_api.post("/v1/orders", json=body, headers=staff_headers(shared_api, "officer_east"))
    assert response.status_code == 403
    assert "ex.north.harbour.east" in response.json()["detail"]


@pytest.mark.parametrize("username", ["reviewer_harbour", "auditor", "chirp_admin"])
def test_staff_without_order_issue_are_403_before_the_body_is_read(shared_api: TestClient, username: str) -> None:
    response = shared_api.post("/v1/orders", json={"nonsense": True}, headers=staff_headers(shared_api, username))
    assert response.status_code == 403
    assert "holds no role that may order.issue" in response.json()["detail"]


def test_a_platform_key_cannot_issue_orders(shared_api: TestClient, shared_world: World) -> None:
    response = shared_api.post("/v1/orders", json=act_body(), headers=bearer(shared_world.keys["chirp"]))
    assert response.status_code == 403


def test_issuing_needs_credentials(shared_api: TestClient) -> None:
    response = shared_api.post("/v1/orders", json=act_body())
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
