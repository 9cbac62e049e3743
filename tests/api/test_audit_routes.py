"""The public audit routes over real HTTP: anyone can fetch the signed checkpoints and the
key that checks them, with no API key, and verify them with `cryptography` alone."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from netgov.api.app import create_app
from netgov.api.serving import serving_in_thread
from netgov.audit.checkpoints import Checkpoint, checkpoint_to_json, public_key_to_pem, signed_message
from netgov.service.audit_admin import checkpoints_from_json, create_checkpoint, load_or_create_signing_key
from netgov.service.permissions import SYSTEM
from tests.service_world import World

DOCS = Path(__file__).parents[2] / "docs" / "audit.md"


@pytest.fixture
def client(world: World) -> Iterator[httpx.Client]:
    """An HTTP client for the app served by uvicorn on a free loopback port, without credentials."""
    with serving_in_thread(create_app(world.runtime)) as url, httpx.Client(base_url=url, timeout=10) as http:
        yield http


def _checkpoint(world: World) -> Checkpoint:
    key = load_or_create_signing_key(world.runtime.settings)
    with world.runtime.uow(write=True) as uow:
        return create_checkpoint(uow, key=key, log_name="examplia", at=world.clock(), actor=SYSTEM)


def _decoded(response: httpx.Response) -> list[Checkpoint]:
    return checkpoints_from_json(response.content)


def test_no_checkpoints_are_listed_before_the_first_is_signed(client: httpx.Client) -> None:
    response = client.get("/v1/audit/checkpoints")
    assert (response.status_code, response.json()) == (200, [])


def test_every_checkpoint_is_listed_oldest_first(client: httpx.Client, world: World) -> None:
    signed = [_checkpoint(world) for _ in range(2)]
    response = client.get("/v1/audit/checkpoints")
    assert response.status_code == 200
    assert _decoded(response) == signed


def test_the_latest_checkpoint_is_the_newest(client: httpx.Client, world: World) -> None:
    _checkpoint(world)
    newest = _checkpoint(world)
    response = client.get("/v1/audit/checkpoints/latest")
    assert response.status_code == 200
    assert _decoded(response) == [newest]


def test_the_latest_checkpoint_before_any_is_a_404_problem(client: httpx.Client) -> None:
    response = client.get("/v1/audit/checkpoints/latest")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "no audit checkpoint has been signed yet" in response.json()["detail"]


def test_the_public_key_is_served_as_pem_text(client: httpx.Client, world: World) -> None:
    key = load_or_create_signing_key(world.runtime.settings)
    response = client.get("/v1/audit/public-key")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.content == public_key_to_pem(key.public_key())


def test_the_public_key_before_the_signing_key_exists_is_a_404_problem(client: httpx.Client) -> None:
    response = client.get("/v1/audit/public-key")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "no checkpoint signing key yet" in response.json()["detail"]


def _outsider_verify() -> Any:
    """The standalone snippet docs/audit.md gives outsiders, run as it is printed there."""
    snippet = re.search(r"```python\n(# verify_checkpoint\.py.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert snippet is not None, "docs/audit.md lost its verify_checkpoint.py snippet"
    namespace: dict[str, Any] = {"__name__": "verify_checkpoint"}
    exec(compile(snippet.group(1), "verify_checkpoint.py", "exec"), namespace)
    return namespace["verify"]


def test_a_served_checkpoint_verifies_with_the_served_key_using_the_documented_snippet(
    client: httpx.Client, world: World
) -> None:
    _checkpoint(world)
    checkpoint = client.get("/v1/audit/checkpoints/latest").content
    pem = client.get("/v1/audit/public-key").content
    assert _outsider_verify()(checkpoint, pem)


def test_the_documented_snippet_rejects_a_checkpoint_signed_by_another_key(client: httpx.Client, world: World) -> None:
    _checkpoint(world)
    pem = client.get("/v1/audit/public-key").content
    checkpoint = _decoded(client.get("/v1/audit/checkpoints/latest"))[0]
    other = Ed25519PrivateKey.generate()
    forged = checkpoint_to_json(checkpoint).replace(checkpoint.signature.encode(), _resigned(other, checkpoint))
    assert not _outsider_verify()(forged, pem)


def _resigned(key: Ed25519PrivateKey, checkpoint: Checkpoint) -> bytes:
    message = signed_message(log=checkpoint.log, seq=checkpoint.seq, head_hash=checkpoint.head_hash, at=checkpoint.at)
    return base64.b64encode(key.sign(message))


def test_the_openapi_document_describes_every_audit_route(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    operations = {path: paths[path]["get"] for path in paths if path.startswith("/v1/audit/")}
    assert set(operations) == {"/v1/audit/checkpoints", "/v1/audit/checkpoints/latest", "/v1/audit/public-key"}
    assert all(op["tags"] == ["audit"] and "security" not in op for op in operations.values())
    assert "404" in operations["/v1/audit/checkpoints/latest"]["responses"]
    assert "text/plain" in operations["/v1/audit/public-key"]["responses"]["200"]["content"]
