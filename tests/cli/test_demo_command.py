"""`netgov demo --no-serve`: a fresh demo installation whose printed credentials work."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from netgov.audit.chain import verify_chain
from netgov.cli.demo_command import demo_settings
from netgov.cli.main import cli
from netgov.demo import demo_world
from netgov.demo.redress import POSTS as STORY_POSTS
from netgov.errors import NotAuthenticatedError
from netgov.identity.lockout import LockoutPolicy
from netgov.identity.secrets import Passwords
from netgov.service.api_keys import authenticate_key
from netgov.service.sign_in import sign_in
from netgov.store.database import connect
from netgov.store.tables import DecisionRow
from netgov.store.unit_of_work import UnitOfWork

POSTS = 300
_STAFF_LINE = re.compile(r"^  (\w+) +(\S{16})  .+: .+ for (jurisdiction|platform) ", re.MULTILINE)
_KEY_LINE = re.compile(r"^  (\w+) +(ngk_\S+)$", re.MULTILINE)


@dataclass
class Demo:
    result: Result
    data_dir: Path

    @property
    def url(self) -> str:
        return demo_settings(self.data_dir).resolved_database_url

    def passwords(self) -> dict[str, str]:
        return {match[1]: match[2] for match in _STAFF_LINE.finditer(self.result.stdout)}

    def keys(self) -> dict[str, str]:
        return {match[1]: match[2] for match in _KEY_LINE.finditer(self.result.stdout)}


def run_demo(data_dir: Path, **env: str) -> Demo:
    args = ["demo", "--no-serve", "--posts", str(POSTS), "--data-dir", str(data_dir)]
    result = CliRunner(env=env).invoke(cli, args)
    assert result.exit_code == 0, result.output
    return Demo(result, data_dir)


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return run_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def uow(ran: Demo) -> Iterator[UnitOfWork]:
    database = connect(ran.url)
    try:
        with UnitOfWork(database, write=True) as work:
            yield work
    finally:
        database.dispose()


def _sign_in(uow: UnitOfWork, username: str, password: str) -> str:
    policy = LockoutPolicy(attempts=5, duration=timedelta(minutes=15))
    now = datetime.now(UTC)
    signed = sign_in(
        uow,
        username=username,
        password=password,
        passwords=Passwords(),
        policy=policy,
        lifetime=timedelta(hours=1),
        at=now,
    )
    return signed.principal.id


def test_demo_prints_a_password_for_every_staff_account(ran: Demo) -> None:
    assert sorted(ran.passwords()) == sorted(person.username for person in demo_world().staff)


def test_demo_prints_a_key_for_every_platform(ran: Demo) -> None:
    assert sorted(ran.keys()) == sorted(platform.id for platform in demo_world().platforms)


def test_demo_prints_a_curl_example_with_a_printed_key(ran: Demo) -> None:
    assert "curl -s http://127.0.0.1:8000/v1/content" in ran.result.stdout
    assert f"Authorization: Bearer {ran.keys()['chirp']}" in ran.result.stdout


def test_demo_says_it_serves_plain_http_without_secure_cookies(ran: Demo) -> None:
    assert "without Secure" in ran.result.stdout
    assert demo_settings(ran.data_dir).cookie_secure is False


def test_demo_database_holds_the_world(ran: Demo, uow: UnitOfWork) -> None:
    world = demo_world()
    assert len(uow.places.jurisdictions()) == len(world.jurisdictions)
    assert len(uow.places.offices()) == len(world.offices)
    assert [p.id for p in uow.places.platforms()] == sorted(p.id for p in world.platforms)
    assert len(uow.identity.all_staff()) == len(world.staff)


def test_demo_database_holds_a_decision_for_every_post(ran: Demo, uow: UnitOfWork) -> None:
    # The synthetic posts, and the few the story's notices and appeals are about.
    assert uow.session.scalar(select(func.count()).select_from(DecisionRow)) == POSTS + len(STORY_POSTS)
    assert f"Decided {POSTS} synthetic posts" in ran.result.stdout


def test_demo_says_what_its_notices_and_appeals_show(ran: Demo) -> None:
    assert re.search(r"Filed \d+ notices: case case_\w+ merges three", ran.result.stdout)
    assert "flagged as a possible brigade" in ran.result.stdout
    assert re.search(r"apl_\w+ was overturned", ran.result.stdout)


def test_demo_audit_chain_is_intact(uow: UnitOfWork) -> None:
    report = verify_chain(uow.audit.events())
    assert report.ok, report.problem
    assert report.checked > POSTS


def test_a_printed_password_signs_in(ran: Demo, uow: UnitOfWork) -> None:
    assert _sign_in(uow, "reviewer_harbour", ran.passwords()["reviewer_harbour"]) == "reviewer_harbour"


def test_a_printed_key_authenticates_as_its_platform(ran: Demo, uow: UnitOfWork) -> None:
    assert authenticate_key(uow, ran.keys()["marketly"]).principal.id == "marketly"


def test_running_the_demo_again_starts_fresh(tmp_path: Path) -> None:
    first = run_demo(tmp_path)
    second = run_demo(tmp_path)
    database = connect(second.url)
    try:
        with UnitOfWork(database, write=True) as uow:
            assert uow.session.scalar(select(func.count()).select_from(DecisionRow)) == POSTS + len(STORY_POSTS)
            with pytest.raises(NotAuthenticatedError):
                _sign_in(uow, "admin", first.passwords()["admin"])
            assert _sign_in(uow, "admin", second.passwords()["admin"]) == "admin"
    finally:
        database.dispose()


def test_the_demo_never_touches_the_main_database(tmp_path: Path) -> None:
    main = tmp_path / "main.sqlite"
    demo = run_demo(tmp_path / "data", NETGOV_DATABASE_URL=f"sqlite:///{main}")
    assert not main.exists()
    assert Path(demo.url.removeprefix("sqlite:///")).is_file()
