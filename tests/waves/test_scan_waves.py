"""``netgov scan --waves``: floods in a JSONL file become waves, recorded in decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from netgov.cli.main import cli
from netgov.core.content import content_to_json
from tests.factories import NOW
from tests.waves.flood import UNRELATED, flood

FLOOD_TEXT = "Limited offer for our followers: claim your free gift card at gift-claim.example, today only!"


def _input(tmp_path: Path) -> Path:
    posts = flood(FLOOD_TEXT, posts=12, accounts=6, start=NOW)
    path = tmp_path / "posts.jsonl"
    lines = [content_to_json(p).decode() for p in posts]
    lines += [json.dumps({"id": f"u{i}", "text": text}) for i, text in enumerate(UNRELATED)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("workers", ["1", "2"])
def test_scan_marks_a_planted_flood_and_records_the_wave(tmp_path: Path, workers: str) -> None:
    out = tmp_path / "out.jsonl"
    arguments = ["scan", str(_input(tmp_path)), "--out", str(out), "--waves", "memory", "--workers", workers]
    result = CliRunner().invoke(cli, [*arguments, "--at", NOW.isoformat()])
    assert result.exit_code == 0, result.output
    decisions = [json.loads(line) for line in out.read_text().splitlines()]
    flooded = [d for d in decisions if any(r["rule"] == "waves.flood" for r in d.get("rules", ()))]
    # The rule needs 10 posts from 5 accounts: the 10th post of the flood is the first it marks.
    assert [d["content_id"] for d in flooded] == ["f9", "f10", "f11"]
    waves = flooded[-1]["observations"]["waves"]
    assert {w["window"] for w in waves} == {"10m", "1h", "24h"}
    assert all(w["size"] == 12 and w["accounts"] == 6 and w["representative"] == "f0" for w in waves)
    assert all("observations" not in d for d in decisions if d["content_id"].startswith("u"))


def test_scan_without_waves_records_none(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["scan", str(_input(tmp_path)), "--out", str(out), "--waves", "off"])
    assert result.exit_code == 0, result.output
    assert "observations" not in out.read_text()


def test_scan_refuses_an_unknown_wave_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["scan", str(_input(tmp_path)), "--waves", "mongodb://x"])
    assert result.exit_code == 2
    assert "not a wave store" in result.output
