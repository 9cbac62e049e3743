"""The pure side of waves: signatures, the ``wave`` detector family, wave signals in rules."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgov import Account, Content, Engine
from netgov.core.observations import Observations, Wave
from netgov.core.rulebook.checks import run_examples
from netgov.core.signals import Evidence, Signal
from netgov.core.text import TextViews
from netgov.detectors.waves import LshParams, Signer, WaveDetector, parse_windows, similarity
from netgov.errors import RulebookError
from netgov.rulebook.loader import default_normalizer
from tests.factories import NOW, load, post, simple_rule
from tests.waves.flood import SCAM_EN, SCAM_ZH, UNRELATED, edited

SIGNER = Signer(default_normalizer())


def _wave(window: str = "1h", size: int = 12, accounts: int = 6) -> Wave:
    return Wave(cluster="c_1", window=window, size=size, accounts=accounts, first_seen=NOW, representative="p0")


def test_near_duplicates_with_small_edits_are_similar_in_english_and_chinese() -> None:
    rng = random.Random(5)
    for template in (SCAM_EN, SCAM_ZH):
        a, b = SIGNER.sign(edited(template, rng)), SIGNER.sign(edited(template, rng))
        assert a is not None
        assert b is not None
        assert similarity(a.minhash, b.minhash) >= 0.6
        assert set(a.bands) & set(b.bands)


def test_unrelated_posts_are_not_similar() -> None:
    signatures = [SIGNER.sign(text) for text in (SCAM_EN, SCAM_ZH, *UNRELATED)]
    for i, a in enumerate(signatures):
        for b in signatures[i + 1 :]:
            assert a is not None
            assert b is not None
            assert similarity(a.minhash, b.minhash) < 0.3


def test_spacing_case_and_punctuation_do_not_change_the_signature() -> None:
    assert SIGNER.sign(SCAM_EN) == SIGNER.sign(SCAM_EN.upper().replace(" ", "  ").replace("!", "!!!"))


def test_texts_shorter_than_the_minimum_are_not_signed() -> None:
    assert SIGNER.sign("thanks!!") is None
    assert SIGNER.sign("a" * LshParams().min_chars) is not None


@given(st.text(max_size=300))
def test_signing_never_raises_on_arbitrary_unicode(text: str) -> None:
    signature = SIGNER.sign(text)
    if signature is not None:
        assert len(signature.bands) == LshParams().bands
        assert len(signature.minhash) == 4 * LshParams().num_perm


def test_windows_parse_shortest_first_and_refuse_nonsense() -> None:
    assert [(w.label, w.seconds) for w in parse_windows("24h, 10m,1h")] == [("10m", 600), ("1h", 3600), ("24h", 86400)]
    with pytest.raises(ValueError, match="10 minutes"):
        parse_windows("10 minutes")


def test_the_detector_turns_observed_waves_of_its_windows_into_signals() -> None:
    detector = WaveDetector(frozenset({"1h"}))
    content = post("Claim your prize")
    signals = detector.observe(content, Observations(waves=(_wave("1h"), _wave("10m"))))
    assert len(signals) == 1
    signal = signals[0]
    assert (signal.key, signal.score, signal.count, signal.distinct) == ("wave/1h", 1.0, 12, 6)
    assert signal.evidence[0].entry == "c_1"
    assert "12 posts from 6 accounts" in signal.evidence[0].detail
    assert (signal.evidence[0].start, signal.evidence[0].end) == (0, len(content.text))


def test_the_detector_never_looks_at_text_and_needs_observations() -> None:
    detector = WaveDetector(frozenset({"1h"}))
    content = post(SCAM_EN)
    assert detector.detect(content, TextViews(content.text, default_normalizer())) == ()
    assert detector.observe(content, None) == ()


def test_signal_counts_come_from_evidence_unless_stated() -> None:
    evidence = (Evidence(start=0, end=1, entry="a"), Evidence(start=2, end=3, entry="a"))
    plain = Signal(detector="lexicon", label="x", score=1.0, evidence=evidence)
    stated = msgspec.structs.replace(plain, occurrences=40, sources=9)
    assert (plain.count, plain.distinct) == (2, 1)
    assert (stated.count, stated.distinct) == (40, 9)


def test_signal_with_stated_counts_survives_a_json_round_trip() -> None:
    signal = Signal(detector="wave", label="1h", score=1.0, occurrences=40, sources=9)
    assert msgspec.json.decode(msgspec.json.encode(signal), type=Signal) == signal
    plain = Signal(detector="lexicon", label="x", score=0.5)
    assert b"occurrences" not in msgspec.json.encode(plain)


def test_the_bundled_flood_rule_fires_and_the_decision_records_the_wave(bundled_engine: Engine) -> None:
    content = post(SCAM_EN, account=Account(id="a1"))
    observed = Observations(waves=(_wave("1h", size=37, accounts=12),))
    decision = bundled_engine.decide(content, now=NOW, observations=observed)
    assert "waves.flood" in {hit.rule for hit in decision.rules}
    assert decision.observations == observed


def test_the_bundled_flood_rule_needs_enough_accounts(bundled_engine: Engine) -> None:
    observed = Observations(waves=(_wave("1h", size=37, accounts=4),))
    decision = bundled_engine.decide(post("Happy new year to every one of you!"), now=NOW, observations=observed)
    assert "waves.flood" not in {hit.rule for hit in decision.rules}


def test_the_bundled_velocity_rule_fires_on_a_new_account_bursting_links(bundled_engine: Engine) -> None:
    account = Account(id="n", created_at=NOW - timedelta(days=1), posts_last_minute=20)
    content = Content(id="v", text="deals", urls=("https://deals.example",), account=account)
    assert "accounts.link-burst" in {hit.rule for hit in bundled_engine.decide(content, now=NOW).rules}


def _wave_rule(example: str) -> str:
    return simple_rule(
        "t.wave", when="wave: 1h\n    min_distinct: 5", article="1", action="restrict_visibility"
    ).replace('match: ["free money here"]', f"match: [{example}]")


def test_a_rule_example_can_be_one_post_of_a_wave(tmp_path: Path) -> None:
    rulebook = load(tmp_path, _wave_rule("{text: hello, wave: {window: 1h, posts: 9, accounts: 5}}"))
    count, failures = run_examples(rulebook)
    assert (count, failures) == (2, [])


def test_a_wave_example_needs_whole_numbers(tmp_path: Path) -> None:
    with pytest.raises(RulebookError, match="whole numbers"):
        load(tmp_path, _wave_rule("{text: hello, wave: {window: 1h, posts: many, accounts: 5}}"))
