"""``netgov banks`` through click's runner on a temporary banks directory."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from netgov.cli.main import cli
from netgov.media.banks import FileBankStore
from tests.media.banks_factories import near, pdq


def run(tmp_path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["banks", *args, "--banks", str(tmp_path / "banks")])


def test_create_add_list_export_import_remove(tmp_path: Path) -> None:
    created = run(tmp_path, "create", "scams", "--category", "SCAMS_AND_FRAUD", "--threshold", "20", "--rollout", "0.5")
    assert created.exit_code == 0, created.output
    assert run(tmp_path, "add", "scams", pdq(1), pdq(2), "--provenance", "GIFCT").exit_code == 0
    listed = run(tmp_path, "list")
    assert "scams\tSCAMS_AND_FRAUD\t2 entries\tenabled, threshold 20, rollout 0.5" in listed.output
    out = tmp_path / "scams.csv"
    assert run(tmp_path, "export", "scams", str(out)).exit_code == 0
    assert "GIFCT" in out.read_text()
    assert run(tmp_path, "remove", "scams", pdq(1), "--reason", "fp").exit_code == 0
    again = run(tmp_path, "import", str(out))
    assert again.exit_code == 0, again.output
    assert "added 0 entries (1 already present, 1 tombstoned)" in again.output
    assert "entries      1\n" in run(tmp_path, "show", "scams").output


def test_import_errors_exit_1_with_file_and_line(tmp_path: Path) -> None:
    run(tmp_path, "create", "scams")
    bad = tmp_path / "bad.tsv"
    bad.write_text(f"signal_type\tsignal_value\npdq\t{pdq(1)}\npdq\tnope\n")
    result = run(tmp_path, "import", str(bad), "--bank", "scams")
    assert result.exit_code == 1
    assert f"{bad}:3: 'nope' is not a valid pdq value" in result.output
    assert "nothing was imported" in result.output


def test_unknown_bank_exits_1(tmp_path: Path) -> None:
    result = run(tmp_path, "add", "nope", pdq(1))
    assert result.exit_code == 1
    assert "no bank 'nope'" in result.output


def test_held_import_is_listed_and_confirmed(tmp_path: Path) -> None:
    run(tmp_path, "create", "scams")
    FileBankStore(tmp_path / "banks").record_traffic([near(pdq(7), 4, seed=i) for i in range(25)])
    held = run(tmp_path, "add", "scams", pdq(7))
    assert "HELD 1 new entries" in held.output
    assert "HELD 1 awaiting confirm" in run(tmp_path, "list").output
    assert "1 held entries are now live" in run(tmp_path, "confirm", "scams").output
    assert "1 entries" in run(tmp_path, "list").output
