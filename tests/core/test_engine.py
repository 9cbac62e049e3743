from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from netgov import Action, Engine, Mode, Source
from tests.factories import NOW, load, post, simple_rule


def test_a_matching_rule_sets_the_action_and_cites_its_article(tmp_path: Path) -> None:
    engine = Engine(load(tmp_path))
    decision = engine.decide(post("Get FREE money now"), now=NOW)
    assert decision.action is Action.REMOVE
    assert [hit.rule for hit in decision.rules] == ["t.scam"]
    ground = decision.rules[0].legal_ground
    assert (ground.regulation, ground.article, ground.article_text) == (
        "TEST",
        "1",
        "Scams are illegal.",
    )


def test_clean_content_is_allowed_without_a_statement(tmp_path: Path) -> None:
    decision = Engine(load(tmp_path)).decide(post("hello world"), now=NOW)
    assert decision.action is Action.ALLOW
    assert decision.statement is None
    assert decision.rules == ()


def test_a_shadow_rule_is_recorded_but_never_changes_the_action(tmp_path: Path) -> None:
    rulebook = load(tmp_path, simple_rule("t.shadow", action="suspend_account", mode="shadow"))
    decision = Engine(rulebook).decide(post("free money"), now=NOW)
    assert decision.action is Action.ALLOW
    assert [(h.rule, h.mode) for h in decision.rules] == [("t.shadow", Mode.SHADOW)]
    assert decision.shadow_action is Action.SUSPEND_ACCOUNT
    assert decision.statement is None


def test_a_shadow_rule_beside_an_enforced_one_leaves_the_enforced_action(tmp_path: Path) -> None:
    rulebook = load(
        tmp_path,
        simple_rule("t.label", action="label"),
        simple_rule("t.shadow", action="suspend_account", mode="shadow"),
    )
    decision = Engine(rulebook).decide(post("free money"), now=NOW)
    assert decision.action is Action.LABEL
    assert decision.shadow_action is Action.SUSPEND_ACCOUNT


def test_the_highest_rung_of_the_ladder_wins(tmp_path: Path) -> None:
    rulebook = load(tmp_path, simple_rule("t.label", action="label"), simple_rule("t.remove", action="remove"))
    decision = Engine(rulebook).decide(post("free money"), now=NOW)
    assert decision.action is Action.REMOVE
    assert decision.statement is not None
    assert [g.article for g in decision.statement.legal_grounds] == ["1"]


def test_a_rule_whose_article_is_not_yet_in_force_does_not_fire(tmp_path: Path) -> None:
    rulebook = load(tmp_path, simple_rule("t.future", article="2"))
    assert "not in force until 2030-01-01" in rulebook.warnings[0].message
    engine = Engine(rulebook)
    assert engine.decide(post("free money"), now=NOW).action is Action.ALLOW
    later = NOW.replace(year=2030, month=6)
    assert engine.decide(post("free money"), now=later).action is Action.REMOVE


def test_every_decision_records_the_rulebook_version(tmp_path: Path) -> None:
    rulebook = load(tmp_path)
    decision = Engine(rulebook).decide(post("x"), now=NOW)
    assert decision.rulebook_version == rulebook.version
    assert rulebook.version.startswith("sha256:")


def test_the_same_input_gives_the_same_decision(tmp_path: Path) -> None:
    engine = Engine(load(tmp_path))
    first = engine.decide(post("free money"), now=NOW)
    assert engine.decide(post("free money"), now=NOW) == first


def test_the_statement_of_reasons_has_the_art_17_fields(tmp_path: Path) -> None:
    rulebook = load(
        tmp_path,
        simple_rule("t.suspend", action="suspend_account").replace(
            "  mode: enforce\n", "  mode: enforce\n  duration: 30d\n"
        ),
    )
    decision = Engine(rulebook).decide(post("free money"), now=NOW, source=Source.NOTICE)
    statement = decision.statement
    assert statement is not None
    assert statement.measure is Action.SUSPEND_ACCOUNT
    assert statement.duration_until == NOW + timedelta(days=30)
    assert statement.territorial_scope == ("TT",)
    assert statement.source is Source.NOTICE
    assert statement.automated_detection is True
    assert "'free money'" in statement.facts
    assert "TEST Art. 1" in statement.explanation
    assert any("appeal" in line for line in statement.redress)


def test_field_conditions_read_account_age_at_decision_time(tmp_path: Path) -> None:
    when = "all:\n      - lexicon: scams\n      - field: account.age_days\n        lt: 7"
    rulebook = load(
        tmp_path,
        simple_rule("t.new", when=when).replace(
            'match: ["free money here"]', 'match: [{text: "free money", account: {age_days: 1}}]'
        ),
    )
    from netgov import Account

    young = Account(id="a", created_at=NOW - timedelta(days=2))
    old = Account(id="a", created_at=NOW - timedelta(days=30))
    engine = Engine(rulebook)
    assert engine.decide(post("free money", account=young), now=NOW).action is Action.REMOVE
    assert engine.decide(post("free money", account=old), now=NOW).action is Action.ALLOW
    assert engine.decide(post("free money"), now=NOW).action is Action.ALLOW
