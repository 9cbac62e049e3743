"""What validation produces: an entity, with the context that was looked up for it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from netgov.detectors.pii.context import AFTER, BEFORE, REFERENCE_GAP, ContextWords, Found, Nearby


class Entity(NamedTuple):
    """A validated value at ``[start, end)`` of the folded text.

    ``value`` is the normalised value (E.164 phone, compact ID, ...); it never leaves the
    detector except as a salted digest. ``context`` is the context word that raised the
    score, if any.
    """

    label: str
    start: int
    end: int
    value: str
    validator: str
    context: str | None = None


class Surroundings:
    """The context words of one folded text, found on first use, and those around each
    candidate: several readings of one number ask about the same span."""

    def __init__(self, words: ContextWords, folded: str) -> None:
        self._words = words
        self.folded = folded
        self._found: list[Found] | None = None
        self._starts: list[int] = []
        self._near: dict[tuple[int, int], list[Nearby]] = {}

    def _around(self, start: int, end: int) -> list[Nearby]:
        near = self._near.get((start, end))
        if near is None:
            near = self._near[(start, end)] = self._collect(start, end)
        return near

    def _collect(self, start: int, end: int) -> list[Nearby]:
        if self._found is None:
            self._found = self._words.find(self.folded)
            self._starts = [item.start for item in self._found]
        near = []
        first = bisect_left(self._starts, start - BEFORE)
        for item in self._found[first : bisect_right(self._starts, end + AFTER)]:
            keys = self._words.keys[item.word]
            if item.end <= start:
                near.append(Nearby(start - item.end, True, item.word, keys))
            elif item.start >= end and item.end <= end + AFTER:
                near.append(Nearby(item.start - end, False, item.word, keys))
        return near

    def word(self, key: str, start: int, end: int) -> str | None:
        """The nearest context word of ``key`` (a label, a scheme, ``doxx``)."""
        nearest = None
        for item in self._around(start, end):
            if key in item.keys and (nearest is None or item.distance < nearest.distance):
                nearest = item
        return None if nearest is None else nearest.word

    def follows_reference(self, start: int, end: int) -> bool:
        """Whether a reference word ("order #", "版本", "tracking number") comes right
        before ``start``: the number is then an order number or a version, not a phone."""
        return any(
            item.before
            and item.distance <= REFERENCE_GAP
            and "reference" in item.keys
            and not any(char.isalnum() for char in self.folded[start - item.distance : start])
            for item in self._around(start, end)
        )
