"""Turning raw matches into one Signal per label: the score rule shared by list detectors."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from netgov.core.signals import Evidence, Signal
from netgov.core.taxonomy import Category


class SignalBuilder:
    """Collects evidence per label; the score is the summed weight of distinct entries.

    Summing lets a list mix strong entries (weight 1: one is enough) with weak ones that
    only count when several occur together, capped at 1.
    """

    def __init__(self, detector: str) -> None:
        self.detector = detector
        self._evidence: dict[str, list[Evidence]] = defaultdict(list)
        self._weights: dict[str, dict[str, float]] = defaultdict(dict)
        self._categories: dict[str, Category | None] = {}

    def add(self, label: str, evidence: Evidence, weight: float, category: Category | None) -> None:
        self._evidence[label].append(evidence)
        self._weights[label][evidence.entry] = weight
        self._categories[label] = category

    def signals(self) -> list[Signal]:
        return [
            Signal(
                detector=self.detector,
                label=label,
                score=min(1.0, round(sum(self._weights[label].values()), 6)),
                category=self._categories[label],
                evidence=tuple(_unique(sorted(found, key=lambda e: (e.start, e.end)))),
            )
            for label, found in sorted(self._evidence.items())
        ]


def _unique(items: Iterable[Evidence]) -> Iterable[Evidence]:
    seen: set[tuple[int, int, str]] = set()
    for item in items:
        key = (item.start, item.end, item.entry)
        if key not in seen:
            seen.add(key)
            yield item
