"""`netgov statements list|show` against the test world's database, as the operator and as staff."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from click.testing import CliRunner, Result

from netgov.cli.main import cli
from netgov.core.content import Account, Content
from netgov.service.intake_batch import Item
from tests.databases import BACKENDS, database_url
from tests.service.support import submit
from tests.service_world import World, open_world

Run = Callable[..., Result]
CRYPTO_DOUBLING = "We are giving back: send any amount between 0.1 and 20 SOL and we will send back double."


@pytest.fixture(scope="module", params=BACKENDS)
def shared_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    data_dir = tmp_path_factory.mktemp("cli-statements")
    for url in database_url(request.param, data_dir):
        for world in open_world(url, data_dir):
            for n, platform in enumerate(["chirp", "chirp", "marketly"]):
                content = Content(id=f"cs-{n}", platform=platform, text=CRYPTO_DOUBLING, account=Account(id=f"u-{n}"))
                submit(world, Item(content=content, jurisdiction="ex.south", actor=f"platform:{platform}"))
            yield world


@pytest.fixture
def netgov(shared_world: World) -> Run:
    url = str(shared_world.runtime.database.url.render_as_string(hide_password=False))
    return lambda *args: CliRunner().invoke(cli, [*args, "--db", url])


def test_the_operator_lists_every_statement(netgov: Run) -> None:
    result = netgov("statements", "list")
    assert result.exit_code == 0, result.output
    assert {"cs-0", "cs-1", "cs-2"} <= set(result.output.split())


def test_a_platform_moderator_lists_only_their_platforms(netgov: Run) -> None:
    result = netgov("statements", "list", "--as", "marketly_moderator", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [s["content_id"] for s in json.loads(result.output)] == ["cs-2"]


def test_the_list_pages_with_the_printed_cursor(netgov: Run) -> None:
    first = netgov("statements", "list", "--platform", "chirp", "--limit", "1")
    cursor = first.output.rsplit("--cursor ", 1)[1].strip()
    second = netgov("statements", "list", "--platform", "chirp", "--limit", "1", "--cursor", cursor)
    assert second.exit_code == 0, second.output
    assert {"cs-0", "cs-1"} <= set(first.output.split()) | set(second.output.split())


def test_show_prints_the_grounds_text_and_redress(netgov: Run) -> None:
    listed = json.loads(netgov("statements", "list", "--content", "cs-0", "--format", "json").output)
    result = netgov("statements", "show", listed[0]["id"])
    assert result.exit_code == 0, result.output
    assert "remove of chirp/cs-0 (account u-0)" in result.output
    assert "ground: MOSR Art. 7 (Fraud and scams): Content that offers" in result.output
    assert "redress: Internal complaint" in result.output


def test_show_of_an_unknown_statement_exits_1_with_the_reason(netgov: Run) -> None:
    result = netgov("statements", "show", "sor_nope")
    assert result.exit_code == 1
    assert "no statement of reasons 'sor_nope'" in result.output


def test_a_bad_since_is_refused_by_the_option(netgov: Run) -> None:
    result = netgov("statements", "list", "--since", "last tuesday")
    assert result.exit_code == 2
    assert "--since" in result.output
