"""The enforcement network from the command line: importing the tree, changing it with history,
offices, holidays, staff seats and the coverage report, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netgov.cli.main import cli
from tests.service_world import World

TREE = """code,name,parent,level
ex.north.harbour,Harbour City,ex.north,city
ex,Examplia,,national
ex.north,North Province,ex,provincial
ex.north.harbour.east,Harbour East County,ex.north.harbour,county
ex.north.harbour.west,Harbour West County,ex.north.harbour,county
ex.south,South Province,ex,provincial
"""


def netgov(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def ok(*args: str) -> str:
    result = netgov(*args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def tree(database: str, tmp_path: Path) -> str:
    """A migrated database with the test world's tree, imported from a CSV file."""
    ok("db", "upgrade", "--db", database)
    (tmp_path / "tree.csv").write_text(TREE, encoding="utf-8")
    assert ok("jurisdictions", "import", str(tmp_path / "tree.csv"), "--db", database).endswith(
        "6 jurisdictions added, 0 already there\n"
    )
    return database


@pytest.fixture
def network(world: World) -> str:
    """The database of the test world (``tests.service_world``): its tree, offices and seats."""
    return world.runtime.settings.resolved_database_url


def test_importing_the_file_again_adds_nothing(tree: str, tmp_path: Path) -> None:
    assert "0 jurisdictions added, 6 already there" in ok(
        "jurisdictions", "import", str(tmp_path / "tree.csv"), "--db", tree
    )


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.csv", "code,name,parent\nex.x.y,Y,ex.x\n", "bad.csv: line 2: unknown parent 'ex.x'"),
        ("bad.txt", "code,name\n", "bad.txt: cannot tell the format from the name"),
    ],
)
def test_a_malformed_file_is_refused_with_its_name_line_and_problem(
    tree: str, tmp_path: Path, name: str, text: str, message: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = netgov("jurisdictions", "import", str(tmp_path / name), "--db", tree)
    assert result.exit_code == 1
    assert f"error: {tmp_path / name}: " in result.output
    assert message.split(": ", 1)[1] in result.output


def test_an_iso_country_loads_under_an_existing_node(tree: str) -> None:
    assert "8 jurisdictions added" in ok("jurisdictions", "import", "--iso", "AD", "--under", "ex", "--db", tree)
    listing = ok("jurisdictions", "list", "--db", tree)
    assert any(line.split()[:3] == ["ex.ad.02", "parish", "Canillo"] for line in listing.splitlines())


def test_a_split_retires_the_county_which_the_list_marks_and_the_history_tells(tree: str) -> None:
    out = ok(
        "jurisdictions",
        "split",
        "ex.north.harbour.west",
        "--into",
        "ex.north.harbour.docks=Docks",
        "--into",
        "ex.north.harbour.hills=Hills",
        "--reason",
        "reform",
        "--db",
        tree,
    )
    assert "split: retired ex.north.harbour.west; created ex.north.harbour.docks, ex.north.harbour.hills" in out
    west = next(
        line
        for line in ok("jurisdictions", "list", "--db", tree).splitlines()
        if line.startswith("ex.north.harbour.west ")
    )
    assert "retired" in west
    assert "ex.north.harbour.west" not in ok("jurisdictions", "list", "--active", "--db", tree)
    (created, split) = json.loads(
        ok("jurisdictions", "history", "ex.north.harbour.west", "--format", "json", "--db", tree)
    )
    assert (created["kind"], split["kind"], split["reason"]) == ("create", "split", "reform")


def test_retiring_a_node_with_children_is_refused(tree: str) -> None:
    result = netgov("jurisdictions", "retire", "ex.north", "--reason", "r", "--db", tree)
    assert result.exit_code == 1
    assert "error: ex.north still has active children (ex.north.harbour)" in result.output


def test_merge_rename_and_move_print_what_changed(network: str) -> None:
    renamed = ok("jurisdictions", "rename", "ex.south", "--name", "Southern Province", "--reason", "r", "--db", network)
    assert "renamed ex.south: Southern Province" in renamed
    merged = ok(
        "jurisdictions",
        "merge",
        "ex.north.harbour.west",
        "--into",
        "ex.north.harbour.east",
        "--reason",
        "r",
        "--db",
        network,
    )
    assert "merge: retired ex.north.harbour.west; created -" in merged
    out = ok("jurisdictions", "move", "ex.north.harbour", "--to", "ex.south", "--reason", "boundary", "--db", network)
    assert "moved ex.north.harbour -> ex.south.harbour\nmoved ex.north.harbour.east -> ex.south.harbour.east" in out
    offices = {line.split()[0]: line for line in ok("offices", "list", "--db", network).splitlines()}
    assert "ex.south.harbour " in offices["office-harbour"]


def test_offices_keep_working_hours_that_are_checked(network: str) -> None:
    out = ok("offices", "hours", "office-south", "--timezone", "Europe/Paris", "--opens", "08:30", "--db", network)
    assert "office office-south: 08:30-17:00 Europe/Paris days 0,1,2,3,4" in out
    refused = netgov("offices", "hours", "office-south", "--weekdays", "1,9", "--db", network)
    assert refused.exit_code == 1
    assert "error: weekdays: '1,9' is not a comma-separated list" in refused.output
    offices = {line.split()[0]: line.split() for line in ok("offices", "list", "--db", network).splitlines()}
    assert offices["office-harbour"][-6:] == ["ex.north.harbour", "09:00-17:00", "UTC", "days", "0,1,2,3,4", "1"]
    assert offices["office-south"][-1] == "0"


def test_an_office_is_added_with_its_hours_and_moved(network: str) -> None:
    out = ok(
        "offices",
        "add",
        "office-west",
        "--name",
        "West",
        "--jurisdiction",
        "ex.north.harbour.west",
        "--closes",
        "16:00",
        "--db",
        network,
    )
    assert "added office office-west in ex.north.harbour.west: 09:00-16:00 UTC days 0,1,2,3,4" in out
    assert "office office-west now sits in ex.north.harbour" in ok(
        "offices", "move", "office-west", "--to", "ex.north.harbour", "--db", network
    )


def test_holidays_are_added_imported_and_listed(network: str, tmp_path: Path) -> None:
    assert "ex: 2026-12-25 Christmas Day" in ok("holidays", "add", "ex", "2026-12-25", "Christmas Day", "--db", network)
    (tmp_path / "h.csv").write_text("jurisdiction,date,name\nex,2026-01-01,New Year\nex.south,2026-05-02,South Day\n")
    assert "2 holidays added, 0 already there" in ok("holidays", "import", str(tmp_path / "h.csv"), "--db", network)
    assert ok("holidays", "list", "--jurisdiction", "ex", "--db", network).splitlines()[1:] == [
        "ex            2026-01-01  New Year",
        "ex            2026-12-25  Christmas Day",
    ]
    (tmp_path / "bad.csv").write_text("date,name\n2026-13-01,X\n")
    refused = netgov("holidays", "import", str(tmp_path / "bad.csv"), "--jurisdiction", "ex", "--db", network)
    assert refused.exit_code == 1
    assert "bad.csv: line 2: date '2026-13-01' is not YYYY-MM-DD" in refused.output


def test_staff_are_seated_with_a_capacity_that_the_list_shows(network: str) -> None:
    assert "reviewer_harbour: office-harbour, capacity 15" in ok(
        "staff", "seat", "reviewer_harbour", "--capacity", "15", "--db", network
    )
    rows = {line.split()[0]: line for line in ok("staff", "list", "--db", network).splitlines()}
    assert "office-harbour  15" in rows["reviewer_harbour"]
    assert "office-ex       20" in rows["supervisor"]
    refused = netgov("staff", "seat", "reviewer_harbour", "--office", "office-south", "--db", network)
    assert refused.exit_code == 1
    assert "none of the account's grants covers" in refused.output


def test_staff_create_seats_the_new_account(network: str) -> None:
    args = ["--role", "regulator_officer", "--jurisdiction", "ex.south", "--office", "office-south", "--capacity", "5"]
    assert "seated in office-south" in ok("staff", "create", "sol", "--name", "Sol", *args, "--db", network)
    assert "office-south" not in ok("coverage", "--db", network).split("offices without staff")[1]


def test_the_coverage_table_shows_the_gap_and_the_unstaffed_office(network: str) -> None:
    out = ok("coverage", "--db", network)
    assert (
        "ex.north.harbour.west Harbour West County (county) -> office-harbour in ex.north.harbour (1 level up)" in out
    )
    assert "offices without staff: 1\n  office-south (ex.south): 0 open" in out


def test_the_coverage_json_is_the_api_document(network: str) -> None:
    document = json.loads(
        ok("coverage", "--format", "json", "--under", "ex.north", "--overload-ratio", "3", "--db", network)
    )
    assert (document["scope"], document["overload_ratio"], document["unstaffed"]) == (["ex.north"], 3.0, [])
    (gap,) = document["gaps"]
    assert gap["goes_to"] == {"office": "office-harbour", "jurisdiction": "ex.north.harbour", "levels_up": 1}
    assert netgov("coverage", "--overload-ratio", "0", "--db", network).exit_code == 2
