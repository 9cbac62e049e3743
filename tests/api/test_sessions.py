"""Staff sessions for the API: a password buys a bearer token that stands for the staff member."""

from __future__ import annotations

from tests.api.conftest import TestClient, bearer
from tests.service_world import PASSWORD, World


def sign_in(api: TestClient, username: str) -> str:
    response = api.post("/v1/sessions", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    token: str = response.json()["token"]
    return token


def test_a_staff_member_signs_in_and_is_named_by_the_session(api: TestClient) -> None:
    response = api.post("/v1/sessions", json={"username": "officer_north", "password": PASSWORD})
    assert response.status_code == 201
    body = response.json()
    assert body["staff"] == "staff:officer_north"
    assert body["grants"] == ["regulator officer for jurisdiction ex.north"]


def test_a_wrong_password_is_401_with_the_reason(api: TestClient) -> None:
    response = api.post("/v1/sessions", json={"username": "officer_north", "password": "not the password"})
    assert response.status_code == 401
    assert response.json()["detail"] == "the username or password is wrong"


def test_repeated_wrong_passwords_lock_the_account_out(api: TestClient, world: World) -> None:
    attempts = world.runtime.settings.lockout_attempts
    for _ in range(attempts):
        api.post("/v1/sessions", json={"username": "officer_north", "password": "not the password"})
    response = api.post("/v1/sessions", json={"username": "officer_north", "password": PASSWORD})
    assert response.status_code == 429


def test_an_unknown_field_is_422(api: TestClient) -> None:
    response = api.post("/v1/sessions", json={"username": "a", "password": "b", "remember": True})
    assert response.status_code == 422


def test_signing_out_ends_the_session(api: TestClient) -> None:
    token = sign_in(api, "officer_north")
    assert api.delete("/v1/sessions/current", headers=bearer(token)).status_code == 204
    again = api.delete("/v1/sessions/current", headers=bearer(token))
    assert again.status_code == 401
    assert "sign in again" in again.json()["detail"]


def test_an_api_key_cannot_be_ended_as_a_session(api: TestClient, world: World) -> None:
    response = api.delete("/v1/sessions/current", headers=bearer(world.keys["chirp"]))
    assert response.status_code == 403
    assert "netgov keys revoke" in response.json()["detail"]


def test_an_unprintable_username_is_an_unknown_one(api: TestClient) -> None:
    response = api.post("/v1/sessions", json={"username": "ana\x00", "password": PASSWORD})
    assert response.status_code == 401
