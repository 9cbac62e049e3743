"""The public rulebook endpoints: no key, regulations with articles, rules with their basis."""

from __future__ import annotations

from netgov.core.rulebook.model import Rulebook
from tests.api.conftest import TestClient
from tests.service_world import World, bundled_rulebook


def _rulebook() -> Rulebook:
    return bundled_rulebook()


def test_regulations_are_listed_without_a_key(api: TestClient) -> None:
    listing = api.get("/v1/regulations").json()
    assert listing["rulebook_version"] == _rulebook().version
    (mosr,) = listing["regulations"]
    assert (mosr["id"], mosr["versions"], mosr["in_force"]) == ("MOSR", ["1.0"], "1.0")


def test_a_regulation_shows_every_article_with_its_text(api: TestClient) -> None:
    regulation = api.get("/v1/regulations/MOSR").json()
    (version,) = regulation["history"]
    expected = _rulebook().regulations[0]
    assert [a["number"] for a in version["articles"]] == [a.number for a in expected.articles]
    assert version["articles"][0]["text"] == expected.articles[0].text
    assert all(article["in_force"] for article in version["articles"])


def test_an_unknown_regulation_is_404_naming_the_known_ones(api: TestClient) -> None:
    response = api.get("/v1/regulations/GDPR")
    assert response.status_code == 404
    assert "MOSR" in response.json()["detail"]


def test_every_rule_is_listed_with_its_basis(api: TestClient) -> None:
    rules = api.get("/v1/rules").json()["rules"]
    assert [r["id"] for r in rules] == [r.id for r in _rulebook().rules]
    shadow = next(r for r in rules if r["id"] == "scam.weak-signals")
    assert (shadow["mode"], shadow["basis"]) == ("shadow", "MOSR Art. 7")


def test_a_rule_explains_its_condition_and_quotes_its_article(api: TestClient) -> None:
    rule = api.get("/v1/rules/goods.prohibited-offer").json()
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


def test_an_unknown_rule_is_404(api: TestClient) -> None:
    response = api.get("/v1/rules/no.such.rule")
    assert response.status_code == 404
    assert "/v1/rules" in response.json()["detail"]


def test_the_rulebook_versions_mark_the_active_one(world: World, api: TestClient) -> None:
    versions = api.get("/v1/rulebook/versions").json()
    assert versions["active"] == _rulebook().version
    (row,) = versions["versions"]
    assert (row["version"], row["active"], row["rules"]) == (_rulebook().version, True, len(_rulebook().rules))
    assert row["first_used_at"] == "2026-06-01T09:00:00Z"
