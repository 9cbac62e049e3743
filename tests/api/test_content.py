"""POST /v1/content: one post in, its stored decision out, idempotent by content id."""

from __future__ import annotations

from sqlalchemy import func, select

from netgov.store.tables import ContentRow, DecisionRow
from tests.api.conftest import TestClient
from tests.api.posts import CLEAN, SCAM, post
from tests.service_world import World


def _rows(world: World, content_id: str) -> list[DecisionRow]:
    with world.runtime.uow() as uow:
        return list(uow.session.scalars(select(DecisionRow).where(DecisionRow.content_id == content_id)))


def test_a_new_post_is_decided_with_201_and_the_decisions_location(api: TestClient, chirp: dict[str, str]) -> None:
    response = api.post("/v1/content", json=post("p-1", SCAM), headers=chirp)
    assert response.status_code == 201
    decision = response.json()
    assert response.headers["location"] == f"/v1/decisions/{decision['id']}"
    assert (decision["content_id"], decision["platform"], decision["action"]) == ("p-1", "chirp", "remove")
    assert decision["rules"][0]["legal_ground"]["article_text"]


def test_the_answer_is_the_stored_decision_document(world: World, api: TestClient, chirp: dict[str, str]) -> None:
    response = api.post("/v1/content", json=post("p-1", SCAM), headers=chirp)
    assert response.content == _rows(world, "p-1")[0].document


def test_a_retry_answers_200_with_the_same_decision_and_stores_one_row(
    world: World, api: TestClient, chirp: dict[str, str]
) -> None:
    first = api.post("/v1/content", json=post("p-1", SCAM), headers=chirp)
    world.clock.advance(minutes=5)
    retry = api.post("/v1/content", json=post("p-1", SCAM), headers=chirp)
    assert retry.status_code == 200
    assert "location" not in retry.headers
    assert retry.json() == first.json()
    assert len(_rows(world, "p-1")) == 1


def test_the_same_id_with_other_content_is_a_409_problem(api: TestClient, chirp: dict[str, str]) -> None:
    api.post("/v1/content", json=post("p-1", SCAM), headers=chirp)
    response = api.post("/v1/content", json=post("p-1", CLEAN), headers=chirp)
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert "p-1" in response.json()["detail"]
    assert "new id" in response.json()["detail"]


def test_platforms_have_separate_content_ids(api: TestClient, chirp: dict[str, str], marketly: dict[str, str]) -> None:
    assert api.post("/v1/content", json=post("p-1", SCAM), headers=chirp).status_code == 201
    assert api.post("/v1/content", json=post("p-1", CLEAN), headers=marketly).status_code == 201


def test_an_unknown_field_is_a_422_problem_naming_it(api: TestClient, chirp: dict[str, str]) -> None:
    response = api.post("/v1/content", json={**post("p-1"), "txt": "typo"}, headers=chirp)
    assert response.status_code == 422
    problem = response.json()
    assert problem["errors"][0]["location"] == "body.txt"
    assert problem["detail"].startswith("body.txt: unknown field")


def test_an_unknown_field_inside_the_account_is_named_with_its_path(api: TestClient, chirp: dict[str, str]) -> None:
    response = api.post("/v1/content", json=post("p-1", account={"id": "u", "karma": 3}), headers=chirp)
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "body.account.karma"


def test_a_malformed_media_hash_is_a_422_problem(api: TestClient, chirp: dict[str, str]) -> None:
    media = [{"kind": "image", "sha256": "not-a-hash"}]
    response = api.post("/v1/content", json=post("p-1", media=media), headers=chirp)
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "body.media.0.sha256"


def test_media_hashes_are_accepted_in_either_case(api: TestClient, chirp: dict[str, str]) -> None:
    media = [{"kind": "video", "md5": "D41D8CD98F00B204E9800998ECF8427E", "pdq": "f" * 64}]
    assert api.post("/v1/content", json=post("p-1", media=media), headers=chirp).status_code == 201


def test_a_nul_character_is_a_422_problem_not_a_server_error(api: TestClient, chirp: dict[str, str]) -> None:
    response = api.post("/v1/content", json=post("p\x00-1"), headers=chirp)
    assert response.status_code == 422
    assert "NUL" in response.json()["detail"]


def test_invalid_json_is_a_422_problem(api: TestClient, chirp: dict[str, str]) -> None:
    response = api.post("/v1/content", content=b'{"id": ', headers={**chirp, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_an_unknown_jurisdiction_is_a_422_that_lists_the_known_codes(api: TestClient, chirp: dict[str, str]) -> None:
    response = api.post("/v1/content", json=post("p-1", jurisdiction="ex.nowhere"), headers=chirp)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "'ex.nowhere'" in detail
    assert "ex.north.harbour.east" in detail


def test_a_named_jurisdiction_is_where_the_decision_is_stored(
    world: World, api: TestClient, chirp: dict[str, str]
) -> None:
    api.post("/v1/content", json=post("p-1", jurisdiction="ex.north.harbour.east"), headers=chirp)
    assert _rows(world, "p-1")[0].jurisdiction == "ex.north.harbour.east"


def test_without_a_jurisdiction_the_decision_is_stored_at_the_platforms_seat(
    world: World, api: TestClient, marketly: dict[str, str]
) -> None:
    api.post("/v1/content", json=post("p-1"), headers=marketly)
    assert _rows(world, "p-1")[0].jurisdiction == "ex.south"


def test_the_platform_is_the_keys_and_cannot_be_sent(world: World, api: TestClient, chirp: dict[str, str]) -> None:
    response = api.post("/v1/content", json=post("p-1", platform="marketly"), headers=chirp)
    assert response.status_code == 422
    with world.runtime.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(ContentRow)) == 0


def test_naive_times_are_taken_as_utc(api: TestClient, chirp: dict[str, str]) -> None:
    account = {"id": "u-1", "created_at": "2026-05-31T09:00:00"}
    response = api.post(
        "/v1/content", json=post("p-1", account=account, created_at="2026-06-01T08:00:00"), headers=chirp
    )
    assert response.status_code == 201
