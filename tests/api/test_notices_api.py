"""The notices API: public filing and status, limits that refuse one address and not the next,
size limits, staff and platform reads, answers, forwarding and trusted flaggers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from netgov.api import create_app
from tests.api.conftest import bearer
from tests.order_factories import staff_headers
from tests.service_world import World, open_world

Headers = dict[str, str]
NOTICE: dict[str, Any] = {
    "addressee": "regulator",
    "platform": "chirp",
    "category": "SCAMS_AND_FRAUD",
    "explanation": "It promises to double any crypto sent: an advance-fee scam.",
    "items": [{"url": "https://chirp.example/p/1", "content_id": "p1"}],
    "good_faith": True,
}


def notice(**changes: Any) -> dict[str, Any]:
    return {**NOTICE, **changes}


def client_at(world: World, address: str) -> TestClient:
    return TestClient(create_app(world.runtime), client=(address, 50000))


@pytest.fixture
def tight_world(database: str, tmp_path: Path) -> Iterator[World]:
    """A world that takes 2 notices an hour per address, 3 items and 2 KiB per notice."""
    yield from open_world(database, tmp_path, notice_rate_per_ip=2, notice_max_items=3, notice_max_bytes=2048)


def test_anyone_files_a_notice_and_gets_a_query_code(api: TestClient) -> None:
    response = api.post("/v1/notices", json=notice())
    assert response.status_code == 201, response.text
    receipt = response.json()
    assert receipt["status"] == "in_review"
    assert receipt["status_url"] == f"/portal/notices/status?code={receipt['query_code']}"
    assert response.headers["location"] == f"/v1/notices/status/{receipt['query_code']}"
    assert receipt["items"][0]["message"] == "a regulator office is reviewing this content"


def test_the_query_code_shows_the_status_publicly(api: TestClient) -> None:
    code = api.post("/v1/notices", json=notice()).json()["query_code"]
    status = api.get(f"/v1/notices/status/{code}")
    assert status.status_code == 200
    body = status.json()
    assert (body["status"], body["platform"], body["items"][0]["status"]) == ("in_review", "chirp", "in_review")
    assert "reporter" not in str(body)


def test_an_unknown_and_a_malformed_code_are_the_same_404(api: TestClient) -> None:
    unknown = api.get("/v1/notices/status/AAAA-BBBB-CCCC-DDDD")
    malformed = api.get("/v1/notices/status/hello")
    assert unknown.status_code == malformed.status_code == 404
    assert unknown.json()["detail"] == malformed.json()["detail"]


def test_invalid_notices_are_refused_naming_the_field(api: TestClient) -> None:
    response = api.post("/v1/notices", json=notice(good_faith=False, items=[{"account_id": "a"}]))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "good_faith:" in detail
    assert "items[0]: give the content's URL" in detail


def test_unknown_fields_are_refused(api: TestClient) -> None:
    response = api.post("/v1/notices", json=notice(colour="red"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "body.colour"


def test_an_address_over_its_limit_gets_429_while_another_still_files(tight_world: World) -> None:
    with client_at(tight_world, "198.51.100.1") as noisy, client_at(tight_world, "198.51.100.2") as quiet:
        assert [noisy.post("/v1/notices", json=notice()).status_code for _ in range(2)] == [201, 201]
        refused = noisy.post("/v1/notices", json=notice())
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) > 0
        assert "at most 2 notices an hour" in refused.json()["detail"]
        assert quiet.post("/v1/notices", json=notice()).status_code == 201


def test_a_body_over_the_notice_limit_is_413(tight_world: World) -> None:
    with client_at(tight_world, "198.51.100.3") as client:
        response = client.post("/v1/notices", json=notice(explanation="x" * 3000))
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        # The rest of the API keeps its own, larger limit.
        assert client.post("/v1/content", json={"id": "1", "text": "y" * 3000}).status_code != 413


def test_more_items_than_allowed_is_422(tight_world: World) -> None:
    items = [{"content_id": str(n)} for n in range(4)]
    with client_at(tight_world, "198.51.100.4") as client:
        response = client.post("/v1/notices", json=notice(items=items))
    assert response.status_code == 422
    assert "items: at most 3 locations in one notice, not 4" in response.json()["detail"]


def test_staff_list_and_read_notices_in_their_scope(api: TestClient) -> None:
    notice_id = api.post("/v1/notices", json=notice()).json()["notice_id"]
    officer = staff_headers(api, "officer_north")
    listed = api.get("/v1/notices", headers=officer).json()
    assert [n["id"] for n in listed["notices"]] == [notice_id]
    assert listed["total"] == 1
    detail = api.get(f"/v1/notices/{notice_id}", headers=officer).json()
    assert (detail["items"][0]["reports_on_case"], detail["reporter"]) == (1, None)
    south = staff_headers(api, "officer_east")
    assert api.get(f"/v1/notices/{notice_id}", headers=south).status_code == 403


def test_reading_who_reported_needs_a_reason(api: TestClient) -> None:
    notice_id = api.post("/v1/notices", json=notice(reporter_email="ana@example.org")).json()["notice_id"]
    officer = staff_headers(api, "officer_north")
    detail = api.get(f"/v1/notices/{notice_id}", params={"reporter_reason": "reply to her"}, headers=officer).json()
    assert detail["reporter"] == {"name": None, "email": "ana@example.org"}


def test_a_platform_answers_a_notice_addressed_to_it(api: TestClient, chirp: Headers) -> None:
    notice_id = api.post("/v1/notices", json=notice(addressee="platform")).json()["notice_id"]
    assert [n["id"] for n in api.get("/v1/notices", headers=chirp).json()["notices"]] == [notice_id]
    body = {"acted": True, "reasons": "removed", "measure": "remove", "regulation": "MOSR", "article": "7"}
    response = api.post(f"/v1/notices/{notice_id}/items/1/answer", json=body, headers=chirp)
    assert response.status_code == 200, response.text
    answered = response.json()
    assert (answered["status"], answered["items"][0]["outcome"]) == ("decided", "action_taken")
    assert answered["items"][0]["statement_id"].startswith("sor_")
    again = api.post(f"/v1/notices/{notice_id}/items/1/answer", json=body, headers=chirp)
    assert again.status_code == 409


def test_a_regulator_forwards_a_notice_to_the_platform(api: TestClient, chirp: Headers) -> None:
    notice_id = api.post("/v1/notices", json=notice()).json()["notice_id"]
    assert api.get(f"/v1/notices/{notice_id}", headers=chirp).status_code == 403
    officer = staff_headers(api, "officer_north")
    forwarded = api.post(f"/v1/notices/{notice_id}/forward", json={"reason": "for chirp"}, headers=officer)
    assert forwarded.status_code == 200, forwarded.text
    assert forwarded.json()["status"] == "forwarded"
    assert api.get(f"/v1/notices/{notice_id}", headers=chirp).status_code == 200


def test_the_brigade_filter_and_cursor_pages_work(api: TestClient) -> None:
    officer = staff_headers(api, "officer_north")
    for n in range(3):
        api.post("/v1/notices", json=notice(items=[{"content_id": f"p{n}"}]))
    first = api.get("/v1/notices", params={"limit": 2}, headers=officer).json()
    second = api.get("/v1/notices", params={"limit": 2, "cursor": first["next_cursor"]}, headers=officer).json()
    assert len(first["notices"]) == 2
    assert len(second["notices"]) == 1
    assert second["next_cursor"] is None
    assert api.get("/v1/notices", params={"brigade": True}, headers=officer).json()["notices"] == []
    assert api.get("/v1/notices", params={"cursor": "nonsense"}, headers=officer).status_code == 422


def test_an_office_grants_a_trusted_flagger_whose_notices_go_first(api: TestClient) -> None:
    supervisor = staff_headers(api, "supervisor")
    body = {"name": "Scam Watch", "expertise": ["SCAMS_AND_FRAUD"], "expires_at": "2027-06-01T00:00:00Z"}
    granted = api.post("/v1/trusted-flaggers", json=body, headers=supervisor)
    assert granted.status_code == 201, granted.text
    key, flagger_id = granted.json()["key"], granted.json()["flagger"]["id"]
    receipt = api.post("/v1/notices", json=notice(), headers=bearer(key))
    assert receipt.status_code == 201
    assert receipt.json()["trusted_flagger"] is True
    listed = api.get("/v1/trusted-flaggers", headers=supervisor).json()["flaggers"]
    assert [(f["id"], f["accuracy"]["notices"], f["status"]) for f in listed] == [(flagger_id, 1, "active")]
    revoked = api.post(f"/v1/trusted-flaggers/{flagger_id}/revoke", json={"reason": "misuse"}, headers=supervisor)
    assert revoked.json()["status"] == "revoked"
    refused = api.post("/v1/notices", json=notice(), headers=bearer(key))
    assert refused.status_code == 403
    assert "misuse" in refused.json()["detail"]


def test_a_bearer_that_is_no_flaggers_key_is_401(api: TestClient, chirp: Headers) -> None:
    assert api.post("/v1/notices", json=notice(), headers=chirp).status_code == 401


def test_an_officer_may_not_grant_the_status(api: TestClient) -> None:
    body = {"name": "X", "expertise": ["VIOLENCE"], "expires_at": "2027-06-01T00:00:00Z"}
    assert api.post("/v1/trusted-flaggers", json=body, headers=staff_headers(api, "officer_north")).status_code == 403
