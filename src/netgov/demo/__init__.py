"""The data of ``netgov demo``: a fictional world and a stream of synthetic posts.

    world = demo_world()
    posts = synthetic_posts(2000, seed=7, world=world, start=start, span=timedelta(days=30))

Both are pure and deterministic; writing them into a database is the seeding code's job.
"""

from __future__ import annotations

from netgov.demo.posts import synthetic_posts
from netgov.demo.world import (
    LEVELS,
    PLATFORM_ROLES,
    ROLES,
    DemoWorld,
    GrantSeed,
    JurisdictionSeed,
    OfficeSeed,
    PlatformSeed,
    StaffSeed,
    demo_world,
)

__all__ = [
    "LEVELS",
    "PLATFORM_ROLES",
    "ROLES",
    "DemoWorld",
    "GrantSeed",
    "JurisdictionSeed",
    "OfficeSeed",
    "PlatformSeed",
    "StaffSeed",
    "demo_world",
    "synthetic_posts",
]
