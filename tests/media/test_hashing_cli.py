"""``netgov media hash`` and ``netgov scan --banks``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from netgov.cli import scan_command
from netgov.cli.main import cli
from netgov.core.taxonomy import Category
from netgov.media.hashing import hash_image
from netgov.media.memory_index import MemoryBank, MemoryIndex
from netgov.media.ports import BankIndex
from tests.factories import NOW
from tests.media.test_hashing import EDITS, encoded, picture, video


def test_media_hash_prints_pdq_quality_md5_and_sha256_as_json(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(encoded(picture(1)))
    result = CliRunner().invoke(cli, ["media", "hash", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    expected = hash_image(path.read_bytes())
    assert (record["pdq"], record["quality"], record["md5"]) == (expected.pdq.hash, expected.pdq.quality, expected.md5)


def test_media_hash_lists_video_frames_with_timestamps(tmp_path: Path) -> None:
    path = tmp_path / "v.mp4"
    path.write_bytes(video([picture(1), picture(2)]))
    result = CliRunner().invoke(cli, ["media", "hash", str(path), "--fps", "2"])
    assert result.exit_code == 0, result.output
    assert "(video)" in result.output
    assert result.output.count(" pdq ") == 4
    assert "    1.5s pdq" in result.output


def test_media_hash_fails_on_a_file_that_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    result = CliRunner().invoke(cli, ["media", "hash", str(path)])
    assert result.exit_code == 1


def test_scan_with_banks_removes_a_post_whose_image_is_banked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = MemoryIndex([MemoryBank("csam", category=Category.PROTECTION_OF_MINORS)])
    index.add("csam", "e1", "pdq", hash_image(encoded(picture(1))).pdq.hash)

    def opened(path: Path) -> BankIndex:
        return index

    monkeypatch.setattr(scan_command, "open_bank_index", opened)
    (tmp_path / "img.jpg").write_bytes(EDITS["jpeg 70"](picture(1)))
    (tmp_path / "posts.jsonl").write_text(
        '{"id": "p1", "text": "pics", "media": [{"uri": "img.jpg"}]}\n{"id": "p2", "text": "hello"}\n'
    )
    arguments = ["scan", str(tmp_path / "posts.jsonl"), "--banks", str(tmp_path), "--at", NOW.isoformat()]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    decisions = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [d["action"] for d in decisions] == ["remove", "allow"]
    assert decisions[0]["observations"]["media"][0]["entry"] == "e1"
