"""Routing: office by jurisdiction, staff by workload, priority by source and severity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netgov.core.actions import Severity
from netgov.governance.routing import (
    JurisdictionTree,
    Office,
    OfficeDirectory,
    Routed,
    StaffMember,
    UncoveredJurisdictionError,
    UnknownJurisdictionError,
    Workload,
    assign,
    priority,
    route_case,
)
from netgov.identity.principal import within

PAIRS: list[tuple[str, str | None]] = [
    ("ex", None),
    ("ex.north", "ex"),
    ("ex.north.harbour", "ex.north"),
    ("ex.north.harbour.east", "ex.north.harbour"),
    ("ex.north.harbour.west", "ex.north.harbour"),
    ("ex.south", "ex"),
    ("ex.south.hillview", "ex.south"),
    ("ex.south.hillview.lake", "ex.south.hillview"),
]
OFFICES = [
    Office("office.ex", "ex"),
    Office("office.north", "ex.north"),
    Office("office.harbour", "ex.north.harbour"),
    Office("office.east", "ex.north.harbour.east"),
    Office("office.south", "ex.south"),
]


def directory() -> OfficeDirectory:
    return OfficeDirectory(JurisdictionTree(PAIRS), OFFICES)


def member(
    staff_id: str,
    *,
    office: str = "office.harbour",
    roles: frozenset[str] = frozenset({"reviewer"}),
    capacity: int = 10,
    open_cases: int = 0,
    certifications: frozenset[str] = frozenset({"fraud"}),
) -> StaffMember:
    return StaffMember(staff_id, office, roles, capacity, open_cases, certifications)


def pick(*staff: StaffMember, category: str = "fraud", role: str = "reviewer", certified: bool = True) -> str | None:
    return assign("office.harbour", category=category, role=role, staff=staff, require_certification=certified)


def test_ancestors_are_listed_nearest_first() -> None:
    assert JurisdictionTree(PAIRS).ancestors("ex.north.harbour.east") == ("ex.north.harbour", "ex.north", "ex")


def test_a_missing_parent_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"names parent 'ex.west', which is not in the tree"):
        JurisdictionTree([("ex", None), ("ex.west.bay", "ex.west")])


def test_a_cycle_is_rejected() -> None:
    with pytest.raises(ValueError, match="cycle"):
        JurisdictionTree([("a.b", "a"), ("a", "a.b")])


def test_a_duplicate_code_is_rejected() -> None:
    with pytest.raises(ValueError, match="listed twice"):
        JurisdictionTree([("ex", None), ("ex", None)])


def test_a_child_code_must_extend_its_parents() -> None:
    with pytest.raises(ValueError, match="must extend its parent's code"):
        JurisdictionTree([("ex", None), ("other", "ex")])


def test_several_roots_are_allowed() -> None:
    tree = JurisdictionTree([("ex", None), ("zy", None), ("zy.a", "zy")])
    assert tree.ancestors("zy.a") == ("zy",)


def test_a_county_with_its_own_office_routes_there() -> None:
    assert directory().route("ex.north.harbour.east") == Routed("office.east", "ex.north.harbour.east", 0)


def test_a_county_without_an_office_falls_back_to_its_city() -> None:
    assert directory().route("ex.north.harbour.west") == Routed("office.harbour", "ex.north.harbour", 1)


def test_a_city_without_an_office_falls_back_to_its_province() -> None:
    assert directory().route("ex.south.hillview") == Routed("office.south", "ex.south", 1)


def test_fallback_climbs_as_many_levels_as_needed() -> None:
    assert directory().route("ex.south.hillview.lake") == Routed("office.south", "ex.south", 2)


def test_an_unknown_jurisdiction_is_a_clear_error() -> None:
    with pytest.raises(UnknownJurisdictionError, match=r"unknown jurisdiction 'ex.nowhere'"):
        directory().route("ex.nowhere")


def test_a_jurisdiction_no_office_covers_is_a_clear_error() -> None:
    offices = OfficeDirectory(JurisdictionTree(PAIRS), [Office("office.north", "ex.north")])
    with pytest.raises(UncoveredJurisdictionError, match=r"no office covers jurisdiction 'ex.south'"):
        offices.route("ex.south")


def test_of_several_offices_on_one_node_the_smallest_id_takes_the_case() -> None:
    offices = OfficeDirectory(JurisdictionTree(PAIRS), [Office("b", "ex"), Office("a", "ex")])
    assert offices.route("ex.north").office == "a"


def test_an_office_in_an_unknown_jurisdiction_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"unknown jurisdiction 'ex.west'"):
        OfficeDirectory(JurisdictionTree(PAIRS), [Office("office.west", "ex.west")])


def test_the_lowest_load_ratio_wins() -> None:
    assert pick(member("a", open_cases=5, capacity=10), member("b", open_cases=3, capacity=4)) == "a"


def test_equal_load_ratios_go_to_the_smallest_id() -> None:
    assert pick(member("b", open_cases=1, capacity=2), member("a", open_cases=2, capacity=4)) == "a"


def test_a_member_at_capacity_gets_nothing() -> None:
    assert pick(member("a", open_cases=4, capacity=4), member("b", open_cases=9, capacity=10)) == "b"


def test_a_member_without_the_role_gets_nothing() -> None:
    assert pick(member("a", roles=frozenset({"officer"})), member("b", open_cases=5)) == "b"


def test_a_member_without_the_certification_gets_nothing_when_it_is_required() -> None:
    assert pick(member("a", certifications=frozenset()), member("b", open_cases=5)) == "b"


def test_certification_is_ignored_when_not_required() -> None:
    assert pick(member("a", certifications=frozenset()), member("b", open_cases=5), certified=False) == "a"


def test_members_of_other_offices_get_nothing() -> None:
    assert pick(member("a", office="office.east"), member("b", open_cases=5)) == "b"


def test_nobody_eligible_gives_none() -> None:
    assert pick(member("a", capacity=0), member("b", roles=frozenset())) is None


def test_negative_capacity_is_rejected() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        member("a", capacity=-1)


def test_repeated_assignment_spreads_cases_by_load() -> None:
    workload = Workload([member("a", capacity=2), member("b", capacity=4)])
    picks = [workload.assign("office.harbour", category="fraud", role="reviewer") for _ in range(7)]
    assert picks == ["a", "b", "b", "a", "b", "b", None]


def test_a_released_case_makes_room_again() -> None:
    workload = Workload([member("a", capacity=1)])
    workload.assign("office.harbour", category="fraud", role="reviewer")
    workload.release("a")
    assert workload.assign("office.harbour", category="fraud", role="reviewer") == "a"


def test_releasing_with_nothing_open_is_rejected() -> None:
    with pytest.raises(ValueError, match="no open case"):
        Workload([member("a")]).release("a")


def test_trusted_flaggers_come_before_any_severity() -> None:
    assert priority(Severity.LOW, "inspection", True) > priority(Severity.CRITICAL, "order", False)


def test_severity_comes_before_the_source() -> None:
    assert priority(Severity.HIGH, "inspection", False) > priority(Severity.MEDIUM, "order", False)


def test_orders_come_before_reports_holds_appeals_and_inspections() -> None:
    ranks = [priority(Severity.HIGH, source, False) for source in ("order", "report", "hold", "appeal", "inspection")]
    assert ranks == sorted(ranks, reverse=True)
    assert len(set(ranks)) == 5


def test_an_unknown_source_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown case source 'rumour'"):
        priority(Severity.HIGH, "rumour", False)


def test_route_case_names_office_fallback_staff_and_priority() -> None:
    workload = Workload([member("a"), member("z", office="office.south")])
    routing = route_case(
        directory(),
        workload,
        jurisdiction="ex.north.harbour.west",
        category="fraud",
        role="reviewer",
        severity=Severity.HIGH,
        source="report",
    )
    assert (routing.office, routing.fell_back_levels, routing.staff) == ("office.harbour", 1, "a")
    assert routing.priority == priority(Severity.HIGH, "report", False)


@st.composite
def forests(draw: st.DrawFn) -> tuple[JurisdictionTree, list[Office]]:
    parents = draw(st.lists(st.integers(min_value=-1, max_value=30), min_size=1, max_size=30))
    codes: list[str] = []
    pairs: list[tuple[str, str | None]] = []
    for index, raw in enumerate(parents):
        parent = None if raw < 0 or index == 0 else codes[raw % index]
        codes.append(f"n{index}" if parent is None else f"{parent}.n{index}")
        pairs.append((codes[-1], parent))
    placed = draw(st.lists(st.sampled_from(codes), max_size=len(codes)))
    return JurisdictionTree(pairs), [Office(f"o{i}", code) for i, code in enumerate(placed)]


@settings(max_examples=60, deadline=None)
@given(forests())
def test_the_routed_office_covers_the_case_and_none_lower_does(forest: tuple[JurisdictionTree, list[Office]]) -> None:
    tree, offices = forest
    routes = OfficeDirectory(tree, offices)
    for code in tree.codes:
        routed = routes.covering(code)
        covering = [office for office in offices if within(code, office.jurisdiction)]
        if routed is None:
            assert covering == []
            continue
        assert within(code, routed.jurisdiction_of_office)
        assert all(within(routed.jurisdiction_of_office, office.jurisdiction) for office in covering)


OPS = st.lists(st.tuples(st.booleans(), st.sampled_from(["fraud", "threat"]), st.sampled_from(["r", "o"])), max_size=80)
STAFF = st.lists(
    st.builds(
        StaffMember,
        id=st.sampled_from("abcdef"),
        office=st.sampled_from(["x", "y"]),
        roles=st.frozensets(st.sampled_from(["r", "o"])),
        capacity=st.integers(min_value=0, max_value=4),
        open_cases=st.integers(min_value=0, max_value=4),
        certifications=st.frozensets(st.sampled_from(["fraud", "threat"])),
    ),
    unique_by=lambda m: m.id,
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(STAFF, OPS, st.booleans())
def test_repeated_assignment_matches_a_scan_and_never_exceeds_capacity(
    staff: list[StaffMember], ops: list[tuple[bool, str, str]], certified: bool
) -> None:
    workload = Workload(staff, require_certification=certified)
    for is_assign, category, role in ops:
        current = workload.snapshot()
        if is_assign:
            expected = assign("x", category=category, role=role, staff=current, require_certification=certified)
            assert workload.assign("x", category=category, role=role) == expected
        else:
            releasable = [m.id for m in current if m.open_cases > 0]
            if releasable:
                workload.release(releasable[0])
        assert all(
            m.open_cases <= max(m.capacity, start.open_cases)
            for m, start in zip(workload.snapshot(), staff, strict=True)
        )
