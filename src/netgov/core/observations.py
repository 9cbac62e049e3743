"""Observations: what stateful ports saw about a content before the engine decides it.

Waves of near-duplicates, posting velocity and hash banks of known imagery need state
shared across posts and workers. The engine stays pure by not touching that state: the caller asks the ports
(in memory, or Redis for several workers), passes what they observed here, and the
decision records the observations it used.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from netgov.core.taxonomy import Category


class Wave(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A cluster of near-identical posts as the wave store saw it, over one time window."""

    cluster: str
    window: str
    size: int
    accounts: int
    first_seen: datetime
    representative: str


class MediaObservation(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """A bank entry that one media item of the content matched, as the media matcher saw it.

    ``media`` is the item's position in ``Content.media``; ``signal_type`` is ``pdq``,
    ``md5`` or ``sha256``; ``distance`` is the Hamming distance of PDQ hashes out of 256
    (0 for exact hashes); ``quality`` is PDQ quality (None when the caller sent a hash);
    ``timestamps`` are the seconds of a video's matching frames (empty for images).
    """

    media: int
    signal_type: str
    bank: str
    entry: str
    distance: int = 0
    quality: int | None = None
    category: Category | None = None
    timestamps: tuple[float, ...] = ()


class Observations(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    waves: tuple[Wave, ...] = ()
    media: tuple[MediaObservation, ...] = ()
