"""TextViews: the original text and its folded and skeleton views, with span mapping.

Views are computed on first use and the offset maps only when a detector found
something, because mapping back costs a Python loop over the text and almost every post
matches nothing.
"""

from __future__ import annotations

from functools import cached_property

from netgov.core.text.normalizer import Normalizer


class OffsetMap:
    """Maps positions in a view back to code-point positions in the original text."""

    def __init__(self, original: str, table: dict[int, str]) -> None:
        origin: list[int] = []
        first: list[bool] = []
        for index, char in enumerate(original):
            produced = len(table[ord(char)])
            origin.extend([index] * produced)
            first.extend([True] + [False] * (produced - 1))
        self._origin = origin
        self._first = first
        self._length = len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that produced view characters ``[start, end)``."""
        if start >= end:
            position = self._origin[start] if start < len(self._origin) else self._length
            return position, position
        return self._origin[start], self._origin[end - 1] + 1

    def starts_a_character(self, position: int) -> bool:
        """False when ``position`` falls inside the expansion of one original character."""
        return position >= len(self._first) or self._first[position]


class TextViews:
    def __init__(self, original: str, normalizer: Normalizer) -> None:
        self.original = original
        self.normalizer = normalizer

    @cached_property
    def folded(self) -> str:
        return self.normalizer.folded(self.original)

    @cached_property
    def skeleton(self) -> str:
        return self.normalizer.skeletonized(self.original)

    @cached_property
    def folded_map(self) -> OffsetMap:
        return OffsetMap(self.original, self.normalizer.fold_table)

    @cached_property
    def skeleton_map(self) -> OffsetMap:
        return OffsetMap(self.original, self.normalizer.skeleton_table)

    def view(self, name: str) -> str:
        if name == "original":
            return self.original
        return self.folded if name == "folded" else self.skeleton

    def to_original(self, name: str, start: int, end: int) -> tuple[int, int]:
        if name == "original":
            return start, end
        offsets = self.folded_map if name == "folded" else self.skeleton_map
        return offsets.span(start, end)
