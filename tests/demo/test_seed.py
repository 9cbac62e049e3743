"""Seeding the demo world: through the services, audited, with every post decided and stored."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from netgov.audit.chain import verify_chain
from netgov.demo import ROLES, GrantSeed, demo_world
from netgov.demo.redress import POSTS as STORY_POSTS
from netgov.demo.seed import DemoCredentials, grant_of, seed_demo
from netgov.identity import Grant, Role
from netgov.identity.secrets import Passwords
from netgov.service.api_keys import authenticate_key
from netgov.service.runtime import Runtime
from netgov.service.sign_in import sign_in
from netgov.service.staff import principal_of
from netgov.settings import Settings
from netgov.store.database import connect
from netgov.store.schema import upgrade
from netgov.store.tables import ContentRow, DecisionRow
from tests.service_world import START, Clock, bundled_rulebook

POSTS = 200


@dataclass
class Seeded:
    runtime: Runtime
    credentials: DemoCredentials


@pytest.fixture
def seeded(database: str, tmp_path: Path) -> Iterator[Seeded]:
    schema = connect(database)
    upgrade(schema)
    schema.dispose()
    cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    settings = Settings(database_url=database, data_dir=tmp_path)
    runtime = Runtime.open(settings, clock=Clock(), rulebook=bundled_rulebook(), passwords=cheap)
    try:
        yield Seeded(runtime, seed_demo(runtime, posts=POSTS, seed=7, now=START))
    finally:
        runtime.close()


def test_seeding_creates_every_jurisdiction_office_and_platform_of_the_world(seeded: Seeded) -> None:
    world = demo_world()
    with seeded.runtime.uow() as uow:
        assert [j.code for j in uow.places.jurisdictions()] == sorted(j.code for j in world.jurisdictions)
        assert sorted(o.id for o in uow.places.offices()) == sorted(o.id for o in world.offices)
        assert {(p.id, p.jurisdiction_code) for p in uow.places.platforms()} == {
            (p.id, p.jurisdiction) for p in world.platforms
        }


def test_every_seeded_staff_account_holds_the_grants_of_its_seed(seeded: Seeded) -> None:
    expected = {person.username: tuple(grant_of(g) for g in person.roles) for person in demo_world().staff}
    with seeded.runtime.uow() as uow:
        held = {staff.username: principal_of(uow, staff).grants for staff in uow.identity.all_staff()}
    assert held == expected


def test_every_returned_password_signs_its_account_in(seeded: Seeded) -> None:
    runtime = seeded.runtime
    for login in seeded.credentials.staff:
        with runtime.uow(write=True) as uow:
            signed = sign_in(
                uow,
                username=login.username,
                password=login.password,
                passwords=runtime.passwords,
                policy=runtime.lockout,
                lifetime=runtime.session_lifetime,
                at=START,
            )
        assert signed.principal.id == login.username


def test_every_returned_key_authenticates_as_its_platform(seeded: Seeded) -> None:
    assert [key.platform for key in seeded.credentials.keys] == [p.id for p in demo_world().platforms]
    for key in seeded.credentials.keys:
        with seeded.runtime.uow() as uow:
            assert authenticate_key(uow, key.token).principal.id == key.platform


def test_every_post_is_decided_and_stored_with_its_county(seeded: Seeded) -> None:
    counties = {county.code for county in demo_world().counties()}
    with seeded.runtime.uow() as uow:
        decided = uow.session.scalar(select(func.count()).select_from(DecisionRow))
        places = set(uow.session.scalars(select(ContentRow.jurisdiction).distinct()))
    # The synthetic posts, and the few the notices and appeals of the demo's story are about.
    assert decided == POSTS + len(STORY_POSTS)
    assert seeded.credentials.posts == POSTS
    assert places <= counties


def test_the_demo_posts_include_actions_beyond_allow(seeded: Seeded) -> None:
    actions = seeded.credentials.actions
    assert actions["allow"] < POSTS
    assert sum(count for action, count in actions.items() if action != "allow") > POSTS // 20


def test_seeding_leaves_an_intact_audit_chain(seeded: Seeded) -> None:
    with seeded.runtime.uow() as uow:
        report = verify_chain(uow.audit.events())
    assert report.ok, report.problem


def test_the_audit_log_names_the_system_for_the_world_and_the_platforms_for_their_posts(seeded: Seeded) -> None:
    with seeded.runtime.uow() as uow:
        events = list(uow.audit.events())
    created = {e.object for e in events if e.actor == "system:netgov"}
    assert {"jurisdiction:ex", "office:office.ex", "platform:chirp", "staff:admin"} <= created
    assert sum(1 for e in events if e.action == "api_key.issue") == len(demo_world().platforms)
    submitters = {e.actor for e in events if e.action == "decision.create"}
    assert submitters == {"platform:chirp", "platform:marketly"}


def test_every_role_a_seed_may_name_maps_to_a_role() -> None:
    for role in ROLES:
        assert grant_of(GrantSeed(role, jurisdiction="ex")).role is Role(role)


def test_a_seed_grant_keeps_its_scope() -> None:
    assert grant_of(GrantSeed("platform_admin", platform="chirp")) == Grant(role=Role.PLATFORM_ADMIN, platform="chirp")


def test_every_held_post_becomes_one_case_and_one_case_is_worked_to_an_order(seeded: Seeded) -> None:
    work = seeded.credentials.casework
    assert work is not None
    assert work.cases == seeded.credentials.actions.get("hold_for_review", 0) > 0
    with seeded.runtime.uow() as uow:
        assert uow.cases.by_source("hold", "no such decision") is None
        assert work.worked_case is not None
        case = uow.cases.case(work.worked_case)
        assert case is not None
        assert (case.state, case.outcome) == ("decided", "violation")
        assert work.order is not None
        order = uow.orders.order(work.order)
        assert order is not None
        assert (order.case_id, order.platform_id, order.status) == (case.id, "chirp", "issued")
