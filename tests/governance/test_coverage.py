"""Coverage: gaps in the office network, overloaded offices, counts per level."""

from __future__ import annotations

from netgov.governance.coverage import CoverageReport, Gap, LevelCount, OfficeLoad, coverage
from netgov.governance.routing import JurisdictionTree, Office, OfficeDirectory, StaffMember

TREE = JurisdictionTree(
    [
        ("ex", None),
        ("ex.north", "ex"),
        ("ex.north.harbour", "ex.north"),
        ("ex.north.harbour.east", "ex.north.harbour"),
        ("ex.north.harbour.west", "ex.north.harbour"),
        ("ex.south", "ex"),
        ("ex.south.hillview", "ex.south"),
        ("ex.south.hillview.lake", "ex.south.hillview"),
    ]
)
OFFICES = OfficeDirectory(
    TREE,
    [
        Office("office.ex", "ex"),
        Office("office.north", "ex.north"),
        Office("office.harbour", "ex.north.harbour"),
        Office("office.east", "ex.north.harbour.east"),
        Office("office.south", "ex.south"),
    ],
)


def staff(staff_id: str, office: str, open_cases: int) -> StaffMember:
    return StaffMember(staff_id, office, frozenset({"reviewer"}), 50, open_cases, frozenset())


STAFF = [
    staff("a", "office.harbour", 30),
    staff("b", "office.harbour", 20),
    staff("c", "office.south", 5),
    staff("d", "office.east", 12),
]


def report() -> CoverageReport:
    return coverage(TREE, OFFICES, STAFF, overload_ratio=10)


def test_jurisdictions_without_an_office_name_where_their_work_goes() -> None:
    assert report().gaps == (
        Gap("ex.south.hillview", "city", "office.south", 1),
        Gap("ex.north.harbour.west", "county", "office.harbour", 1),
        Gap("ex.south.hillview.lake", "county", "office.south", 2),
    )


def test_a_jurisdiction_nothing_covers_is_a_gap_with_no_destination() -> None:
    offices = OfficeDirectory(TREE, [Office("office.north", "ex.north")])
    gaps = coverage(TREE, offices, [], overload_ratio=10).gaps
    assert Gap("ex.south", "province", None, 0) in gaps


def test_offices_over_the_ratio_are_listed_most_loaded_first() -> None:
    assert report().overloaded == (
        OfficeLoad("office.harbour", "ex.north.harbour", 2, 50),
        OfficeLoad("office.east", "ex.north.harbour.east", 1, 12),
    )


def test_offices_without_staff_are_listed() -> None:
    assert report().unstaffed == ("office.ex", "office.north")


def test_counts_are_given_per_level() -> None:
    assert report().levels == (
        LevelCount("national", 1, 1, 1),
        LevelCount("province", 2, 2, 2),
        LevelCount("city", 2, 1, 1),
        LevelCount("county", 3, 1, 1),
    )


def test_the_table_lists_levels_overloads_and_gaps() -> None:
    table = report().render_table()
    assert "county                 3           1       1" in table
    assert "office.harbour (ex.north.harbour): 50 open, 2 staff, 25.0 per staff member" in table
    assert "offices without staff: 2\n  office.ex\n  office.north" in table
    assert "ex.south.hillview.lake (county) -> office.south (2 levels up)" in table
