"""Settings shared by the wave stores and the tracker, read from deployment options."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from netgov.detectors.waves.windows import DEFAULT_WINDOWS, Window, parse_windows


@dataclass(frozen=True, slots=True)
class WaveConfig:
    """``similarity``: the MinHash Jaccard estimate a post needs with a cluster's
    representative to join it (a band collision alone is only a candidate). Two copies
    of a template that each differ from it by 2.5% of characters are about 5% apart and
    score 0.67-0.85 with 3-character shingles; unrelated posts score below 0.2, so 0.6
    keeps the copies without joining strangers.
    ``max_signatures``: posts' band keys kept at most (oldest evicted first);
    ``max_members``: posts remembered per cluster, so one giant flood stays bounded."""

    windows: tuple[Window, ...] = parse_windows(DEFAULT_WINDOWS)
    similarity: float = 0.6
    max_signatures: int = 1_000_000
    max_members: int = 100_000

    @property
    def horizon(self) -> int:
        """Seconds any state is kept: the longest window."""
        return max(w.seconds for w in self.windows)

    @classmethod
    def from_options(cls, options: Mapping[str, str]) -> WaveConfig:
        return cls(
            windows=parse_windows(options.get("waves.windows", DEFAULT_WINDOWS)),
            similarity=float(options.get("waves.similarity", "0.6")),
            max_signatures=int(options.get("waves.max_signatures", "1000000")),
            max_members=int(options.get("waves.max_members", "100000")),
        )


def cluster_id(content_id: str, at: float) -> str:
    """Named after the post that started it, so stores and workers agree on the name."""
    return "c_" + hashlib.blake2b(f"{content_id}\x00{at!r}".encode(), digest_size=8).hexdigest()
