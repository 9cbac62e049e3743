"""`netgov cases`, `netgov deadlines` and `netgov sweep` against the test world's database,
as the operator and as named staff (`--as`)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from netgov.cli.main import cli
from netgov.store.tables import CaseRow
from tests.databases import BACKENDS, database_url
from tests.service.support import SCAM, item, submit
from tests.service_world import World, open_world

Run = Callable[..., Result]


@pytest.fixture(scope="module", params=BACKENDS)
def shared_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    data_dir = tmp_path_factory.mktemp("cli-world")
    for url in database_url(request.param, data_dir):
        yield from open_world(url, data_dir)


@pytest.fixture
def netgov(shared_world: World) -> Run:
    url = str(shared_world.runtime.database.url.render_as_string(hide_password=False))

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, [*args, "--db", url])

    return run


_refs = iter(range(1, 10_000))


def _open(netgov: Run, *extra: str, jurisdiction: str = "ex.north.harbour.east") -> str:
    result = netgov(
        "cases",
        "open",
        "--source",
        "report",
        "--ref",
        f"cli-{next(_refs)}",
        "--jurisdiction",
        jurisdiction,
        "--category",
        "SCAMS_AND_FRAUD",
        "--severity",
        "high",
        "--regulation",
        "dsa",
        "--article",
        "16",
        *extra,
    )
    assert result.exit_code == 0, result.output
    found = re.search(r"(case_[0-9a-f]{26})", result.output)
    assert found is not None
    return found.group(1)


def test_a_case_is_opened_listed_and_shown(netgov: Run) -> None:
    case_id = _open(netgov, "--summary", "a fake shop")
    listed = netgov("cases", "list", "--office", "office-east")
    assert case_id in listed.output
    assert "officer_east" in listed.output
    shown = netgov("cases", "show", case_id)
    assert shown.exit_code == 0, shown.output
    assert "next:      investigating, closed (no_violation|withdrawn|duplicate|out_of_scope)" in shown.output
    document = json.loads(netgov("cases", "show", case_id, "--format", "json").output)
    assert [e["kind"] for e in document["timeline"]] == ["opened", "assigned"]


def test_staff_see_only_their_scope(netgov: Run) -> None:
    south = _open(netgov, jurisdiction="ex.south")
    assert south not in netgov("cases", "list", "--as", "officer_east").output
    refused = netgov("cases", "show", south, "--as", "officer_east")
    assert refused.exit_code == 1
    assert "error: Officer East may case.read only" in refused.output


def test_steps_are_checked_against_the_procedure(netgov: Run) -> None:
    case_id = _open(netgov)
    illegal = netgov(
        "cases", "step", case_id, "decided", "--outcome", "violation", "--reason", "x", "--as", "officer_east"
    )
    assert illegal.exit_code == 1
    assert "Allowed from filed: investigating, closed" in illegal.output
    moved = netgov("cases", "step", case_id, "investigating", "--reason", "looking", "--as", "officer_east")
    assert (moved.exit_code, moved.output.strip()) == (0, f"{case_id} is investigating")


def test_take_assign_move_and_refer(netgov: Run) -> None:
    case_id = _open(netgov, jurisdiction="ex.north.harbour.west")
    assert netgov("cases", "take", case_id).exit_code == 2  # --as is required
    taken = netgov("cases", "take", case_id, "--as", "reviewer_harbour")
    assert taken.output.strip() == f"{case_id} is assigned to reviewer_harbour"
    assigned = netgov("cases", "assign", case_id, "--reason", "rebalance", "--as", "supervisor")
    assert "assigned to reviewer_harbour" in assigned.output
    over = netgov("cases", "take-over", case_id, "--reason", "serious", "--as", "officer_north")
    assert over.output.strip() == f"{case_id} is now held by office-north"
    down = netgov("cases", "designate", case_id, "--office", "office-east", "--reason", "local")
    assert down.output.strip() == f"{case_id} is now held by office-east"
    side = netgov(
        "cases", "transfer", case_id, "--office", "office-harbour", "--reason", "city", "--as", "officer_east"
    )
    assert side.exit_code == 1  # the east officer may not work cases in the city office
    referred = netgov("cases", "refer", case_id, "--agency", "police", "--reason", "fraud ring")
    referral_id = referred.output.split(":")[0]
    updated = netgov("cases", "referral", referral_id, "acknowledged", "--reference", "POL-9", "--reason", "letter")
    assert updated.output.strip() == f"{referral_id} is acknowledged"


def test_deadline_rules_are_listed_set_and_unset(netgov: Run) -> None:
    assert "built-in" in netgov("deadlines", "list").output
    set_rule = netgov("deadlines", "set", "ANIMAL_WELFARE", "*", "--hours", "12", "--warn", "3", "--reason", "quick")
    assert set_rule.exit_code == 0, set_rule.output
    assert re.search(r"ANIMAL_WELFARE\s+\*\s+12\s+3\s+configured", netgov("deadlines", "list").output)
    bad = netgov("deadlines", "set", "*", "*", "--hours", "4", "--warn", "9", "--reason", "x")
    assert bad.exit_code == 1
    assert "warn_hours" in bad.output
    assert netgov("deadlines", "unset", "ANIMAL_WELFARE", "*", "--reason", "back").exit_code == 0
    assert "ANIMAL_WELFARE" not in netgov("deadlines", "list").output


def test_the_sweep_opens_a_case_for_a_held_post_once(netgov: Run, shared_world: World) -> None:
    submit(shared_world, item("cli-held", SCAM))
    first = netgov("sweep")
    assert first.exit_code == 0, first.output
    assert "cases opened: 1" in first.output
    assert "cases opened: 0" in netgov("sweep").output


def test_serve_sweeps_in_the_background_and_stops_cleanly(shared_world: World, tmp_path: Path) -> None:
    # The wiring of the thread into `netgov serve` is the same on both backends, and a
    # process start costs seconds; the sweeper itself runs on both in tests/service.
    if shared_world.runtime.database.dialect.name != "sqlite":
        pytest.skip("the serve process is tested on SQLite; the sweep on both backends in tests/service")
    submit(shared_world, item("serve-held", SCAM))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = shared_world.runtime.database.url.render_as_string(hide_password=False)
    command = [sys.executable, "-m", "netgov.cli", "serve", "--db", url, "--port", str(port), "--intake-thread"]
    env = {**os.environ, "NETGOV_DATA_DIR": str(tmp_path), "NETGOV_SWEEP_SECONDS": "0.2"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        deadline = time.monotonic() + 30
        while not _held_case(shared_world, "serve-held") and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()[0]
            time.sleep(0.1)
        assert _held_case(shared_world, "serve-held")
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
        assert process.returncode == 0, output
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def _held_case(world: World, content_id: str) -> bool:
    with world.runtime.uow() as uow:
        query = select(CaseRow.id).where(CaseRow.source == "hold", CaseRow.content_id == content_id)
        return uow.session.scalars(query).first() is not None
