"""The public rulebook endpoints: no key, regulations with articles, rules with their basis.

They only read, so they share one world per backend."""

from __future__ import annotations

from netgov.core.rulebook.model import Rulebook
from tests.api.conftest import TestClient
from tests.service_world import bundled_rulebook


def _rulebook() -> Rulebook:
    return bundled_rulebook()


def test_regulations_are_listed_without_a_key(shared_api: TestClient) -> None:
    listing = shared_api.get("/v1/regulations").json()
    assert listing["rulebook_version"] == _rulebook().version
    (mosr,) = listing["regulations"]
    assert (mosr["id"], mosr["versions"], mosr["in_force"]) == ("MOSR", ["1.0"], "1.0")


def test_a_regulation_shows_every_article_with_its_text(shared_api: TestClient) -> None:
    regulation = shared_api.get("/v1/regulations/MOSR").json()
    (version,) = regulation["history"]
    expected = _rulebook().regulations[0]
    assert [a["number"] for a in version["articles"]] == [a.number for a in expected.articles]
    assert version["articles"][0]["text"] == expected.articles[0].text
    assert all(article["in_force"] for article in version["articles"])


def test_an_unknown_regulation_is_404_naming_the_known_ones(shared_api: TestClient) -> None:
    response = shared_api.get("/v1/regulations/GDPR")
    assert response.status_code == 404
    assert "MOSR" in response.json()["detail"]


def test_every_rule_is_listed_with_its_basis(shared_api: TestClient) -> None:
    rules = shared_api.get("/v1/rules").json()["rules"]
    assert [r["id"] for r in rules] == [r.id for r in _rulebook().rules]
    shadow = next(r for r in rules if r["id"] == "scam.weak-signals")
    assert (shadow["mode"], shadow["basis"]) == ("shadow", "MOSR Art. 7")


def test_a_rule_explains_its_condition_and_quotes_its_article(shared_api: TestClient) -> None:
    rule = shared_api.get("/v1/rules/goods.prohibited-offer").json()
    assert rule["condition"] == "any of (lexicon illegal-goods-en (score ≥ 1); lexicon illegal-goods-zh (score ≥ 1))"
    assert rule["signals"] == ["lexicon/illegal-goods-en", "lexicon/illegal-goods-zh"]
    (citation,) = rule["legal_basis"]["citations"]
    article = _rulebook().regulations[0].article("9")
    assert article is not None
    assert (citation["article_title"], citation["article_text"], citation["in_force"]) == (
        article.title,
        article.text,
        True,
    )


def test_an_unknown_rule_is_404(shared_api: TestClient) -> None:
    response = shared_api.get("/v1/rules/no.such.rule")
    assert response.status_code == 404
    assert "/v1/rules" in response.json()["detail"]


def test_the_rulebook_versions_mark_the_active_one(shared_api: TestClient) -> None:
    versions = shared_api.get("/v1/rulebook/versions").json()
    assert versions["active"] == _rulebook().version
    (row,) = versions["versions"]
    assert (row["version"], row["active"], row["rules"]) == (_rulebook().version, True, len(_rulebook().rules))
    assert row["first_used_at"] == "2026-06-01T09:00:00Z"
