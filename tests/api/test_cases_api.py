"""The case API: staff open, read, step, assign, move and refer cases over HTTP; refusals
are problem documents (401, 403, 404, 409, 422)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import TestClient, bearer
from tests.api.test_sessions import sign_in
from tests.service_world import World

EAST = "ex.north.harbour.east"


@pytest.fixture(scope="module")
def tokens(shared_api: TestClient) -> dict[str, dict[str, str]]:
    """Session headers of the staff these tests act as, signed in once per module."""
    names = ["officer_east", "officer_north", "reviewer_harbour", "supervisor", "auditor"]
    return {name: bearer(sign_in(shared_api, name)) for name in names}


_refs = iter(range(1, 10_000))


def _open(api: TestClient, headers: dict[str, str], jurisdiction: str = EAST, **fields: Any) -> Any:
    body = {
        "source": "report",
        "source_ref": f"api-notice-{next(_refs)}",
        "jurisdiction": jurisdiction,
        "category": "SCAMS_AND_FRAUD",
        "severity": "medium",
        "regulation": "dsa",
        "article": "16",
        **fields,
    }
    response = api.post("/v1/cases", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response


@pytest.fixture
def act(shared_api: TestClient, tokens: dict[str, dict[str, str]]) -> Any:
    """``act(name, method, path, json)``: a request as one of the signed-in staff."""

    def request(name: str, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return shared_api.request(method, path, json=body, headers=tokens[name])

    return request


def test_the_queue_needs_credentials(shared_api: TestClient) -> None:
    response = shared_api.get("/v1/cases")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_an_officer_opens_a_case_and_reads_it_at_its_location(
    shared_api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    response = _open(shared_api, tokens["officer_east"], summary="a scam shop")
    case = response.json()
    assert response.headers["location"] == f"/v1/cases/{case['id']}"
    assert (case["office_id"], case["assignee"], case["state"]) == ("office-east", "officer_east", "filed")
    assert [step["to"] for step in case["next_steps"]] == ["investigating", "closed"]
    again = shared_api.get(response.headers["location"], headers=tokens["auditor"])
    assert again.status_code == 200
    assert [event["kind"] for event in again.json()["timeline"]] == ["opened", "assigned"]


def test_opening_the_same_source_item_again_returns_it_with_200(
    shared_api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    first = _open(shared_api, tokens["officer_east"], source_ref="api-same").json()
    body = {
        "source": "report",
        "source_ref": "api-same",
        "jurisdiction": EAST,
        "category": "VIOLENCE",
        "severity": "low",
        "regulation": "dsa",
        "article": "16",
    }
    again = shared_api.post("/v1/cases", json=body, headers=tokens["officer_east"])
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]


def test_opening_outside_ones_scope_is_403_and_a_bad_body_422(
    shared_api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    body = {
        "source": "report",
        "source_ref": "x",
        "jurisdiction": "ex.south",
        "category": "VIOLENCE",
        "severity": "low",
        "regulation": "dsa",
        "article": "16",
    }
    assert shared_api.post("/v1/cases", json=body, headers=tokens["officer_east"]).status_code == 403
    bad = shared_api.post("/v1/cases", json={**body, "severity": "dire"}, headers=tokens["officer_east"])
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["location"] == "body.severity"
    unknown = shared_api.post("/v1/cases", json={**body, "colour": "red"}, headers=tokens["officer_east"])
    assert unknown.status_code == 422


def test_a_platform_key_may_not_read_cases(
    shared_api: TestClient, shared_world: World, tokens: dict[str, dict[str, str]]
) -> None:
    case = _open(shared_api, tokens["officer_east"]).json()
    chirp = bearer(shared_world.keys["chirp"])
    assert shared_api.get(f"/v1/cases/{case['id']}", headers=chirp).status_code == 403
    assert shared_api.get("/v1/cases", headers=chirp).json()["cases"] == []
    assert shared_api.get("/v1/cases/case_missing", headers=tokens["auditor"]).status_code == 404


def test_the_assignee_steps_a_case_and_an_illegal_step_is_409(
    act: Any, shared_api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    case = _open(shared_api, tokens["officer_east"]).json()
    path = f"/v1/cases/{case['id']}/transitions"
    refused = act("officer_east", "POST", path, {"to": "decided", "reason": "obvious", "outcome": "violation"})
    assert refused.status_code == 409
    assert "Allowed from filed: investigating, closed" in refused.json()["detail"]
    assert act("officer_east", "POST", path, {"to": "investigating"}).status_code == 422  # no reason
    moved = act("officer_east", "POST", path, {"to": "investigating", "reason": "looking into it"})
    assert moved.status_code == 200
    assert moved.json()["state"] == "investigating"
    closing = act("officer_east", "POST", path, {"to": "closed", "reason": "nothing there"})
    assert closing.status_code == 422
    assert "outcome" in closing.json()["detail"]


def test_someone_else_may_not_step_an_assigned_case(
    act: Any, shared_api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    case = _open(shared_api, tokens["officer_east"]).json()
    response = act(
        "officer_north", "POST", f"/v1/cases/{case['id']}/transitions", {"to": "investigating", "reason": "mine"}
    )
    assert response.status_code == 403
    assert "assigned to someone else" in response.json()["detail"]


def test_a_supervisor_assigns_and_an_officer_may_not(
    act: Any, shared_api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    case = _open(shared_api, tokens["officer_east"]).json()
    path = f"/v1/cases/{case['id']}/assignment"
    assert act("officer_east", "POST", path, {"reason": "rebalance"}).status_code == 403
    response = act("supervisor", "POST", path, {"staff": "officer_east", "reason": "knows the shop"})
    assert response.status_code == 200
    assert response.json()["timeline"][-1]["reason"] == "knows the shop"


def test_a_reviewer_takes_a_harbour_west_case(
    act: Any, shared_api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    case = _open(shared_api, tokens["supervisor"], "ex.north.harbour.west").json()
    response = act("reviewer_harbour", "POST", f"/v1/cases/{case['id']}/take")
    assert response.status_code == 200
    assert response.json()["assignee"] == "reviewer_harbour"


def test_take_over_designation_and_transfer_move_the_case(
    act: Any, shared_api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    case = _open(shared_api, tokens["officer_east"]).json()
    base = f"/v1/cases/{case['id']}"
    assert (
        act("officer_north", "POST", f"{base}/take-over", {"reason": "serious"}).json()["office_id"] == "office-north"
    )
    designated = act("supervisor", "POST", f"{base}/designation", {"office": "office-harbour", "reason": "city matter"})
    assert designated.json()["office_id"] == "office-harbour"
    assert (
        act("reviewer_harbour", "POST", f"{base}/transfer", {"office": "office-east", "reason": ""}).status_code == 422
    )
    moved = act("reviewer_harbour", "POST", f"{base}/transfer", {"office": "office-east", "reason": "east county"})
    assert (moved.status_code, moved.json()["office_id"]) == (200, "office-east")
    assert act("officer_east", "POST", f"{base}/take-over", {"reason": "mine"}).status_code == 403


def test_a_referral_is_created_and_its_status_tracked(
    act: Any, shared_api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    case = _open(shared_api, tokens["officer_east"]).json()
    created = act(
        "officer_east", "POST", f"/v1/cases/{case['id']}/referrals", {"agency": "police", "reason": "fraud ring"}
    )
    assert created.status_code == 201
    referral = created.json()
    assert (referral["status"], referral["allowed_next"]) == ("sent", ["acknowledged", "declined"])
    path = f"/v1/referrals/{referral['id']}"
    assert act("officer_east", "PATCH", path, {"status": "concluded", "reason": "done"}).status_code == 409
    acknowledged = act(
        "officer_east", "PATCH", path, {"status": "acknowledged", "reference": "POL-1", "reason": "they wrote"}
    )
    assert (acknowledged.status_code, acknowledged.json()["reference"]) == (200, "POL-1")
    assert (
        act("officer_east", "PATCH", "/v1/referrals/ref_missing", {"status": "acknowledged", "reason": "x"}).status_code
        == 404
    )


def test_the_queue_filters_and_links_the_next_page(
    act: Any, shared_api: TestClient, tokens: dict[str, dict[str, str]]
) -> None:
    for _ in range(2):
        _open(shared_api, tokens["supervisor"], "ex.south")
    first = act("auditor", "GET", "/v1/cases?office=office-south&limit=1&sort=priority").json()
    assert first["total"] >= 2
    assert first["next"].endswith("offset=1")
    following = shared_api.get(first["next"], headers=tokens["auditor"]).json()
    assert following["cases"][0]["id"] != first["cases"][0]["id"]
    assert act("auditor", "GET", "/v1/cases?state=filed&state=closed&assignee=none&office=office-south").json()["cases"]
    assert act("auditor", "GET", "/v1/cases?state=lost").status_code == 422


def test_assignee_me_lists_nothing_for_a_platform_key(shared_api: TestClient, shared_world: World) -> None:
    response = shared_api.get("/v1/cases?assignee=me", headers=bearer(shared_world.keys["chirp"]))
    assert (response.status_code, response.json()["cases"]) == (200, [])


def test_deadline_rules_are_listed_and_set_by_a_national_supervisor(act: Any) -> None:
    listed = act("auditor", "GET", "/v1/deadline-policies").json()
    assert {"category": "*", "source": "*", "working_hours": 40.0, "warn_hours": 8.0, "origin": "built-in"} in listed
    body = {"working_hours": 20, "warn_hours": 4, "reason": "animal cases are quick"}
    assert act("officer_east", "PUT", "/v1/deadline-policies/ANIMAL_WELFARE/report", body).status_code == 403
    assert (
        act("supervisor", "PUT", "/v1/deadline-policies/ANIMAL_WELFARE/report", body).json()["origin"] == "configured"
    )
    assert act("supervisor", "PUT", "/v1/deadline-policies/NOT_A_CATEGORY/report", body).status_code == 422
    assert act("supervisor", "PUT", "/v1/deadline-policies/VIOLENCE/*", body).json()["source"] == "*"
    assert act("supervisor", "PUT", "/v1/deadline-policies/*/*", {**body, "warn_hours": 30}).status_code == 422
