"""Jurisdiction and holiday files: parsing, the import plan, level names, and located errors."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netgov.governance.holiday_files import parse_holidays
from netgov.governance.jurisdiction_files import (
    JurisdictionConflictError,
    JurisdictionFileError,
    StoredNode,
    as_level,
    default_level,
    format_of,
    parse,
    plan_import,
)

CSV = """code,name,parent,level
ex.north.harbour,Harbour City,ex.north,
ex,Examplia,,national
ex.north,North,ex,
"""


def _plan_csv(text: str, stored: dict[str, StoredNode] | None = None) -> list[tuple[str, str | None]]:
    plan = plan_import(parse(text, source="t.csv", fmt="csv"), stored or {}, source="t.csv")
    return [(node.code, node.level) for node in plan.create]


def test_parents_are_created_first_and_missing_levels_come_from_depth() -> None:
    assert _plan_csv(CSV) == [("ex", "national"), ("ex.north", "province"), ("ex.north.harbour", "city")]


def test_json_takes_the_same_keys_with_null_or_missing_parent_and_level() -> None:
    text = (
        '[{"code": "ex.a", "name": "A", "parent": "ex"}, {"code": "ex", "name": "Ex", "parent": null, "level": null}]'
    )
    plan = plan_import(parse(text, source="t.json", fmt="json"), {}, source="t.json")
    assert [(n.code, n.level, n.where) for n in plan.create] == [
        ("ex", "country", "item [1]"),
        ("ex.a", "province", "item [0]"),
    ]


def test_depth_beyond_county_is_level_n() -> None:
    assert [default_level(depth) for depth in range(6)] == [
        "country",
        "province",
        "city",
        "county",
        "level 4",
        "level 5",
    ]


def test_a_parent_may_be_a_stored_node_whose_depth_counts() -> None:
    stored = {"ex": StoredNode("ex", "Ex", None, "national"), "ex.n": StoredNode("ex.n", "N", "ex", "provincial")}
    assert _plan_csv("code,name,parent\nex.n.c,C,ex.n\n", stored) == [("ex.n.c", "city")]


def test_identical_stored_nodes_are_skipped_and_different_ones_conflict() -> None:
    stored = {"ex": StoredNode("ex", "Examplia", None, "national")}
    plan = plan_import(parse(CSV, source="t.csv", fmt="csv"), stored, source="t.csv")
    assert plan.unchanged == ("ex",)
    with pytest.raises(
        JurisdictionConflictError,
        match=r"t.csv: line 3: 'ex' exists with other values: name 'Examplia' \(stored: 'Ex'\)",
    ):
        plan_import(
            parse(CSV, source="t.csv", fmt="csv"), {"ex": StoredNode("ex", "Ex", None, "national")}, source="t.csv"
        )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code,name,parent\nx.a,A,x\n", "t.csv: line 2: unknown parent 'x'"),
        ("code,name,parent\na,A,\nb,B,\na,C,\n", "t.csv: line 4: 'a' is listed twice (first at line 2)"),
        ("code,name,parent\na.b,B,a.c\na.c,C,a.b\n", "t.csv: line 2: the parents form a cycle: a.b -> a.c -> a.b"),
        ("code,name,parent\na,A,\nb.x,X,a\n", "t.csv: line 3: code 'b.x' does not extend its parent's code"),
        ("code,name,level\na,A,Big Level!\n", "t.csv: line 2: level 'Big Level!' is not 1-40 characters"),
        ("code,name,level\na,A," + "x" * 41 + "\n", "t.csv: line 2: level 'x"),
        ("code,name\nA B,Ab\n", "t.csv: line 2: code 'A B' is not dot-separated segments"),
        ("code,name\na,\n", "t.csv: line 2: the name is empty"),
        ("code,name\na,A,extra\n", "t.csv: line 2: 3 fields where the header has 2"),
        ("code,nom\na,A\n", "t.csv: line 1: unknown column 'nom'; missing column name"),
        ("", "t.csv: line 1: no header"),
        ("code,name\n", "t.csv: the file lists no jurisdictions"),
        ('code,name\n"a,A\n', "t.csv: line 2: not valid CSV"),
    ],
    ids=[
        "unknown parent",
        "duplicate",
        "cycle",
        "code outside the parent",
        "bad level",
        "long level",
        "bad code",
        "empty name",
        "extra field",
        "bad header",
        "empty file",
        "no rows",
        "broken quoting",
    ],
)
def test_a_malformed_csv_names_the_file_the_line_and_the_problem(text: str, message: str) -> None:
    with pytest.raises(JurisdictionFileError) as refused:
        plan_import(parse(text, source="t.csv", fmt="csv"), {}, source="t.csv")
    assert str(refused.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"code": "a"}', "t.json: expected a JSON list of objects"),
        ("[1]", "t.json: item [0]: expected an object"),
        ('[{"code": "a", "name": "A", "parnet": "x"}]', "t.json: item [0]: unknown field 'parnet'"),
        ('[{"code": "a", "name": 7}]', "t.json: item [0]: name must be a string or null"),
        ('[{"code": "a", "name": "A"},\n {"code": "b" "name": "B"}]', "t.json: line 2: not valid JSON"),
        (
            '[{"code": "a", "name": "A"}, {"code": "a.b", "name": "B", "parent": "z"}]',
            "t.json: item [1]: unknown parent 'z'",
        ),
    ],
    ids=["not a list", "not an object", "unknown field", "wrong type", "syntax", "unknown parent"],
)
def test_a_malformed_json_file_names_the_item_or_line(text: str, message: str) -> None:
    with pytest.raises(JurisdictionFileError) as refused:
        plan_import(parse(text, source="t.json", fmt="json"), {}, source="t.json")
    assert str(refused.value).startswith(message)


def test_a_retired_parent_takes_no_children() -> None:
    stored = {"ex": StoredNode("ex", "Ex", None, "national", retired=True)}
    with pytest.raises(JurisdictionFileError, match="line 2: the parent 'ex' is retired"):
        _plan_csv("code,name,parent\nex.a,A,ex\n", stored)


def test_the_format_comes_from_the_extension_or_is_named() -> None:
    assert (format_of("a.CSV", None), format_of("a.txt", "json")) == ("csv", "json")
    with pytest.raises(JurisdictionFileError, match=r"a\.txt: cannot tell the format"):
        format_of("a.txt", None)


@pytest.mark.parametrize(
    ("iso_type", "level"),
    [
        ("Province", "province"),
        ("Autonomous region", "autonomous region"),
        ("Chain (of islands)", "chain of islands"),
        ("Metropolitan collectivity with special status", "metropolitan collectivity with special"),
        ("", "subdivision"),
    ],
)
def test_free_text_is_made_a_level_name(iso_type: str, level: str) -> None:
    assert as_level(iso_type) == level


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab.,"\n\r\x00-_ Zé0;{}[]:'), max_size=80))
def test_any_csv_text_parses_or_is_refused_with_a_file_error(text: str) -> None:
    refusal = _refusal("code,name,parent,level\n" + text, fmt="csv")
    assert refusal is None or refusal.startswith("t.csv: ")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_json_text_parses_or_is_refused_with_a_file_error(text: str) -> None:
    refusal = _refusal(text, fmt="json")
    assert refusal is None or refusal.startswith("t.json")


def _refusal(text: str, *, fmt: str) -> str | None:
    """The file error's message, None when the text is a valid file; anything else escapes."""
    source = f"t.{fmt}"
    try:
        plan_import(parse(text, source=source, fmt=fmt), {}, source=source)
    except JurisdictionFileError as error:
        return str(error)
    return None


def test_a_holiday_file_without_a_jurisdiction_column_takes_the_option() -> None:
    (holiday,) = parse_holidays("date,name\n2026-12-25,Christmas\n", source="h.csv", jurisdiction="ex")
    assert (holiday.jurisdiction, holiday.day, holiday.name) == ("ex", date(2026, 12, 25), "Christmas")


@pytest.mark.parametrize(
    ("text", "jurisdiction", "message"),
    [
        ("date,name\n2026-02-30,X\n", "ex", "h.csv: line 2: date '2026-02-30' is not YYYY-MM-DD"),
        ("date,name\n2026-01-01,X\n", None, "h.csv: line 2: no jurisdiction"),
        ("jurisdiction,date,name\nex,2026-01-01,X\n", "ex", "h.csv: line 1: the file has a jurisdiction column"),
        ("day,name\n", "ex", "h.csv: line 1: unknown column 'day'; missing column date"),
    ],
)
def test_a_malformed_holiday_file_is_located(text: str, jurisdiction: str | None, message: str) -> None:
    with pytest.raises(JurisdictionFileError) as refused:
        parse_holidays(text, source="h.csv", jurisdiction=jurisdiction)
    assert str(refused.value).startswith(message)
