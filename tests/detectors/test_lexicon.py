from __future__ import annotations

from pathlib import Path

import pytest

from netgov import Engine
from tests.factories import NOW, load, post, simple_rule, write_rulebook


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return Engine(load(tmp_path))


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("homoglyphs: fr\u0435\u0435 m\u043en\u0435y", "fr\u0435\u0435 m\u043en\u0435y"),
        ("zero width: fr\u200bee mo\u200dney", "fr\u200bee mo\u200dney"),
        ("leet: FR33 M0N3Y!", "FR33 M0N3Y"),
        ("spacing: f r e e   m o n e y.", "f r e e   m o n e y"),
        ("dots: fr.ee.mo.ney", "fr.ee.mo.ney"),
        ("full width: ｆｒｅｅ ｍｏｎｅｙ", "ｆｒｅｅ ｍｏｎｅｙ"),
        ("traditional: 立即免費領取獎品", "免費領取"),
        ("accents: frée mönéy", "frée mönéy"),
    ],
)
def test_evasions_are_caught_with_the_original_span(engine: Engine, text: str, evidence: str) -> None:
    decision = engine.decide(post(text), now=NOW)
    spans = [text[e.start : e.end] for s in decision.signals for e in s.evidence]
    assert spans == [evidence]


@pytest.mark.parametrize(
    "text",
    [
        "freemoneyball is a game",
        "the money is free",
        "moneyfree",
        "afree money",
        "there is free moneys",
    ],
)
def test_terms_inside_other_words_do_not_match(engine: Engine, text: str) -> None:
    assert engine.decide(post(text), now=NOW).signals == ()


def test_spaced_words_do_not_join_into_a_longer_term(tmp_path: Path) -> None:
    write_rulebook(tmp_path, {"lexicons/scams.txt": "therapist\n"})
    engine = Engine(load(tmp_path))
    assert engine.decide(post("the rapist was caught"), now=NOW).signals == ()
    assert engine.decide(post("t h e r a p i s t"), now=NOW).signals != ()


def test_weights_add_up_across_distinct_entries(tmp_path: Path) -> None:
    write_rulebook(tmp_path, {"lexicons/scams.txt": "wire fee\tweight=0.5\nrelease fee\tweight=0.5\n"})
    rule = simple_rule(when="lexicon: scams\n    min_score: 1.0").replace("free money here", "wire fee and release fee")
    engine = Engine(load(tmp_path, rule))
    assert engine.decide(post("pay the wire fee"), now=NOW).rules == ()
    assert engine.decide(post("pay the wire fee, then the wire fee"), now=NOW).rules == ()
    assert engine.decide(post("pay the wire fee and the release fee"), now=NOW).rules != ()


def test_an_entry_limited_to_a_language_needs_that_language(tmp_path: Path) -> None:
    write_rulebook(tmp_path, {"lexicons/scams.txt": "free money\tlang=en\n"})
    engine = Engine(load(tmp_path))
    assert engine.decide(post("free money", language="de"), now=NOW).signals == ()
    assert engine.decide(post("free money", language="en"), now=NOW).signals != ()
    assert engine.decide(post("free money"), now=NOW).signals != ()


def test_cjk_terms_match_inside_running_text(engine: Engine) -> None:
    text = "点击链接免费领取红包"
    decision = engine.decide(post(text), now=NOW)
    assert [text[e.start : e.end] for s in decision.signals for e in s.evidence] == ["免费领取"]


def test_a_chinese_term_split_by_spaces_still_matches(tmp_path: Path) -> None:
    write_rulebook(tmp_path, {"lexicons/scams.txt": "零风险高回报\n"})
    engine = Engine(load(tmp_path, simple_rule().replace("free money here", "零风险高回报")))
    text = "投资零风险 高回报"
    decision = engine.decide(post(text), now=NOW)
    assert [text[e.start : e.end] for s in decision.signals for e in s.evidence] == ["零风险 高回报"]


def test_ambiguous_traditional_forms_fold_too(tmp_path: Path) -> None:
    write_rulebook(tmp_path, {"lexicons/scams.txt": "等着收尸\n"})
    engine = Engine(load(tmp_path, simple_rule().replace("free money here", "等着收尸")))
    assert engine.decide(post("你等著收屍吧"), now=NOW).signals != ()


def test_entries_equal_after_normalisation_count_once_and_warn(tmp_path: Path) -> None:
    write_rulebook(tmp_path, {"lexicons/scams.txt": "money gram\tweight=0.5\nmoneygram\tweight=0.5\nfree money\n"})
    rulebook = load(tmp_path)
    assert any("same as 'money gram'" in w.message for w in rulebook.warnings)
    decision = Engine(rulebook).decide(post("pay via moneygram"), now=NOW)
    assert decision.signals[0].score == 0.5
