"""Coverage with stored level names, office loads counted from all open cases, and a scope."""

from __future__ import annotations

from netgov.governance.coverage import Gap, LevelCount, OfficeLoad, coverage
from tests.governance.test_coverage import OFFICES, STAFF, TREE

NAMES = {
    "ex": "country",
    "ex.north": "province",
    "ex.south": "municipality",
    "ex.north.harbour": "city",
    "ex.south.hillview": "city",
    "ex.north.harbour.east": "county",
    "ex.north.harbour.west": "county",
    "ex.south.hillview.lake": "county",
}


def test_levels_are_named_as_stored_and_counted_by_name_shallowest_first() -> None:
    report = coverage(TREE, OFFICES, STAFF, overload_ratio=10, levels=NAMES)
    assert report.levels == (
        LevelCount("country", 1, 1, 1),
        LevelCount("municipality", 1, 1, 1),
        LevelCount("province", 1, 1, 1),
        LevelCount("city", 2, 1, 1),
        LevelCount("county", 3, 1, 1),
    )
    assert report.staffed_offices == {"country": 0, "municipality": 1, "province": 0, "city": 1, "county": 1}
    assert Gap("ex.south.hillview", "city", "office.south", 1) in report.gaps


def test_an_office_s_load_counts_its_unassigned_cases_when_given() -> None:
    report = coverage(TREE, OFFICES, STAFF, overload_ratio=10, office_open={"office.south": 40, "office.east": 3})
    assert report.overloaded == (OfficeLoad("office.south", "ex.south", 1, 40),)


def test_a_scope_limits_the_report_but_not_where_work_goes() -> None:
    report = coverage(TREE, OFFICES, STAFF, overload_ratio=10, scope=["ex.north.harbour"])
    assert report.gaps == (Gap("ex.north.harbour.west", "county", "office.harbour", 1),)
    assert report.unstaffed == ()
    assert [count.level for count in report.levels] == ["city", "county"]
    only_west = coverage(TREE, OFFICES, STAFF, overload_ratio=10, scope=["ex.north.harbour.west"])
    assert only_west.gaps == (Gap("ex.north.harbour.west", "county", "office.harbour", 1),)
    assert only_west.overloaded == ()
