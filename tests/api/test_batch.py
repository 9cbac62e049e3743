"""POST /v1/content:batch: many posts, one commit, one result per item in input order."""

from __future__ import annotations

from tests.api.conftest import TestClient
from tests.api.posts import CLEAN, GOODS, SCAM, post


def test_each_item_gets_created_existing_or_conflict_in_input_order(api: TestClient, chirp: dict[str, str]) -> None:
    api.post("/v1/content", json=post("seen", SCAM), headers=chirp)
    api.post("/v1/content", json=post("reused", SCAM), headers=chirp)
    items = [post("new", GOODS), post("seen", SCAM), post("reused", CLEAN)]
    response = api.post("/v1/content:batch", json={"items": items}, headers=chirp)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(r["content_id"], r["status"]) for r in results] == [
        ("new", "created"),
        ("seen", "existing"),
        ("reused", "conflict"),
    ]


def test_created_and_existing_items_carry_their_decision(api: TestClient, chirp: dict[str, str]) -> None:
    first = api.post("/v1/content", json=post("seen", SCAM), headers=chirp).json()
    items = [post("new", GOODS), post("seen", SCAM)]
    created, existing = api.post("/v1/content:batch", json={"items": items}, headers=chirp).json()["results"]
    assert created["decision"]["category"] == "UNSAFE_AND_PROHIBITED_PRODUCTS"
    assert existing["decision"] == first
    assert created["problem"] is None
    assert existing["problem"] is None


def test_a_conflicting_item_carries_a_409_problem_and_no_decision(api: TestClient, chirp: dict[str, str]) -> None:
    api.post("/v1/content", json=post("reused", SCAM), headers=chirp)
    (result,) = api.post("/v1/content:batch", json={"items": [post("reused", CLEAN)]}, headers=chirp).json()["results"]
    assert result["decision"] is None
    assert result["problem"]["status"] == 409
    assert "reused" in result["problem"]["detail"]


def test_the_same_id_twice_in_one_batch_is_decided_once(api: TestClient, chirp: dict[str, str]) -> None:
    items = [post("twice", SCAM), post("twice", SCAM)]
    first, second = api.post("/v1/content:batch", json={"items": items}, headers=chirp).json()["results"]
    assert (first["status"], second["status"]) == ("created", "existing")
    assert first["decision"]["id"] == second["decision"]["id"]


def test_more_items_than_the_limit_is_a_422_that_states_the_limit(
    small_api: TestClient, small_world_chirp: dict[str, str]
) -> None:
    items = [post(f"p-{n}") for n in range(4)]
    response = small_api.post("/v1/content:batch", json={"items": items}, headers=small_world_chirp)
    assert response.status_code == 422
    assert "at most 3 items" in response.json()["detail"]


def test_an_empty_batch_is_a_422(api: TestClient, chirp: dict[str, str]) -> None:
    response = api.post("/v1/content:batch", json={"items": []}, headers=chirp)
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "body.items"


def test_an_invalid_item_is_named_by_its_position(api: TestClient, chirp: dict[str, str]) -> None:
    items = [post("ok"), {"id": ""}]
    response = api.post("/v1/content:batch", json={"items": items}, headers=chirp)
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "body.items.1.id"


def test_an_unknown_jurisdiction_is_named_by_its_item(api: TestClient, chirp: dict[str, str]) -> None:
    items = [post("ok"), post("bad", jurisdiction="zz")]
    response = api.post("/v1/content:batch", json={"items": items}, headers=chirp)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("items.1.jurisdiction: no jurisdiction 'zz'")
