"""`netgov demo --db URL --no-serve`: seeds the named database once, says what it holds,
leaves it as it is on a re-run, refuses a database with a network of its own; the
statements it leaves can be exported."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from netgov.cli.main import cli
from netgov.service.permissions import SYSTEM
from netgov.service.places import add_jurisdiction
from netgov.store.database import connect
from netgov.store.schema import upgrade
from netgov.store.tables import DecisionRow, StatementRow
from netgov.store.unit_of_work import UnitOfWork
from tests.databases import BACKENDS, database_url
from tests.service_world import START


def _demo(url: str, data_dir: Path) -> Result:
    args = ["demo", "--db", url, "--no-serve", "--posts", "200", "--data-dir", str(data_dir)]
    return CliRunner().invoke(cli, args)


def _counts(url: str) -> tuple[int, int]:
    database = connect(url)
    try:
        with UnitOfWork(database, write=False) as uow:
            decisions = uow.session.scalar(select(func.count()).select_from(DecisionRow))
            statements = uow.session.scalar(select(func.count()).select_from(StatementRow))
    finally:
        database.dispose()
    return int(decisions or 0), int(statements or 0)


def _issued_before(url: str, moment: datetime) -> int:
    database = connect(url)
    try:
        with UnitOfWork(database, write=False) as uow:
            query = select(func.count()).select_from(StatementRow).where(StatementRow.issued_at < moment)
            return int(uow.session.scalar(query) or 0)
    finally:
        database.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path, Result]]:
    data_dir = tmp_path_factory.mktemp("demo-db")
    for url in database_url(request.param, data_dir):
        yield url, data_dir, _demo(url, data_dir)


def test_the_demo_seeds_the_named_database_and_says_what_it_holds(seeded: tuple[str, Path, Result]) -> None:
    url, _, result = seeded
    assert result.exit_code == 0, result.output
    decisions, statements = _counts(url)
    assert decisions >= 200
    assert statements > 0
    assert f"{statements} statements of reasons" in result.output
    assert "Not serving (--no-serve)" in result.output


def test_a_second_run_seeds_nothing_and_exits_0(seeded: tuple[str, Path, Result]) -> None:
    url, data_dir, _ = seeded
    before = _counts(url)
    again = _demo(url, data_dir)
    assert again.exit_code == 0, again.output
    assert "already holds the demo; nothing seeded" in again.output
    assert _counts(url) == before


def test_the_seeded_statements_export(seeded: tuple[str, Path, Result], tmp_path: Path) -> None:
    url, _, _ = seeded
    out = tmp_path / "statements.csv"
    result = CliRunner().invoke(cli, ["export", "statements", "--db", url, "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    # The demo dates its casework steps minutes ahead; an export covers what was issued before it.
    assert len(rows) == _issued_before(url, datetime.now(UTC)) > 0


def test_a_database_with_a_network_of_its_own_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/real.sqlite"
    database = connect(url)
    try:
        upgrade(database)
        with UnitOfWork(database, write=True) as uow:
            add_jurisdiction(uow, actor=SYSTEM, code="fr", name="France", level="national", parent=None, at=START)
            uow.commit()
    finally:
        database.dispose()
    result = CliRunner().invoke(cli, ["demo", "--db", url, "--no-serve", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "holds a network of its own" in result.output
    assert _counts(url) == (0, 0)
