"""`netgov export statements` in every format, with --since, to a file or standard output."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from netgov.cli.main import cli
from tests.databases import BACKENDS, database_url
from tests.service.export_support import bulk_statements, removed
from tests.service_world import World, open_world

Run = Callable[..., Result]


@pytest.fixture(scope="module", params=BACKENDS)
def shared_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Two removals through the intake (one in de.by), and 250 statements in de.by from 2026-01-01."""
    data_dir = tmp_path_factory.mktemp("cli-export")
    for url in database_url(request.param, data_dir):
        for world in open_world(url, data_dir):
            removed(world, "cx-1")
            removed(world, "cx-2", jurisdiction="de.by")
            bulk_statements(world, 250, start=world.clock() - timedelta(days=150))
            yield world


@pytest.fixture
def netgov(shared_world: World) -> Run:
    url = str(shared_world.runtime.database.url.render_as_string(hide_password=False))
    return lambda *args: CliRunner().invoke(cli, ["export", "statements", *args, "--db", url])


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_csv_holds_every_statement(netgov: Run, tmp_path: Path) -> None:
    out = tmp_path / "statements.csv"
    result = netgov("--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert len(_rows(out)) == 252
    assert f"to {out}" in result.output


def test_jsonl_holds_one_object_a_line(netgov: Run, tmp_path: Path) -> None:
    out = tmp_path / "statements.jsonl"
    assert netgov("--format", "jsonl", "--out", str(out)).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 252
    assert json.loads(lines[0])["statement_id"]


def test_parquet_reads_back_with_pyarrow(netgov: Run, tmp_path: Path) -> None:
    out = tmp_path / "statements.parquet"
    assert netgov("--format", "parquet", "--out", str(out)).exit_code == 0
    assert pq.read_table(out).num_rows == 252


def test_dsa_tdb_writes_batches_of_at_most_100_and_says_what_it_left_out(netgov: Run, tmp_path: Path) -> None:
    out = tmp_path / "tdb.jsonl"
    result = netgov("--format", "dsa-tdb", "--out", str(out))
    assert result.exit_code == 0, result.output
    sizes = [len(json.loads(line)["statements"]) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sizes == [100, 100, 51]
    assert "wrote 251 statements in 3 batches" in result.output
    assert "left out 1 whose measure applies in no EU/EEA state" in result.output


def test_since_keeps_the_statements_issued_from_that_day(netgov: Run, shared_world: World, tmp_path: Path) -> None:
    out = tmp_path / "recent.csv"
    day = (shared_world.clock() - timedelta(days=1)).date().isoformat()
    assert netgov("--format", "csv", "--out", str(out), "--since", day).exit_code == 0
    assert {row["content_id"] for row in _rows(out)} == {"cx-1", "cx-2"}


def test_csv_goes_to_standard_output_with_a_dash(netgov: Run) -> None:
    result = netgov("--format", "csv", "--out", "-", "--since", "2026-05-31")
    assert result.exit_code == 0
    assert result.stdout.startswith("statement_id,platform,")


def test_parquet_is_refused_on_standard_output(netgov: Run) -> None:
    result = netgov("--format", "parquet", "--out", "-")
    assert result.exit_code == 2
    assert "Parquet is a binary file" in result.output


@pytest.mark.parametrize("since", ["yesterday", "2026-13-01", "01/05/2026"])
def test_a_bad_since_is_a_clear_usage_error(netgov: Run, tmp_path: Path, since: str) -> None:
    result = netgov("--format", "csv", "--out", str(tmp_path / "x.csv"), "--since", since)
    assert result.exit_code == 2
    assert "Invalid value for '--since'" in result.output
    assert not (tmp_path / "x.csv").exists()


def test_a_since_in_the_future_exits_1_with_the_reason(netgov: Run, tmp_path: Path) -> None:
    result = netgov("--format", "csv", "--out", str(tmp_path / "x.csv"), "--since", "2999-01-01")
    assert result.exit_code == 1
    assert "since" in result.output


def test_a_missing_directory_is_refused(netgov: Run, tmp_path: Path) -> None:
    result = netgov("--format", "csv", "--out", str(tmp_path / "no" / "x.csv"))
    assert result.exit_code == 2
    assert "no directory" in result.output


def test_an_invalid_statement_leaves_no_file_and_names_the_field(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/netgov.sqlite"
    for world in open_world(url, tmp_path):
        removed(world, "bad:id", jurisdiction="de")
    out = tmp_path / "tdb.jsonl"
    result = CliRunner().invoke(cli, ["export", "statements", "--format", "dsa-tdb", "--out", str(out), "--db", url])
    assert result.exit_code == 1
    assert "puid" in result.output
    assert not out.exists()
    assert list(tmp_path.glob(".tdb.jsonl.*")) == []
