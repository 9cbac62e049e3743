from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from netgov.cli.main import cli
from tests.factories import rule_yaml, simple_rule, write_rulebook


def _rulebook(tmp_path: Path) -> Path:
    return write_rulebook(tmp_path / "rb", {"rules/test.yaml": rule_yaml(simple_rule())})


def _posts(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_scan_writes_one_decision_per_line_in_input_order(tmp_path: Path) -> None:
    posts = _posts(
        tmp_path,
        [json.dumps({"id": str(i), "text": "free money" if i % 3 == 0 else "hi"}) for i in range(20)],
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["scan", str(posts), "--rules", str(_rulebook(tmp_path)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    decisions = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["content_id"] for d in decisions] == [str(i) for i in range(20)]
    assert [d["action"] for d in decisions[:3]] == ["remove", "allow", "allow"]
    evidence = decisions[0]["signals"][0]["evidence"][0]
    assert (evidence["start"], evidence["end"]) == (0, 10)
    assert decisions[0]["statement"]["legal_grounds"][0]["article"] == "1"


def test_a_malformed_line_is_reported_with_its_number_and_counted(tmp_path: Path) -> None:
    posts = _posts(
        tmp_path,
        [
            '{"id": "1", "text": "hi"}',
            "{not json",
            '{"text": "no id"}',
            '{"id": "4", "text": "free money"}',
        ],
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["scan", str(posts), "--rules", str(_rulebook(tmp_path)), "--out", str(out)])
    assert result.exit_code == 0
    assert "line 2: not valid JSON" in result.output
    assert "line 3: not a valid post" in result.output
    assert "2 malformed line(s)" in result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r.get("line") for r in records] == [None, 2, 3, None]
    assert records[3]["action"] == "remove"


def test_strict_mode_stops_at_the_first_malformed_line(tmp_path: Path) -> None:
    posts = _posts(tmp_path, ['{"id": "1", "text": "hi"}', "{not json", '{"id": "3", "text": "x"}'])
    result = CliRunner().invoke(
        cli,
        [
            "scan",
            str(posts),
            "--strict",
            "--rules",
            str(_rulebook(tmp_path)),
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 1
    assert "line 2" in result.output


def test_parallel_workers_keep_input_order(tmp_path: Path) -> None:
    lines = [json.dumps({"id": str(i), "text": "free money" if i % 7 == 0 else f"post {i}"}) for i in range(2000)]
    posts = _posts(tmp_path, lines)
    out = tmp_path / "out.jsonl"
    command = [
        sys.executable,
        "-m",
        "netgov.cli",
        "scan",
        str(posts),
        "--workers",
        "2",
        "--rules",
        str(_rulebook(tmp_path)),
        "--out",
        str(out),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr
    decisions = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["content_id"] for d in decisions] == [str(i) for i in range(2000)]
    assert sum(d["action"] == "remove" for d in decisions) == len(range(0, 2000, 7))


def test_scan_reads_standard_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["scan", "-", "--rules", str(_rulebook(tmp_path))],
        input='{"id": "a", "text": "free money"}\n',
    )
    assert result.exit_code == 0
    assert '"action":"remove"' in result.output


def test_the_sample_scan_runs_on_the_bundled_rulebook() -> None:
    result = CliRunner().invoke(cli, ["scan", "--sample", "--format", "pretty"])
    assert result.exit_code == 0, result.output
    assert "basis: MOSR" in result.output


def test_a_scan_never_prints_the_personal_data_it_found(tmp_path: Path) -> None:
    text = "开盒：身份证 11010519491231002X，手机 13800138000，call +44 20 7946 0958, I know where you live"
    posts = _posts(tmp_path, [json.dumps({"id": "1", "text": text}, ensure_ascii=False)])
    for output_format in ("jsonl", "pretty"):
        result = CliRunner().invoke(cli, ["scan", str(posts), "--format", output_format])
        assert result.exit_code == 0, result.output
        for value in ("11010519491231002", "13800138000", "2079460958", "20 7946 0958"):
            assert value not in result.output
        assert "pii/" in result.output or "privacy." in result.output
