"""The statements API: a platform reads its own statements of reasons (with the portal link
for the account), regulators those of their jurisdictions; filters, pages and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import TestClient, bearer
from tests.api.posts import GOODS, SCAM, post
from tests.api.test_sessions import sign_in
from tests.service_world import World

EAST = "ex.north.harbour.east"


@pytest.fixture(scope="module")
def posted(shared_api: TestClient, shared_world: World) -> dict[str, Any]:
    """Three removals on chirp (two by account u-st1) and one on marketly; their statement ids."""
    chirp, marketly = bearer(shared_world.keys["chirp"]), bearer(shared_world.keys["marketly"])
    bodies = [
        (chirp, post("st-1", SCAM, account={"id": "u-st1"}, jurisdiction=EAST)),
        (chirp, post("st-2", GOODS, account={"id": "u-st1"}, jurisdiction=EAST)),
        (chirp, post("st-3", SCAM, account={"id": "u-st2"}, jurisdiction="ex.north")),
        (marketly, post("st-m", SCAM, account={"id": "u-m"}, jurisdiction="ex.south")),
    ]
    for headers, body in bodies:
        assert shared_api.post("/v1/content", json=body, headers=headers).status_code == 201
    listed = shared_api.get("/v1/statements", params={"limit": 500}, headers=chirp).json()["statements"]
    return {"chirp": chirp, "marketly": marketly, "ids": {s["content_id"]: s["id"] for s in listed}}


def test_a_platform_reads_a_statement_with_its_grounds_text_and_portal_link(
    shared_api: TestClient, posted: dict[str, Any]
) -> None:
    statement_id = posted["ids"]["st-1"]
    body = shared_api.get(f"/v1/statements/{statement_id}", headers=posted["chirp"]).json()
    assert (body["measure"], body["source"], body["automated_decision"]) == ("remove", "own_initiative", "fully")
    assert (body["account_id"], body["status"], body["automated_detection"]) == ("u-st1", "active", True)
    assert body["legal_grounds"][0]["article_text"]
    assert "appeal" in body["redress"][0]
    assert body["portal_url"].startswith(f"/portal/statements/{statement_id}?token=")


def test_another_platforms_statement_is_403(shared_api: TestClient, posted: dict[str, Any]) -> None:
    response = shared_api.get(f"/v1/statements/{posted['ids']['st-1']}", headers=posted["marketly"])
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"


def test_an_unknown_statement_is_404(shared_api: TestClient, posted: dict[str, Any]) -> None:
    assert shared_api.get("/v1/statements/sor_nope", headers=posted["chirp"]).status_code == 404


def test_a_platform_lists_only_its_own_statements(shared_api: TestClient, posted: dict[str, Any]) -> None:
    body = shared_api.get("/v1/statements", headers=posted["marketly"]).json()
    assert {s["content_id"] for s in body["statements"]} == {"st-m"}
    assert body["total"] == 1


def test_the_list_filters_by_account_and_content(shared_api: TestClient, posted: dict[str, Any]) -> None:
    by_account = shared_api.get("/v1/statements", params={"account": "u-st1"}, headers=posted["chirp"]).json()
    assert {s["content_id"] for s in by_account["statements"]} == {"st-1", "st-2"}
    by_content = shared_api.get("/v1/statements", params={"content": "st-3"}, headers=posted["chirp"]).json()
    assert [s["content_id"] for s in by_content["statements"]] == ["st-3"]


def test_since_after_every_statement_lists_none(shared_api: TestClient, posted: dict[str, Any]) -> None:
    body = shared_api.get("/v1/statements", params={"since": "2999-01-01T00:00:00Z"}, headers=posted["chirp"]).json()
    assert (body["statements"], body["total"]) == ([], 0)


def test_pages_follow_the_cursor_to_the_end(shared_api: TestClient, posted: dict[str, Any]) -> None:
    seen: list[str] = []
    params: dict[str, Any] = {"account": "u-st1", "limit": 1}
    while True:
        body = shared_api.get("/v1/statements", params=params, headers=posted["chirp"]).json()
        seen += [s["id"] for s in body["statements"]]
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert sorted(seen) == sorted([posted["ids"]["st-1"], posted["ids"]["st-2"]])


@pytest.mark.parametrize(
    ("params", "field"),
    [({"since": "yesterday"}, "since"), ({"limit": 0}, "limit"), ({"cursor": "garbage"}, "cursor")],
)
def test_bad_filters_are_422(
    shared_api: TestClient, posted: dict[str, Any], params: dict[str, Any], field: str
) -> None:
    response = shared_api.get("/v1/statements", params=params, headers=posted["chirp"])
    assert response.status_code == 422
    assert field in response.text


def test_a_regulator_reads_statements_of_its_jurisdiction_without_account_or_portal_link(
    shared_api: TestClient, posted: dict[str, Any]
) -> None:
    officer = bearer(sign_in(shared_api, "officer_east"))
    body = shared_api.get("/v1/statements", params={"limit": 500}, headers=officer).json()
    assert {s["content_id"] for s in body["statements"]} >= {"st-1", "st-2"}
    assert "st-3" not in {s["content_id"] for s in body["statements"]}
    assert all(s["portal_url"] is None and s["account_id"] is None for s in body["statements"])
    outside = shared_api.get(f"/v1/statements/{posted['ids']['st-3']}", headers=officer)
    assert outside.status_code == 403


def test_statements_need_credentials(shared_api: TestClient) -> None:
    assert shared_api.get("/v1/statements").status_code == 401
