"""Observations: what stateful ports saw about a content before the engine decides it.

Waves of near-duplicates and posting velocity need state shared across posts and
workers. The engine stays pure by not touching that state: the caller asks the ports
(in memory, or Redis for several workers), passes what they observed here, and the
decision records the observations it used.
"""

from __future__ import annotations

from datetime import datetime

import msgspec


class Wave(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A cluster of near-identical posts as the wave store saw it, over one time window."""

    cluster: str
    window: str
    size: int
    accounts: int
    first_seen: datetime
    representative: str


class Observations(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    waves: tuple[Wave, ...] = ()
