"""The overview's figures: decisions by action, category and platform, within scope."""

from __future__ import annotations

from datetime import timedelta

from netgov.identity.principal import Principal
from netgov.service.overview import Overview, decision_platforms, overview
from netgov.service.staff import principal_of
from tests.service_world import START, World
from tests.web.seeding import seed


def _principal(world: World, username: str) -> Principal:
    with world.runtime.uow() as uow:
        staff = uow.identity.staff_by_username(username)
        assert staff is not None
        return principal_of(uow, staff)


def _overview(world: World, username: str) -> Overview:
    with world.runtime.uow() as uow:
        return overview(uow, principal=_principal(world, username))


def test_a_national_reader_counts_every_decision_by_action_in_ladder_order(world: World) -> None:
    seed(world)
    figures = _overview(world, "admin")
    assert figures.total == 5
    assert figures.by_action == [("allow", 1), ("hold_for_review", 2), ("remove", 2)]


def test_categories_count_restricted_decisions_largest_first(world: World) -> None:
    seed(world)
    assert _overview(world, "admin").by_category == [
        ("DATA_PROTECTION_AND_PRIVACY_VIOLATIONS", 3),
        ("SCAMS_AND_FRAUD", 1),
    ]


def test_a_county_officer_counts_only_their_county(world: World) -> None:
    seed(world)
    figures = _overview(world, "officer_east")
    assert figures.total == 2
    assert figures.by_category == [("DATA_PROTECTION_AND_PRIVACY_VIOLATIONS", 1), ("SCAMS_AND_FRAUD", 1)]


def test_a_platform_moderator_counts_only_their_platform(world: World) -> None:
    seed(world)
    figures = _overview(world, "marketly_moderator")
    assert figures.by_platform == [("marketly", 1)]
    assert figures.by_action == [("remove", 1)]


def test_a_time_window_limits_the_counts(world: World) -> None:
    seed(world)
    with world.runtime.uow() as uow:
        figures = overview(uow, principal=_principal(world, "admin"), since=START + timedelta(minutes=4))
    assert figures.total == 2


def test_no_principal_counts_nothing(world: World) -> None:
    seed(world)
    with world.runtime.uow() as uow:
        assert overview(uow, principal=None) == Overview(total=0, by_action=[], by_category=[], by_platform=[])


def test_platform_choices_are_those_with_visible_decisions(world: World) -> None:
    seed(world)
    with world.runtime.uow() as uow:
        assert decision_platforms(uow, principal=_principal(world, "admin")) == ["chirp", "marketly"]
        assert decision_platforms(uow, principal=_principal(world, "officer_west")) == ["chirp"]
