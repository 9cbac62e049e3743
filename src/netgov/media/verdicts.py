"""From a media item's bank matches to the observations the detector reads.

Matches are grouped per bank and kind of hash, so a post counts one match per bank
whatever the number of near-identical entries a bank holds. For a video's PDQ frames,
a bank is matched only when enough frames match it (``video_min_frames`` or
``video_min_share``), and the observation lists the seconds of those frames.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netgov.core.observations import MediaObservation
from netgov.media.ports import BankMatch
from netgov.media.sources import ItemHashes

if TYPE_CHECKING:
    from netgov.media.matcher import MatcherOptions


@dataclass(frozen=True, slots=True)
class Hit:
    match: BankMatch
    quality: int | None
    at: float | None


def observations_of(
    media: int, hashes: ItemHashes, hits: Sequence[Hit], options: MatcherOptions
) -> list[MediaObservation]:
    groups: dict[tuple[str, str], list[Hit]] = defaultdict(list)
    for hit in hits:
        groups[(hit.match.bank, hit.match.signal_type)].append(hit)
    found = []
    for (_, signal_type), group in sorted(groups.items()):
        if hashes.video and signal_type == "pdq" and not _enough_frames(group, hashes, options):
            continue
        found.append(_observation(media, group))
    return found


def _enough_frames(group: Sequence[Hit], hashes: ItemHashes, options: MatcherOptions) -> bool:
    matched = len({hit.at for hit in group})
    usable = sum(1 for f in hashes.pdq if f.quality is None or f.quality >= options.min_quality)
    return matched >= options.video_min_frames or (usable > 0 and matched / usable >= options.video_min_share)


def _observation(media: int, group: Sequence[Hit]) -> MediaObservation:
    """The entry most frames matched (then the closest) stands for the bank."""
    frames = Counter(hit.match.entry for hit in group)
    best = min(group, key=lambda hit: (-frames[hit.match.entry], hit.match.distance, hit.match.entry))
    return MediaObservation(
        media=media,
        signal_type=best.match.signal_type,
        bank=best.match.bank,
        entry=best.match.entry,
        distance=best.match.distance,
        quality=best.quality,
        category=best.match.category,
        timestamps=tuple(sorted({hit.at for hit in group if hit.at is not None})),
    )
