"""`GET /v1/coverage` and the tree's read endpoints: who may read what, and the report's figures."""

from __future__ import annotations

from tests.api.conftest import TestClient, bearer
from tests.api.test_sessions import sign_in
from tests.service_world import World


def test_without_credentials_the_coverage_is_401(shared_api: TestClient) -> None:
    assert shared_api.get("/v1/coverage").status_code == 401


def test_a_platform_key_may_not_read_coverage(shared_api: TestClient, shared_world: World) -> None:
    response = shared_api.get("/v1/coverage", headers=bearer(shared_world.keys["chirp"]))
    assert response.status_code == 403
    assert "coverage.read" in response.json()["detail"]


def test_a_reviewer_holds_no_role_that_reads_coverage(shared_api: TestClient) -> None:
    response = shared_api.get("/v1/coverage", headers=bearer(sign_in(shared_api, "reviewer_harbour")))
    assert response.status_code == 403


def test_the_supervisor_sees_the_gap_and_the_unstaffed_office(shared_api: TestClient) -> None:
    response = shared_api.get("/v1/coverage", headers=bearer(sign_in(shared_api, "supervisor")))
    assert response.status_code == 200
    body = response.json()
    assert body["scope"] == ["ex"]
    assert body["gaps"] == [
        {
            "jurisdiction": "ex.north.harbour.west",
            "name": "Harbour West County",
            "level": "county",
            "goes_to": {"office": "office-harbour", "jurisdiction": "ex.north.harbour", "levels_up": 1},
        }
    ]
    assert [office["office"] for office in body["unstaffed"]] == ["office-south"]
    assert body["overload_ratio"] == 25.0


def test_an_officer_sees_only_their_province(shared_api: TestClient) -> None:
    body = shared_api.get("/v1/coverage", headers=bearer(sign_in(shared_api, "officer_north"))).json()
    assert body["scope"] == ["ex.north"]
    assert body["unstaffed"] == []
    assert [level["level"] for level in body["levels"]] == ["provincial", "city", "county"]


def test_under_outside_the_scope_is_403_and_unknown_is_404(shared_api: TestClient) -> None:
    token = bearer(sign_in(shared_api, "officer_north"))
    assert shared_api.get("/v1/coverage", params={"under": "ex.south"}, headers=token).status_code == 403
    assert shared_api.get("/v1/coverage", params={"under": "ex.nowhere"}, headers=token).status_code == 404
    assert shared_api.get("/v1/coverage", params={"under": "ex.north.harbour"}, headers=token).status_code == 200


def test_a_ratio_of_zero_is_422(shared_api: TestClient) -> None:
    token = bearer(sign_in(shared_api, "supervisor"))
    assert shared_api.get("/v1/coverage", params={"overload_ratio": 0}, headers=token).status_code == 422


def test_any_caller_reads_the_tree_and_a_node_s_history(shared_api: TestClient, shared_world: World) -> None:
    key = bearer(shared_world.keys["chirp"])
    tree = shared_api.get("/v1/jurisdictions", headers=key).json()
    assert {
        "code": "ex.north",
        "name": "North Province",
        "level": "provincial",
        "parent": "ex",
        "retired_at": None,
    } in tree
    (created,) = shared_api.get("/v1/jurisdictions/ex.north/history", headers=key).json()
    assert (created["kind"], created["actor"], created["details"]["codes"]) == ("create", "system:netgov", ["ex.north"])
    assert shared_api.get("/v1/jurisdictions/ex.nowhere/history", headers=key).status_code == 404
