"""The flood guard: how much of recent traffic would a set of new PDQ entries match?

A bad import (a blank image's hash, a hash of a common logo) would act on a large share
of ordinary uploads at once. Before entries go live they are matched against the sample
of recent traffic hashes; above the guard's share they wait for a human to confirm.
Indexing the new entries and querying the sample bounds the work by the sample size
(10,000 by default), however large the import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from netgov.media.index import HammingIndex, parse_hashes


@dataclass(frozen=True, slots=True)
class FloodGuard:
    """Hold an import when it matches more than ``max_share`` of the traffic sample and
    at least ``min_matches`` sampled hashes (so a tiny sample cannot trip it)."""

    max_share: float = 0.01
    min_matches: int = 20

    def trips(self, matches: int, sample: int) -> bool:
        return sample > 0 and matches >= self.min_matches and matches / sample > self.max_share


def traffic_matches(traffic: Sequence[str], values: Sequence[str], threshold: int) -> int:
    """How many traffic hashes are within ``threshold`` of at least one of ``values``."""
    if not traffic or not values:
        return 0
    index = HammingIndex(merge_at=1 << 62)
    index.add(parse_hashes(list(dict.fromkeys(values))))
    index.merge()
    sample = parse_hashes(list(traffic))
    return int(sum(1 for row in sample if len(index.query(row, threshold)[0]) > 0))


def share(matches: int, sample: int) -> float:
    return float(np.float64(matches) / sample) if sample else 0.0
