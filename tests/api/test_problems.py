"""Every error is an RFC 9457 problem document, and oversized bodies are refused with 413."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import TestClient, bearer
from tests.api.posts import CLEAN, SCAM, post
from tests.service_world import World

# (method, path, body, whose key) -> the status each must answer with.
ERRORS: list[tuple[str, str, Any, str | None, int]] = [
    ("POST", "/v1/content", post("p-1"), None, 401),
    ("GET", "/v1/decisions/dec_missing", None, "chirp", 404),
    ("GET", "/v1/decisions/not%20an%20id", None, "chirp", 422),
    ("GET", "/v1/decisions?limit=0", None, "chirp", 422),
    ("GET", "/v1/decisions?cursor=garbage", None, "chirp", 422),
    ("GET", "/v1/decisions?action=obliterate", None, "chirp", 422),
    ("POST", "/v1/content", {"id": "p-1", "bogus": 1}, "chirp", 422),
    ("POST", "/v1/content", post("conflicted", CLEAN), "chirp", 409),
    ("GET", "/v1/rules/no.such.rule", None, None, 404),
    ("GET", "/v1/regulations/NOPE", None, None, 404),
    ("GET", "/v1/nowhere", None, None, 404),
    ("DELETE", "/v1/rules", None, None, 405),
]


@pytest.mark.parametrize(("method", "path", "body", "key", "status"), ERRORS)
def test_every_error_is_a_problem_document(
    shared_world: World, shared_api: TestClient, method: str, path: str, body: Any, key: str | None, status: int
) -> None:
    headers = bearer(shared_world.keys[key]) if key else {}
    shared_api.post("/v1/content", json=post("conflicted", SCAM), headers=bearer(shared_world.keys["chirp"]))
    response = shared_api.request(method, path, json=body, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["status"], problem["type"]) == (status, "about:blank")
    assert problem["title"]
    assert problem["detail"]


def test_a_body_over_the_limit_is_refused_with_413(small_api: TestClient, small_world_chirp: dict[str, str]) -> None:
    response = small_api.post("/v1/content", json=post("p-1", "x" * 4000), headers=small_world_chirp)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert "2048 bytes" in response.json()["detail"]


def test_a_chunked_body_over_the_limit_is_refused_with_413(
    small_api: TestClient, small_world_chirp: dict[str, str]
) -> None:
    chunks = iter([b'{"id": "p-1", "text": "', b"x" * 1500, b"x" * 1500, b'"}'])
    response = small_api.post(
        "/v1/content", content=chunks, headers={**small_world_chirp, "Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_a_body_within_the_limit_is_accepted(small_api: TestClient, small_world_chirp: dict[str, str]) -> None:
    assert small_api.post("/v1/content", json=post("p-1", "x" * 1000), headers=small_world_chirp).status_code == 201
