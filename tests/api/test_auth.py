"""API keys: every platform endpoint needs a valid, unrevoked key, and a key reads only
its own platform's decisions."""

from __future__ import annotations

import pytest

from netgov.service.api_keys import issue_key, revoke_key
from netgov.service.permissions import SYSTEM
from tests.api.conftest import TestClient, bearer
from tests.api.posts import SCAM, post
from tests.service_world import World

PLATFORM_ENDPOINTS = [
    ("POST", "/v1/content"),
    ("POST", "/v1/content:batch"),
    ("GET", "/v1/decisions"),
    ("GET", "/v1/decisions/dec_0"),
    ("GET", "/v1/decisions/dec_0/statement"),
]


@pytest.mark.parametrize(("method", "path"), PLATFORM_ENDPOINTS)
def test_without_a_key_the_answer_is_401(api: TestClient, method: str, path: str) -> None:
    response = api.request(method, path, json=post("p-1"))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["detail"]


def test_a_made_up_key_is_401(api: TestClient) -> None:
    response = api.post("/v1/content", json=post("p-1"), headers=bearer("ngk_abcdefgh_" + "x" * 40))
    assert response.status_code == 401
    assert "not valid" in response.json()["detail"]


def test_another_scheme_than_bearer_is_401(api: TestClient, world: World) -> None:
    response = api.post("/v1/content", json=post("p-1"), headers={"Authorization": f"Basic {world.keys['chirp']}"})
    assert response.status_code == 401


def test_a_revoked_key_is_401_naming_the_revocation(world: World, api: TestClient) -> None:
    with world.runtime.uow(write=True) as uow:
        token = issue_key(uow, actor=SYSTEM, platform_id="chirp", name="old", at=world.clock())
        uow.commit()
    with world.runtime.uow(write=True) as uow:
        revoke_key(uow, actor=SYSTEM, lookup=token.split("_")[1], reason="leaked", at=world.clock())
        uow.commit()
    response = api.post("/v1/content", json=post("p-1"), headers=bearer(token))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_reading_another_platforms_decision_is_403_with_the_reason(
    api: TestClient, chirp: dict[str, str], marketly: dict[str, str]
) -> None:
    decision = api.post("/v1/content", json=post("p-1", SCAM), headers=chirp).json()
    for path in (f"/v1/decisions/{decision['id']}", f"/v1/decisions/{decision['id']}/statement"):
        response = api.get(path, headers=marketly)
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/problem+json"
        assert "platform chirp" in response.json()["detail"]


def test_another_platforms_decisions_are_not_listed(
    api: TestClient, chirp: dict[str, str], marketly: dict[str, str]
) -> None:
    api.post("/v1/content", json=post("p-1", SCAM), headers=chirp)
    for query in ("", "?platform=chirp"):
        page = api.get(f"/v1/decisions{query}", headers=marketly).json()
        assert (page["decisions"], page["total"]) == ([], 0)
