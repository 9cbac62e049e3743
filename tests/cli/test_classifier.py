"""``netgov classifier``: train on a platform's labels, load through a rulebook, score."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from netgov import Engine
from netgov.cli.main import cli
from tests.factories import NOW, load, post

SPAM = [
    "Win a free iPhone, click now",
    "Claim your prize money today",
    "免费领取iPhone，点击链接",
    "恭喜中奖，请转账手续费",
]
HAM = ["See you at dinner tonight", "The meeting moved to Monday", "明天一起吃午饭吗", "周末去爬山，记得带水"]


def _data(path: Path, count: int = 200) -> Path:
    rng = random.Random(3)
    lines = []
    for i in range(count):
        label, pool = ("spam", SPAM) if i % 2 else ("ham", HAM)
        lines.append(json.dumps({"text": f"{rng.choice(pool)} {i}", "label": label}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _train(tmp_path: Path, data: Path, *extra: str) -> tuple[int, str]:
    args = ["classifier", "train", str(data), "--text-column", "text", "--label-column", "label", *extra]
    result = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "out" / "promo"), "--trained-on", "2026-01-01"])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One model for the module: training is the slow part."""
    root = tmp_path_factory.mktemp("trained")
    code, output = _train(root, _data(root / "d.jsonl"))
    assert code == 0, output
    return root / "out" / "promo"


def test_a_trained_model_loads_through_a_rulebook_and_decisions_record_its_version(
    tmp_path: Path, trained: Path
) -> None:
    rulebook_dir = tmp_path / "rb"
    for file in trained.iterdir():
        (rulebook_dir / "models" / "promo").mkdir(parents=True, exist_ok=True)
        (rulebook_dir / "models" / "promo" / file.name).write_bytes(file.read_bytes())
    when = "classifier: promo.spam\n    min_score: 0.5"
    rule = f"""\
- id: t.promo
  title: Promo model
  category: SCAMS_AND_FRAUD
  basis: {{regulation: TEST, article: "1"}}
  action: label
  when:
    {when}
  examples:
    match: ["恭喜中奖，请转账手续费 7"]
    no_match: ["See you at dinner tonight 8"]
"""
    decision = Engine(load(rulebook_dir, rule)).decide(post("免费领取iPhone，点击链接 5"), now=NOW)
    assert [hit.rule for hit in decision.rules] == ["t.promo"]
    assert decision.models
    assert decision.models[0].startswith("promo@")


def test_score_and_card_print_json(trained: Path) -> None:
    model = str(trained)
    scored = CliRunner().invoke(cli, ["classifier", "score", model, "明天一起吃午饭吗"])
    assert scored.exit_code == 0, scored.output
    assert set(json.loads(scored.output)["scores"]) == {"ham", "spam"}
    card = json.loads(CliRunner().invoke(cli, ["classifier", "card", model]).output)
    assert card["trained_on"] == "2026-01-01"
    assert "f1" in card["metrics"]["per_label"]["spam"]


def test_train_names_a_missing_column(tmp_path: Path) -> None:
    _data(tmp_path / "d.jsonl")
    args = ["classifier", "train", str(tmp_path / "d.jsonl"), "--text-column", "body", "--label-column", "label"]
    result = CliRunner().invoke(cli, [*args, "--out", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "no column 'body'" in result.output


def test_train_refuses_a_single_class_data_set(tmp_path: Path) -> None:
    data = tmp_path / "one.csv"
    data.write_text("text,label\nhello,ham\nhi there,ham\n", encoding="utf-8")
    code, output = _train(tmp_path, data)
    assert code == 1
    assert "only one label" in output


@pytest.mark.parametrize("missing", ["card.json", "weights.npy"])
def test_score_reports_a_broken_model_directory(tmp_path: Path, trained: Path, missing: str) -> None:
    broken = tmp_path / "promo"
    shutil.copytree(trained, broken)
    (broken / missing).unlink()
    result = CliRunner().invoke(cli, ["classifier", "score", str(broken), "hi"])
    assert result.exit_code == 1
    assert missing in result.output
