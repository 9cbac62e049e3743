"""The coverage report from the database: the world's gap and unstaffed office, office loads
from open cases, the reader's scope, retired jurisdictions, and who may read it."""

from __future__ import annotations

import pytest

from netgov.errors import InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.service.coverage_report import CoverageDocument, Destination, GapRow, network_coverage
from netgov.service.jurisdiction_changes import merge
from netgov.service.permissions import SYSTEM
from netgov.store.tables import CaseRow
from tests.service.support import staff
from tests.service_world import World


def _report(world: World, username: str | None = None, **options: object) -> CoverageDocument:
    actor = SYSTEM if username is None else staff(world, username)
    with world.runtime.uow() as uow:
        return network_coverage(uow, actor=actor, **options)  # type: ignore[arg-type]  # options as each test names them


def _open_cases(world: World, office: str, count: int, *, assignee: str | None = None, state: str = "filed") -> None:
    with world.runtime.uow(write=True) as uow:
        staff_id = None
        if assignee is not None:
            member = uow.identity.staff_by_username(assignee)
            assert member is not None
            staff_id = member.id
        uow.cases.add(
            *(
                CaseRow(
                    id=f"{office}-{state}-{assignee}-{index}",
                    source="report",
                    source_ref=f"{office}-{state}-{assignee}-{index}",
                    state=state,
                    jurisdiction_code="ex.south",
                    office_id=office,
                    assignee_id=staff_id,
                    category="SCAMS_AND_FRAUD",
                    severity="high",
                    priority=30,
                    regulation="reg",
                    article="1",
                    opened_at=world.clock(),
                    updated_at=world.clock(),
                )
                for index in range(count)
            )
        )
        uow.commit()


def test_harbour_west_s_work_goes_to_the_harbour_office_one_level_up(shared_world: World) -> None:
    report = _report(shared_world)
    assert report.gaps == [
        GapRow(
            jurisdiction="ex.north.harbour.west",
            name="Harbour West County",
            level="county",
            goes_to=Destination(office="office-harbour", jurisdiction="ex.north.harbour", levels_up=1),
        )
    ]


def test_the_south_office_has_no_staff(shared_world: World) -> None:
    assert [office.office for office in _report(shared_world).unstaffed] == ["office-south"]


def test_levels_count_jurisdictions_offices_and_staffed_offices(shared_world: World) -> None:
    levels = {
        row.level: (row.jurisdictions, row.with_office, row.offices, row.staffed_offices)
        for row in _report(shared_world).levels
    }
    assert levels == {
        "national": (1, 1, 1, 1),
        "provincial": (2, 2, 2, 1),
        "city": (1, 1, 1, 1),
        "county": (2, 1, 1, 1),
    }


def test_an_office_s_open_cases_per_staff_member_over_the_ratio_overload_it(world: World) -> None:
    _open_cases(world, "office-harbour", 3, assignee="reviewer_harbour")
    _open_cases(world, "office-harbour", 2)  # not yet assigned: still the office's load
    _open_cases(world, "office-harbour", 4, state="closed")
    _open_cases(world, "office-south", 7)
    report = _report(world, overload_ratio=4)
    assert [(o.office, o.staff, o.open_cases, o.per_staff) for o in report.overloaded] == [
        ("office-harbour", 1, 5, 5.0)
    ]
    assert [(o.office, o.open_cases) for o in report.unstaffed] == [("office-south", 7)]
    assert _report(world, overload_ratio=5).overloaded == []


def test_an_officer_reads_the_coverage_of_their_subtree_only(shared_world: World) -> None:
    report = _report(shared_world, "officer_north")
    assert report.scope == ["ex.north"]
    assert report.unstaffed == []
    assert [gap.jurisdiction for gap in report.gaps] == ["ex.north.harbour.west"]


def test_a_county_officer_sees_where_their_county_s_work_goes_above_them(shared_world: World) -> None:
    (gap,) = _report(shared_world, "officer_west").gaps
    assert gap.goes_to == Destination(office="office-harbour", jurisdiction="ex.north.harbour", levels_up=1)


def test_under_limits_the_report_and_must_be_within_the_reader_s_scope(shared_world: World) -> None:
    assert _report(shared_world, "supervisor", under="ex.south").gaps == []
    with pytest.raises(PermissionDeniedError, match=r"coverage\.read"):
        _report(shared_world, "officer_north", under="ex.south")
    with pytest.raises(NotFoundError):
        _report(shared_world, "supervisor", under="ex.nowhere")


@pytest.mark.parametrize("username", ["reviewer_harbour", "chirp_admin"])
def test_those_without_coverage_read_are_refused(shared_world: World, username: str) -> None:
    with pytest.raises(PermissionDeniedError, match=r"coverage\.read"):
        _report(shared_world, username)


def test_a_ratio_must_be_above_zero(shared_world: World) -> None:
    with pytest.raises(InvalidRequestError, match="above 0"):
        _report(shared_world, overload_ratio=0.0)


def test_retired_jurisdictions_leave_the_report_and_their_offices_are_listed(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        merge(
            uow,
            actor=SYSTEM,
            codes=["ex.north.harbour.east"],
            into="ex.north.harbour.west",
            reason="r",
            at=world.clock(),
        )
        uow.commit()
    report = _report(world)
    assert [(o.office, o.jurisdiction, o.staff) for o in report.on_retired_jurisdictions] == [
        ("office-east", "ex.north.harbour.east", 1)
    ]
    county = next(row for row in report.levels if row.level == "county")
    assert (county.jurisdictions, county.with_office) == (1, 0)
    assert [gap.jurisdiction for gap in report.gaps] == ["ex.north.harbour.west"]
