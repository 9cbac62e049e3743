"""Decisions for console tests, made the way platforms make them: content through the intake.

``SEEDS`` are hand-written posts that fire known rules, placed in counties of the test
world so that scope can be checked: chirp's posts in Harbour East and West, marketly's in
the South Province.
"""

from __future__ import annotations

import random

from netgov.core.content import Account, Content
from netgov.service.intake_batch import Item, Outcome
from tests.service_world import World

EAST, WEST, SOUTH = "ex.north.harbour.east", "ex.north.harbour.west", "ex.south"

SCAM_TEXT = (
    "Hi mum this is my new number, I dropped my phone. Can you buy 3 gift cards of $100 "
    "and send me the codes <script>alert('owned')</script>"
)
PHONE, EMAIL = "+44 20 7946 0958", "jane.doe@example.org"
DOXX_TEXT = f"Found him. Email {EMAIL}, phone {PHONE}, born 1990-01-02. You know what to do."
CARD = "4111 1111 1111 1111"
CARD_TEXT = f"Here's her card: {CARD} exp 12/29, have fun"
HARMLESS_TEXT = "Lovely weather at the harbour today"

# name: (platform, content id, jurisdiction, text)
SEEDS: dict[str, tuple[str, str, str, str]] = {
    "scam_east": ("chirp", "c-scam-east", EAST, SCAM_TEXT),
    "doxx_east": ("chirp", "c-doxx-east", EAST, DOXX_TEXT),
    "card_west": ("chirp", "c-card-west", WEST, CARD_TEXT),
    "harmless_west": ("chirp", "c-harmless-west", WEST, HARMLESS_TEXT),
    "card_south": ("marketly", "m-card-south", SOUTH, CARD_TEXT),
}


def post(content_id: str, text: str, *, platform: str = "chirp", jurisdiction: str = EAST) -> Content:
    return Content(
        id=content_id, platform=platform, text=text, jurisdiction=jurisdiction, account=Account(id=f"u-{content_id}")
    )


def submit(world: World, contents: list[Content]) -> list[Outcome]:
    """Decide and store ``contents`` at the world's current time; answers after the commit."""
    items = [Item(content=c, jurisdiction=c.jurisdiction, actor=f"platform:{c.platform}") for c in contents]
    return world.runtime.intake.submit(items).result(timeout=60)


def seed(world: World) -> dict[str, str]:
    """Submit ``SEEDS`` one minute apart; returns each seed's decision id by name."""
    ids: dict[str, str] = {}
    for name, (platform, content_id, jurisdiction, text) in SEEDS.items():
        world.clock.advance(minutes=1)
        (outcome,) = submit(world, [post(content_id, text, platform=platform, jurisdiction=jurisdiction)])
        ids[name] = outcome.decision_id
    return ids


def chatter(number: int) -> str:
    """A harmless post that differs from every other one (identical posts would form a spam wave)."""
    rng = random.Random(number)
    return f"{rng.choice(_OPENERS)} {' '.join(rng.sample(_WORDS, 9))} ({number})"


_OPENERS = ("Today:", "Note to self:", "Weekend plans:", "Overheard:", "Reminder:", "Idea:")
_WORDS = (
    "harbour bakery ferry lantern meadow pebble violin teapot orchard bicycle sunrise library chess marble "
    "puzzle garden kettle compass thunder saddle canvas pepper rooftop anchor blossom candle willow tractor "
    "meadowlark pottery festival ribbon granite noodle parade saffron pelican museum tulip cobble lighthouse"
).split()


def seed_many(world: World, *, batches: int, size: int) -> None:
    """``batches`` × ``size`` harmless posts in Harbour East; a batch shares one decision time, a minute apart."""
    for batch in range(batches):
        world.clock.advance(minutes=1)
        submit(world, [post(f"bulk-{batch:02d}-{n:04d}", chatter(batch * size + n)) for n in range(size)])
