"""MediaMatcher: what the caller runs before deciding a batch, the only place that asks
the hash banks. Like the wave tracker, it keeps the engine pure: it resolves each media
item into hashes, asks a ``BankIndex`` (one call per kind of hash for the whole batch),
applies quality, negative banks and rollout, and returns one ``Observations`` per content.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from netgov.core.content import Content
from netgov.core.observations import MediaObservation, Observations
from netgov.media.hashing import UnreadableMediaError
from netgov.media.ports import BankIndex, BankMatch
from netgov.media.sources import ItemHashes, SourceOptions, item_hashes
from netgov.media.verdicts import Hit, observations_of


@dataclass(frozen=True, slots=True)
class MatcherOptions:
    """``min_quality``: PDQ hashes below it are not matched (flat images match too much);
    a video matches a bank when at least ``video_min_frames`` of its sampled frames, or
    at least ``video_min_share`` of them, match that bank."""

    min_quality: int = 50
    fps: float = 1.0
    video_min_frames: int = 2
    video_min_share: float = 0.5
    max_bytes: int = 256 * 1024 * 1024

    @classmethod
    def from_options(cls, options: Mapping[str, str]) -> MatcherOptions:
        """From deployment options ``media.min_quality``, ``media.fps``, ... (ValueError if bad)."""
        default = cls()
        return cls(
            min_quality=int(options.get("media.min_quality", default.min_quality)),
            fps=float(options.get("media.fps", default.fps)),
            video_min_frames=int(options.get("media.video_min_frames", default.video_min_frames)),
            video_min_share=float(options.get("media.video_min_share", default.video_min_share)),
            max_bytes=int(options.get("media.max_bytes", default.max_bytes)),
        )


@dataclass(frozen=True, slots=True)
class MediaFailure:
    """A media item that could not be hashed (not decodable, file missing, remote URI)."""

    content: str
    media: int
    reason: str


@dataclass(frozen=True, slots=True)
class Matched:
    observations: list[Observations | None]
    failures: list[MediaFailure] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Item:
    content: int
    media: int
    hashes: ItemHashes


class MediaMatcher:
    def __init__(self, index: BankIndex, options: MatcherOptions | None = None, base_dir: Path | None = None) -> None:
        self.index = index
        self.options = options or MatcherOptions()
        self._sources = SourceOptions(self.options.fps, self.options.max_bytes, base_dir)

    def match(self, contents: Sequence[Content]) -> Matched:
        items, failures = self._items(contents)
        hits = self._pdq_hits(items)
        for position, exact in self._exact_hits(items).items():
            hits[position].extend(exact)
        per_content: dict[int, list[MediaObservation]] = defaultdict(list)
        for position, item in enumerate(items):
            kept = _kept(hits[position], contents[item.content].id)
            per_content[item.content].extend(observations_of(item.media, item.hashes, kept, self.options))
        found = [Observations(media=tuple(per_content[i])) if per_content[i] else None for i in range(len(contents))]
        return Matched(found, failures)

    def _items(self, contents: Sequence[Content]) -> tuple[list[_Item], list[MediaFailure]]:
        items, failures = [], []
        for index, content in enumerate(contents):
            for media, ref in enumerate(content.media):
                try:
                    items.append(_Item(index, media, item_hashes(ref, self._sources)))
                except UnreadableMediaError as error:
                    failures.append(MediaFailure(content.id, media, str(error)))
        return items, failures

    def _pdq_hits(self, items: Sequence[_Item]) -> dict[int, list[Hit]]:
        """One ``match_pdq`` call for every usable hash of the batch; traffic recorded."""
        asked: list[tuple[int, float | None, int | None, str]] = []
        for position, item in enumerate(items):
            for frame in item.hashes.pdq:
                if frame.quality is None or frame.quality >= self.options.min_quality:
                    asked.append((position, frame.at, frame.quality, frame.hash))
        hits: dict[int, list[Hit]] = defaultdict(list)
        if not asked:
            return hits
        hashes = [value for *_, value in asked]
        for (position, at, quality, _), matches in zip(asked, self.index.match_pdq(hashes), strict=True):
            hits[position].extend(Hit(m, quality, at) for m in matches)
        self.index.record_traffic(hashes)
        return hits

    def _exact_hits(self, items: Sequence[_Item]) -> dict[int, list[Hit]]:
        by_type: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for position, item in enumerate(items):
            for signal_type, value in item.hashes.exact:
                by_type[signal_type].append((position, value))
        hits: dict[int, list[Hit]] = defaultdict(list)
        for signal_type, asked in by_type.items():
            answers = self.index.match_exact(signal_type, [value for _, value in asked])
            for (position, _), matches in zip(asked, answers, strict=True):
                hits[position].extend(Hit(m, None, None) for m in matches)
        return hits


def _kept(hits: Sequence[Hit], content_id: str) -> list[Hit]:
    """A negative-bank match cancels every positive match of the same item; a positive
    bank applies to the share of contents its rollout enables."""
    if any(hit.match.negative for hit in hits):
        return []
    return [hit for hit in hits if in_rollout(hit.match, content_id)]


def in_rollout(match: BankMatch, content_id: str) -> bool:
    """Deterministic per bank and content: the same post always gets the same answer,
    and raising the ratio only adds posts (a hash of both, read as a number in [0, 1))."""
    if match.rollout >= 1.0:
        return True
    digest = hashlib.blake2b(f"{match.bank}\x00{content_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64 < match.rollout
