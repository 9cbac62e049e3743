"""The ``media`` detector family: bank matches observed by the caller become signals,
and the bundled rules remove known illegal imagery."""

from __future__ import annotations

from netgov import Engine
from netgov.core.content import Content, MediaRef
from netgov.core.observations import MediaObservation, Observations
from netgov.core.taxonomy import Category
from netgov.detectors.media import MEDIA_LABELS, MediaDetector
from netgov.media.matcher import MediaMatcher
from netgov.media.memory_index import MemoryBank, MemoryIndex
from tests.factories import NOW, post
from tests.media.test_hashing import EDITS, encoded, hash_image, picture

MINORS = Category.PROTECTION_OF_MINORS


def _match(distance: int = 12, category: Category | None = MINORS, **fields: object) -> MediaObservation:
    values: dict[str, object] = {"media": 0, "signal_type": "pdq", "bank": "csam", "entry": "e1", "quality": 87}
    values.update(fields)
    return MediaObservation(distance=distance, category=category, **values)  # type: ignore[arg-type]


def _observe(*matches: MediaObservation, labels: frozenset[str] = MEDIA_LABELS) -> dict[str, object]:
    signals = MediaDetector(labels).observe(post("look"), Observations(media=matches))
    return {s.label: s for s in signals}


def test_labels_are_match_and_one_per_category_in_lower_case() -> None:
    assert {"match", "protection_of_minors", "risk_for_public_security", "scams_and_fraud"} <= MEDIA_LABELS
    assert len(MEDIA_LABELS) == len(Category) + 1


def test_a_match_gives_the_match_label_and_its_category_label() -> None:
    signals = _observe(_match())
    assert set(signals) == {"match", "protection_of_minors"}


def test_pdq_scores_by_distance_and_exact_hashes_score_one() -> None:
    signal = MediaDetector(frozenset({"match"})).observe(post(""), Observations(media=(_match(32),)))[0]
    assert signal.score == 0.875
    exact = MediaDetector(frozenset({"match"})).observe(
        post(""), Observations(media=(_match(0, signal_type="md5", quality=None),))
    )[0]
    assert exact.score == 1.0


def test_evidence_names_the_bank_entry_and_the_frames() -> None:
    signal = MediaDetector(frozenset({"match"})).observe(
        post(""), Observations(media=(_match(timestamps=(3.0, 4.0)),))
    )[0]
    (evidence,) = signal.evidence
    assert evidence.entry == "csam:e1"
    assert evidence.detail == "pdq distance 12/256, quality 87, frames at 3.0s, 4.0s"


def test_count_is_the_number_of_matches() -> None:
    signal = MediaDetector(frozenset({"match"})).observe(
        post(""), Observations(media=(_match(), _match(bank="terror", category=Category.RISK_FOR_PUBLIC_SECURITY)))
    )[0]
    assert signal.count == 2


def test_without_observations_nothing_is_detected() -> None:
    assert MediaDetector(MEDIA_LABELS).observe(post("look"), None) == ()
    assert MediaDetector(MEDIA_LABELS).observe(post("look"), Observations()) == ()


def test_the_bundled_rules_remove_an_image_that_matches_a_bank(bundled_engine: Engine) -> None:
    index = MemoryIndex([MemoryBank("csam", category=MINORS)])
    index.add("csam", "e7", "pdq", hash_image(encoded(picture(1))).pdq.hash)
    content = Content(id="p1", text="new pics", media=(MediaRef(data=EDITS["watermarked"](picture(1))),))
    observed = MediaMatcher(index).match([content]).observations[0]
    decision = bundled_engine.decide(content, now=NOW, observations=observed)
    assert decision.action.value == "remove"
    assert decision.category is MINORS
    assert {hit.rule for hit in decision.rules} >= {"media.known-csam", "media.known-illegal-imagery"}
    assert decision.observations == observed


def test_the_bundled_rules_leave_an_unmatched_image_alone(bundled_engine: Engine) -> None:
    index = MemoryIndex([MemoryBank("csam", category=MINORS)])
    index.add("csam", "e7", "pdq", hash_image(encoded(picture(1))).pdq.hash)
    content = Content(id="p1", text="new pics", media=(MediaRef(data=encoded(picture(5))),))
    observed = MediaMatcher(index).match([content]).observations[0]
    assert bundled_engine.decide(content, now=NOW, observations=observed).action.value == "allow"


def test_a_bank_of_another_category_is_removed_under_the_general_rule(bundled_engine: Engine) -> None:
    observed = Observations(media=(_match(category=Category.ANIMAL_WELFARE, bank="cruelty"),))
    decision = bundled_engine.decide(post("look"), now=NOW, observations=observed)
    assert decision.action.value == "remove"
    assert [hit.rule for hit in decision.rules if hit.rule.startswith("media.")] == ["media.known-illegal-imagery"]


def test_a_scam_image_bank_is_decided_under_the_fraud_article(bundled_engine: Engine) -> None:
    observed = Observations(media=(_match(category=Category.SCAMS_AND_FRAUD, bank="fraud"),))
    decision = bundled_engine.decide(post("look"), now=NOW, observations=observed)
    assert decision.category is Category.SCAMS_AND_FRAUD
    assert decision.rules[0].legal_ground.article == "7"
