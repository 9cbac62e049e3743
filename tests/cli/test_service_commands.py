"""The commands that run netgov as a service: `db`, `serve`, and the operator's `staff`,
`keys`, `platforms` and `jurisdictions`, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import make_url

from netgov.audit.chain import verify_chain
from netgov.cli.main import cli
from netgov.errors import NotAuthenticatedError
from netgov.identity.lockout import LockoutPolicy
from netgov.identity.secrets import Passwords
from netgov.service.api_keys import KeyIdentity, authenticate_key
from netgov.service.sign_in import SignedIn, sign_in
from netgov.store.database import connect
from netgov.store.schema import head_revision
from netgov.store.unit_of_work import UnitOfWork
from tests.service_world import START

BROKEN_RULEBOOK = Path(__file__).parents[1] / "fixtures" / "broken-rulebook"


def netgov(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


@pytest.fixture
def migrated(database: str) -> str:
    assert netgov("db", "upgrade", "--db", database).exit_code == 0
    return database


@pytest.fixture
def places(migrated: str) -> str:
    """A migrated database with jurisdictions ex > ex.north and the platform chirp seated in ex.north."""
    for args in (
        ("jurisdictions", "add", "ex", "--name", "Examplia", "--level", "national"),
        ("jurisdictions", "add", "ex.north", "--name", "North", "--level", "provincial", "--parent", "ex"),
        ("platforms", "add", "chirp", "--name", "Chirp", "--jurisdiction", "ex.north"),
    ):
        result = netgov(*args, "--db", migrated)
        assert result.exit_code == 0, result.output
    return migrated


def _sign_in(url: str, username: str, password: str) -> SignedIn:
    database = connect(url)
    try:
        with UnitOfWork(database, write=True) as uow:
            policy = LockoutPolicy(attempts=5, duration=timedelta(minutes=15))
            return sign_in(
                uow,
                username=username,
                password=password,
                passwords=Passwords(),
                policy=policy,
                lifetime=timedelta(hours=1),
                at=START,
            )
    finally:
        database.dispose()


def _authenticate(url: str, token: str) -> KeyIdentity:
    database = connect(url)
    try:
        with UnitOfWork(database, write=False) as uow:
            return authenticate_key(uow, token)
    finally:
        database.dispose()


# --- db ---------------------------------------------------------------------------------


def test_db_upgrade_brings_an_empty_database_to_head_and_says_from_where(database: str) -> None:
    result = netgov("db", "upgrade", "--db", database)
    assert result.exit_code == 0, result.output
    assert f"upgraded from an empty database to revision {head_revision()}" in result.output


def test_db_current_after_upgrade_reports_head_and_exits_0(migrated: str) -> None:
    result = netgov("db", "current", "--db", migrated)
    assert result.exit_code == 0, result.output
    assert f"current:  {head_revision()}" in result.stdout
    assert "up to date" in result.stdout


def test_db_upgrade_twice_leaves_the_database_at_head(migrated: str) -> None:
    result = netgov("db", "upgrade", "--db", migrated)
    assert result.exit_code == 0
    assert f"already at revision {head_revision()}" in result.output


def test_db_current_on_an_empty_database_exits_1_and_names_the_fix(database: str) -> None:
    result = netgov("db", "current", "--db", database)
    assert result.exit_code == 1
    assert "none (no netgov schema)" in result.stdout
    assert f"netgov db upgrade --db {database}" in result.stderr


def test_db_commands_never_print_the_password_of_the_url(database: str) -> None:
    if not database.startswith("postgresql"):
        pytest.skip("only server databases have passwords")
    # The test server trusts local connections, so any password is accepted and must stay hidden.
    with_password = make_url(database).set(password="hunter2-secret").render_as_string(hide_password=False)
    result = netgov("db", "upgrade", "--db", with_password)
    assert result.exit_code == 0, result.output
    assert "hunter2-secret" not in result.output
    assert "***" in result.output


# --- serve (refusal; serving itself is in test_serve_process) ---------------------------


def test_serve_refuses_an_unmigrated_database_with_exit_2_and_the_fix(database: str) -> None:
    result = netgov("serve", "--db", database, "--port", "1")
    assert result.exit_code == 2
    assert f"Run `netgov db upgrade --db {database}` first." in result.stderr
    assert "Traceback" not in result.output


def test_operator_commands_refuse_an_unmigrated_database_with_exit_2(database: str) -> None:
    result = netgov("platforms", "list", "--db", database)
    assert result.exit_code == 2
    assert "netgov db upgrade" in result.stderr


def test_an_unreachable_database_is_one_line_with_the_reason_and_no_password() -> None:
    result = netgov("db", "upgrade", "--db", "postgresql+psycopg://netgov:hunter2-secret@127.0.0.1:1/netgov")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "error: cannot use the database postgresql+psycopg://netgov:***@127.0.0.1:1/netgov: "
    )
    assert "Connection refused" in result.stderr
    assert "hunter2-secret" not in result.output


def test_a_url_that_is_not_a_database_url_says_what_is_expected() -> None:
    result = netgov("staff", "list", "--db", "nosuch://user:hunter2-secret@host/db")
    assert result.exit_code == 1
    assert "is not one; expected e.g. postgresql+psycopg://" in result.stderr
    assert "hunter2-secret" not in result.output


def test_serve_refuses_a_broken_rulebook_with_exit_1_and_its_errors(migrated: str) -> None:
    result = netgov("serve", "--db", migrated, "--rules", str(BROKEN_RULEBOOK), "--port", "1")
    assert result.exit_code == 1
    assert "broken.yaml:8:16: error:" in result.stderr


# --- jurisdictions and platforms --------------------------------------------------------


def test_jurisdictions_list_shows_the_added_tree(places: str) -> None:
    result = netgov("jurisdictions", "list", "--db", places)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["code", "level", "name", "parent", "status"]
    assert lines[1].split() == ["ex", "national", "Examplia", "-"]
    assert lines[2].split() == ["ex.north", "provincial", "North", "ex"]


def test_jurisdictions_add_refuses_a_code_outside_its_parent(places: str) -> None:
    result = netgov(
        "jurisdictions", "add", "south", "--name", "S", "--level", "provincial", "--parent", "ex", "--db", places
    )
    assert result.exit_code == 1
    assert "starts with its parent's" in result.stderr


def test_platforms_list_shows_the_platform_and_its_seat(places: str) -> None:
    result = netgov("platforms", "list", "--db", places)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].split()[:3] == ["chirp", "Chirp", "ex.north"]


def test_platforms_add_refuses_an_existing_id_with_exit_1(places: str) -> None:
    result = netgov("platforms", "add", "chirp", "--name", "Chirp again", "--db", places)
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: the platform 'chirp' exists"


def test_platforms_add_refuses_an_unknown_jurisdiction(places: str) -> None:
    result = netgov("platforms", "add", "other", "--name", "Other", "--jurisdiction", "zz", "--db", places)
    assert result.exit_code == 1
    assert "no jurisdiction 'zz'" in result.stderr


# --- staff ------------------------------------------------------------------------------


def test_staff_create_prints_a_generated_password_that_signs_in(places: str) -> None:
    result = netgov(
        "staff",
        "create",
        "casey",
        "--name",
        "Casey M",
        "--role",
        "reviewer",
        "--jurisdiction",
        "ex.north",
        "--db",
        places,
    )
    assert result.exit_code == 0, result.output
    password = result.stdout.split("password: ")[1].split()[0]
    assert _sign_in(places, "casey", password).principal.name == "Casey M"


def test_staff_create_takes_the_password_from_stdin_and_does_not_print_it(places: str) -> None:
    args = ("staff", "create", "dana", "--name", "Dana", "--role", "platform_admin", "--platform", "chirp")
    result = netgov(*args, "--password-stdin", "--db", places, stdin="a long enough secret\n")
    assert result.exit_code == 0, result.output
    assert "a long enough secret" not in result.output
    assert _sign_in(places, "dana", "a long enough secret").principal.id == "dana"


def test_staff_create_refuses_a_duplicate_username_with_exit_1(places: str) -> None:
    args = ("staff", "create", "casey", "--name", "Casey", "--role", "auditor", "--jurisdiction", "ex", "--db", places)
    assert netgov(*args).exit_code == 0
    result = netgov(*args)
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: a staff account named 'casey' already exists"


def test_staff_create_needs_exactly_one_scope(places: str) -> None:
    result = netgov("staff", "create", "x", "--name", "X", "--role", "auditor", "--db", places)
    assert result.exit_code == 2
    assert "exactly one of --jurisdiction CODE or --platform ID" in result.output


def test_staff_create_refuses_a_platform_role_over_a_jurisdiction(places: str) -> None:
    result = netgov(
        "staff", "create", "x", "--name", "X", "--role", "platform_moderator", "--jurisdiction", "ex", "--db", places
    )
    assert result.exit_code == 1
    assert "the role platform_moderator needs a platform" in result.stderr


def test_staff_create_refuses_an_unknown_jurisdiction(places: str) -> None:
    result = netgov(
        "staff", "create", "x", "--name", "X", "--role", "auditor", "--jurisdiction", "ex.nowhere", "--db", places
    )
    assert result.exit_code == 1
    assert "no jurisdiction 'ex.nowhere'" in result.stderr


def test_staff_create_refuses_a_short_password(places: str) -> None:
    args = ("staff", "create", "x", "--name", "X", "--role", "auditor", "--jurisdiction", "ex", "--password-stdin")
    result = netgov(*args, "--db", places, stdin="short\n")
    assert result.exit_code == 1
    assert "at least 10 characters" in result.stderr


def test_staff_list_shows_each_account_with_its_role_and_scope(places: str) -> None:
    netgov(
        "staff",
        "create",
        "casey",
        "--name",
        "Casey",
        "--role",
        "reviewer",
        "--jurisdiction",
        "ex.north",
        "--db",
        places,
    )
    result = netgov("staff", "list", "--db", places)
    assert result.exit_code == 0
    assert "reviewer for jurisdiction ex.north" in result.stdout.splitlines()[1]


# --- keys -------------------------------------------------------------------------------


def test_keys_issue_prints_a_key_that_authenticates_as_the_platform(places: str) -> None:
    result = netgov("keys", "issue", "chirp", "--name", "ingest", "--db", places)
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert _authenticate(places, token).principal.id == "chirp"


def test_keys_issue_for_an_unknown_platform_exits_1(places: str) -> None:
    result = netgov("keys", "issue", "nosuch", "--db", places)
    assert result.exit_code == 1
    assert "no platform 'nosuch'" in result.stderr


def test_keys_list_shows_the_key_but_never_its_secret(places: str) -> None:
    token = netgov("keys", "issue", "chirp", "--name", "ingest", "--db", places).stdout.strip()
    result = netgov("keys", "list", "--platform", "chirp", "--db", places)
    assert result.exit_code == 0
    lookup, secret = token.split("_")[1], token.split("_", 2)[2]
    row = result.stdout.splitlines()[1]
    assert row.split()[:3] == [lookup, "chirp", "ingest"]
    assert "never" in row
    assert secret not in result.output


def test_a_revoked_key_no_longer_authenticates(places: str) -> None:
    token = netgov("keys", "issue", "chirp", "--db", places).stdout.strip()
    result = netgov("keys", "revoke", token.split("_")[1], "--reason", "leaked in a log", "--db", places)
    assert result.exit_code == 0, result.output
    with pytest.raises(NotAuthenticatedError, match="was revoked"):
        _authenticate(places, token)


def test_keys_revoke_of_an_unknown_key_exits_1(places: str) -> None:
    result = netgov("keys", "revoke", "000000000000", "--reason", "test", "--db", places)
    assert result.exit_code == 1
    assert "no API key '000000000000'" in result.stderr


# --- the audit log ----------------------------------------------------------------------


def test_operator_commands_are_audited_as_the_system_principal_in_an_intact_chain(places: str) -> None:
    token = netgov("keys", "issue", "chirp", "--db", places).stdout.strip()
    netgov("keys", "revoke", token.split("_")[1], "--reason", "rotated", "--db", places)
    database = connect(places)
    try:
        with UnitOfWork(database, write=False) as uow:
            events = list(uow.audit.events())
            report = verify_chain(events)
    finally:
        database.dispose()
    assert report.ok, report.problem
    assert [e.action for e in events] == [
        "jurisdiction.create",
        "jurisdiction.create",
        "platform.create",
        "api_key.issue",
        "api_key.revoke",
    ]
    assert {e.actor for e in events} == {"system:netgov"}
    assert events[-1].reason == "rotated"
