"""Reading decisions: one, its statement of reasons, and filtered, paged lists."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import TestClient
from tests.api.posts import CLEAN, GOODS, SCAM, post
from tests.service_world import START, World


@pytest.fixture
def decided(world: World, api: TestClient, chirp: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Five of chirp's decisions, one minute apart: scam-0, goods-1, clean-2, scam-3, clean-4."""
    found = {}
    for n, (name, text) in enumerate(
        [("scam", SCAM), ("goods", GOODS), ("clean", CLEAN), ("scam", SCAM), ("clean", CLEAN)]
    ):
        found[f"{name}-{n}"] = api.post("/v1/content", json=post(f"{name}-{n}", text), headers=chirp).json()
        world.clock.advance(minutes=1)
    return found


def _ids(api: TestClient, headers: dict[str, str], query: str) -> list[str]:
    response = api.get(f"/v1/decisions?{query}", headers=headers)
    assert response.status_code == 200, response.text
    return [decision["content_id"] for decision in response.json()["decisions"]]


def test_a_decision_reads_back_as_it_was_answered(
    api: TestClient, chirp: dict[str, str], decided: dict[str, dict[str, Any]]
) -> None:
    scam = decided["scam-0"]
    assert api.get(f"/v1/decisions/{scam['id']}", headers=chirp).json() == scam


def test_an_unknown_decision_is_404(api: TestClient, chirp: dict[str, str]) -> None:
    response = api.get("/v1/decisions/dec_000000000000000000000000", headers=chirp)
    assert response.status_code == 404
    assert "dec_000000000000000000000000" in response.json()["detail"]


def test_a_restrictive_decision_has_a_statement_of_reasons(
    api: TestClient, chirp: dict[str, str], decided: dict[str, dict[str, Any]]
) -> None:
    scam = decided["scam-0"]
    statement = api.get(f"/v1/decisions/{scam['id']}/statement", headers=chirp).json()
    assert statement == scam["statement"]
    assert statement["measure"] == "remove"
    assert statement["legal_grounds"][0]["article_text"]


def test_a_decision_that_restricted_nothing_has_no_statement(
    api: TestClient, chirp: dict[str, str], decided: dict[str, dict[str, Any]]
) -> None:
    response = api.get(f"/v1/decisions/{decided['clean-2']['id']}/statement", headers=chirp)
    assert response.status_code == 404
    assert "restricted nothing" in response.json()["detail"]


def test_the_list_is_newest_first_with_the_total(
    api: TestClient, chirp: dict[str, str], decided: dict[str, dict[str, Any]]
) -> None:
    page = api.get("/v1/decisions", headers=chirp).json()
    assert [d["content_id"] for d in page["decisions"]] == ["clean-4", "scam-3", "clean-2", "goods-1", "scam-0"]
    assert (page["total"], page["next_cursor"]) == (5, None)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=SCAMS_AND_FRAUD", ["scam-3", "scam-0"]),
        ("action=allow", ["clean-4", "clean-2"]),
        ("rule=goods.prohibited-offer", ["goods-1"]),
        ("rule=goods", []),
        ("platform=chirp&action=remove", ["scam-3", "goods-1", "scam-0"]),
        (f"since={START.isoformat().replace('+00:00', 'Z')}&until=2026-06-01T09:02:00Z", ["goods-1", "scam-0"]),
        ("since=2026-06-01T09:03:00", ["clean-4", "scam-3"]),
    ],
)
def test_filters_narrow_the_list(
    api: TestClient, chirp: dict[str, str], decided: dict[str, dict[str, Any]], query: str, expected: list[str]
) -> None:
    assert _ids(api, chirp, query) == expected


def test_a_cursor_pages_through_every_decision_once(
    api: TestClient, chirp: dict[str, str], decided: dict[str, dict[str, Any]]
) -> None:
    seen: list[str] = []
    cursor = ""
    for _ in range(5):
        page = api.get(f"/v1/decisions?limit=2{cursor}", headers=chirp).json()
        assert page["total"] == 5
        seen += [d["content_id"] for d in page["decisions"]]
        if page["next_cursor"] is None:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert seen == ["clean-4", "scam-3", "clean-2", "goods-1", "scam-0"]


def test_paging_keeps_the_filters(api: TestClient, chirp: dict[str, str], decided: dict[str, dict[str, Any]]) -> None:
    first = api.get("/v1/decisions?action=remove&limit=2", headers=chirp).json()
    second = api.get(f"/v1/decisions?action=remove&limit=2&cursor={first['next_cursor']}", headers=chirp).json()
    assert [d["content_id"] for d in second["decisions"]] == ["scam-0"]
    assert second["next_cursor"] is None


def test_a_cursor_that_was_not_given_out_is_a_422(api: TestClient, chirp: dict[str, str]) -> None:
    response = api.get("/v1/decisions?cursor=bm90LWEtY3Vyc29y", headers=chirp)
    assert response.status_code == 422
    assert "next_cursor" in response.json()["detail"]


def test_a_limit_over_500_is_a_422(api: TestClient, chirp: dict[str, str]) -> None:
    response = api.get("/v1/decisions?limit=501", headers=chirp)
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "query.limit"
