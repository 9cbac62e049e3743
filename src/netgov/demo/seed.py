"""Writing the demo world into a migrated database, through the same services as the API.

    credentials = seed_demo(runtime, now=datetime.now(UTC))

Places, staff and API keys are created by the services in ``netgov.service`` acting as
the system principal, so the audit log records each of them; the synthetic posts go
through the content intake like any platform's submission, so the engine decides them
and they are stored with their decisions and audit events. Passwords and keys are made
here, returned once and never stored in clear.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future
from datetime import datetime, timedelta

import msgspec

from netgov.core.content import Content
from netgov.demo.casework import Casework, seed_casework
from netgov.demo.posts import synthetic_posts
from netgov.demo.redress import RedressStory, seed_redress
from netgov.demo.world import DemoWorld, GrantSeed, demo_world
from netgov.identity.principal import Grant
from netgov.identity.roles import Role
from netgov.identity.secrets import new_password
from netgov.service.api_keys import issue_key
from netgov.service.intake_batch import Item, Outcome
from netgov.service.permissions import SYSTEM
from netgov.service.places import add_jurisdiction, add_office, add_platform
from netgov.service.runtime import Runtime
from netgov.service.staff import create_staff
from netgov.store.unit_of_work import UnitOfWork

# The posts fall in the month before the seeding, like a platform's recent history.
POST_SPAN = timedelta(days=30)
BATCH = 500


class StaffLogin(msgspec.Struct, frozen=True, kw_only=True):
    username: str
    display_name: str
    grants: tuple[Grant, ...]
    password: str


class PlatformKey(msgspec.Struct, frozen=True, kw_only=True):
    platform: str
    name: str
    token: str


class DemoCredentials(msgspec.Struct, frozen=True, kw_only=True):
    """What the demo prints once: sign-ins, API keys, and how the posts were decided."""

    staff: tuple[StaffLogin, ...]
    keys: tuple[PlatformKey, ...]
    actions: Mapping[str, int]
    casework: Casework | None = None
    redress: RedressStory | None = None

    @property
    def posts(self) -> int:
        return sum(self.actions.values())


def seed_demo(
    runtime: Runtime,
    *,
    world: DemoWorld | None = None,
    posts: int = 3000,
    seed: int = 7,
    now: datetime,
    casework: bool = True,
) -> DemoCredentials:
    """Create the world (default: ``demo_world()``), submit ``posts`` synthetic posts and,
    with ``casework``, open a case for every held post, work one to an order, and play the
    notices and appeals of ``netgov.demo.redress``."""
    world = world or demo_world()
    with runtime.uow(write=True) as uow:
        _add_places(uow, world, now)
        staff = tuple(_add_staff(uow, runtime, world, now))
        keys = tuple(
            PlatformKey(
                platform=p.id, name="demo", token=issue_key(uow, actor=SYSTEM, platform_id=p.id, name="demo", at=now)
            )
            for p in world.platforms
        )
        uow.commit()
    stream = synthetic_posts(posts, seed=seed, world=world, start=now - POST_SPAN, span=POST_SPAN)
    actions = _submit(runtime, stream)
    work = seed_casework(runtime, now=now) if casework else None
    redress = seed_redress(runtime, now=now) if casework else None
    return DemoCredentials(staff=staff, keys=keys, actions=actions, casework=work, redress=redress)


def _add_places(uow: UnitOfWork, world: DemoWorld, now: datetime) -> None:
    for node in world.jurisdictions:
        add_jurisdiction(
            uow, actor=SYSTEM, code=node.code, name=node.name, level=node.level, parent=node.parent, at=now
        )
    for office in world.offices:
        add_office(uow, actor=SYSTEM, office_id=office.id, name=office.name, jurisdiction=office.jurisdiction, at=now)
    for platform in world.platforms:
        add_platform(
            uow, actor=SYSTEM, platform_id=platform.id, name=platform.name, jurisdiction=platform.jurisdiction, at=now
        )


def _add_staff(uow: UnitOfWork, runtime: Runtime, world: DemoWorld, now: datetime) -> Iterator[StaffLogin]:
    for person in world.staff:
        grants = tuple(grant_of(seed) for seed in person.roles)
        password = new_password()
        create_staff(
            uow,
            actor=SYSTEM,
            username=person.username,
            display_name=person.display_name,
            password=password,
            grants=grants,
            passwords=runtime.passwords,
            at=now,
            office=person.office,
            weekly_capacity=person.capacity,
        )
        yield StaffLogin(username=person.username, display_name=person.display_name, grants=grants, password=password)


def grant_of(seed: GrantSeed) -> Grant:
    """The grant a seed's role string stands for; an unknown role is a bug in the world."""
    return Grant(role=Role(seed.role), jurisdiction=seed.jurisdiction, platform=seed.platform)


def _submit(runtime: Runtime, stream: Sequence[Content]) -> dict[str, int]:
    # Queue every batch at once: the writer then fills each group commit to its maximum.
    futures: list[Future[list[Outcome]]] = []
    for start in range(0, len(stream), BATCH):
        items = [_item(post) for post in stream[start : start + BATCH]]
        futures.append(runtime.intake.submit(items))
    actions: Counter[str] = Counter()
    for future in futures:
        for outcome in future.result():
            actions[_action(outcome)] += 1
    return dict(actions)


def _item(post: Content) -> Item:
    return Item(content=post, jurisdiction=post.jurisdiction, actor=f"platform:{post.platform}")


class _Decided(msgspec.Struct):
    action: str


def _action(outcome: Outcome) -> str:
    if outcome.conflict is not None:
        # A fresh demo database has no earlier posts, so a conflict means the world is reused.
        raise RuntimeError(f"post {outcome.content_id} conflicts with a stored post: {outcome.conflict}")
    return msgspec.json.decode(outcome.document, type=_Decided).action
