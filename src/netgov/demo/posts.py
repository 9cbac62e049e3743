"""Synthetic posts for the demo: everyday chatter and listings, with scams, phishing,
prohibited goods, published personal data and spam floods mixed in.

The stream is a pure function of its arguments: one ``random.Random(seed)`` drives every
choice, so the same seed always seeds the same demo. About 85% of posts are harmless and
about 15% are written to be caught by the bundled rulebook (see ``netgov.demo.templates``).
Harmful posts come from a small pool of recently created throwaway accounts, the way
they do on real platforms; everyday posts come from long-standing accounts.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta

import msgspec

from netgov.core.content import Account, Content
from netgov.demo.templates import FLOODS, HARMFUL, ORDINARY, Family, Rendered, render
from netgov.demo.world import DemoWorld, PlatformSeed

# One draw in 170 is a flood of 4-7 posts and one in eight a single harmful post: with
# floods counted by their posts, that makes about 15% of the stream harmful.
_FLOOD_CHANCE = 0.006
_HARM_CHANCE = 0.12
_FLOOD_SIZE = (4, 7)
_FLOOD_WINDOW = timedelta(minutes=10)


class _Poster(msgspec.Struct, frozen=True):
    account: Account
    platform: str
    county: str


class _Draft(msgspec.Struct, frozen=True):
    poster: _Poster
    post: Rendered
    at: datetime


class _Clock:
    """Whole-second moments in [start, start + span)."""

    def __init__(self, start: datetime, span: timedelta) -> None:
        self.start = start
        # ceil keeps a span under one second usable: every post then falls on start.
        self.seconds = max(1, math.ceil(span.total_seconds()))

    def any(self, rng: random.Random) -> datetime:
        return self.start + timedelta(seconds=rng.randrange(self.seconds))

    def burst(self, rng: random.Random, size: int) -> list[datetime]:
        window = min(int(_FLOOD_WINDOW.total_seconds()), self.seconds // 2)
        first = rng.randrange(self.seconds - window)
        return sorted(self.start + timedelta(seconds=first + rng.randrange(max(1, window))) for _ in range(size))


class _Cast:
    """The accounts that post, by platform: long-standing regulars and new throwaways."""

    def __init__(self, rng: random.Random, world: DemoWorld, start: datetime, count: int) -> None:
        self.platforms = world.platforms
        counties = tuple(county.code for county in world.counties())
        numbers = itertools.count(1)
        self.regulars: dict[str, list[_Poster]] = {}
        self.throwaways: dict[str, list[_Poster]] = {}
        for platform in world.platforms:
            self.regulars[platform.id] = [
                _poster(rng, next(numbers), platform, counties, start - _years_ago(rng))
                for _ in range(max(8, count // 15))
            ]
        for platform in world.platforms:
            self.throwaways[platform.id] = [
                _poster(rng, next(numbers), platform, counties, start - timedelta(hours=rng.randint(1, 120)))
                for _ in range(max(8, count // 80))
            ]

    def platform_for(self, rng: random.Random, venue: str) -> PlatformSeed:
        fitting = [platform for platform in self.platforms if venue in ("any", platform.kind)]
        return rng.choice(fitting or list(self.platforms))


def synthetic_posts(count: int, *, seed: int, world: DemoWorld, start: datetime, span: timedelta) -> list[Content]:
    """``count`` posts spread over [start, start + span), in time order.

    Content ids ("p000042") count up per platform in time order; account ids ("u0042")
    are shared by all the posts of one account. Each post is located in a county of
    ``world``, its author's home.
    """
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    if span <= timedelta(0):
        raise ValueError(f"span must be positive, got {span}")
    if not world.platforms or not world.counties():
        raise ValueError("the world needs at least one platform and one county")
    rng = random.Random(seed)
    cast = _Cast(rng, world, start, count)
    clock = _Clock(start, span)
    drafts: list[_Draft] = []
    while len(drafts) < count:
        drafts.extend(_draw(rng, cast, clock))
    return list(_numbered(drafts[:count]))


def _draw(rng: random.Random, cast: _Cast, clock: _Clock) -> list[_Draft]:
    roll = rng.random()
    if roll < _FLOOD_CHANCE:
        return _flood(rng, cast, clock)
    if roll < _FLOOD_CHANCE + _HARM_CHANCE:
        return [_single(rng, _pick(rng, HARMFUL), cast.throwaways, cast, clock)]
    return [_single(rng, _pick(rng, ORDINARY), cast.regulars, cast, clock)]


def _single(rng: random.Random, family: Family, pools: dict[str, list[_Poster]], cast: _Cast, clock: _Clock) -> _Draft:
    platform = cast.platform_for(rng, family.venue)
    post = render(rng.choice(family.templates), rng)
    return _Draft(poster=rng.choice(pools[platform.id]), post=post, at=clock.any(rng))


def _flood(rng: random.Random, cast: _Cast, clock: _Clock) -> list[_Draft]:
    family = _pick(rng, FLOODS)
    platform = cast.platform_for(rng, family.venue)
    post = render(rng.choice(family.templates), rng)
    pool = cast.throwaways[platform.id]
    posters = rng.sample(pool, min(rng.randint(*_FLOOD_SIZE), len(pool)))
    moments = clock.burst(rng, len(posters))
    return [_Draft(poster=poster, post=post, at=at) for poster, at in zip(posters, moments, strict=True)]


def _pick(rng: random.Random, families: Sequence[Family]) -> Family:
    return rng.choices(families, weights=[family.weight for family in families])[0]


def _poster(
    rng: random.Random, number: int, platform: PlatformSeed, counties: Sequence[str], created_at: datetime
) -> _Poster:
    account = Account(id=f"u{number:04d}", created_at=created_at)
    return _Poster(account=account, platform=platform.id, county=rng.choice(counties))


def _years_ago(rng: random.Random) -> timedelta:
    return timedelta(days=rng.randint(30, 2500), seconds=rng.randrange(86_400))


def _numbered(drafts: list[_Draft]) -> Iterator[Content]:
    counters: dict[str, itertools.count[int]] = {}
    # sorted() is stable, so posts of the same second keep the order they were drawn in.
    for draft in sorted(drafts, key=lambda d: d.at):
        platform = draft.poster.platform
        number = next(counters.setdefault(platform, itertools.count(1)))
        yield Content(
            id=f"p{number:06d}",
            platform=platform,
            account=draft.poster.account,
            text=draft.post.text,
            urls=draft.post.urls,
            language=draft.post.language,
            jurisdiction=draft.poster.county,
            created_at=draft.at,
        )
