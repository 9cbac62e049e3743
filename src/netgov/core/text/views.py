"""TextViews: the original text and its folded and skeleton views, with span mapping.

Views are computed on first use and the offset maps only when a detector found
something, because mapping back costs a Python loop over the text and almost every post
matches nothing. (Plain lazy attributes rather than ``functools.cached_property``, whose
lock costs more than computing a view of a short post on Python 3.11.)
"""

from __future__ import annotations

from itertools import chain, repeat

from netgov.core.text.normalizer import Normalizer


class OffsetMap:
    """Maps positions in a view back to code-point positions in the original text."""

    def __init__(self, original: str, table: dict[int, str]) -> None:
        # origin[k] is the original character that produced view character k; built by
        # iterators that run in C, since this is on the path of every match.
        produced = map(len, map(table.__getitem__, map(ord, original)))
        self._origin = list(chain.from_iterable(map(repeat, range(len(original)), produced)))
        self._length = len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that produced view characters ``[start, end)``."""
        if start >= end:
            position = self._origin[start] if start < len(self._origin) else self._length
            return position, position
        return self._origin[start], self._origin[end - 1] + 1

    def starts_a_character(self, position: int) -> bool:
        """False when ``position`` falls inside the expansion of one original character."""
        origin = self._origin
        return position == 0 or position >= len(origin) or origin[position - 1] != origin[position]


class TextViews:
    __slots__ = ("_folded", "_folded_map", "_skeleton", "_skeleton_bytes", "_skeleton_map", "normalizer", "original")

    def __init__(self, original: str, normalizer: Normalizer) -> None:
        self.original = original
        self.normalizer = normalizer
        self._folded: str | None = None
        self._skeleton: str | None = None
        self._skeleton_bytes: bytes | None = None
        self._folded_map: OffsetMap | None = None
        self._skeleton_map: OffsetMap | None = None

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = self.normalizer.folded(self.original)
        return self._folded

    @property
    def skeleton(self) -> str:
        if self._skeleton is None:
            self._skeleton = self.skeleton_bytes.decode("utf-8")
        return self._skeleton

    @property
    def skeleton_bytes(self) -> bytes:
        """The skeleton in UTF-8, as the normaliser makes it and the lexicon scans it."""
        if self._skeleton_bytes is None:
            self._skeleton_bytes = self.normalizer.skeleton_bytes(self.folded)
        return self._skeleton_bytes

    @property
    def folded_map(self) -> OffsetMap:
        if self._folded_map is None:
            self._folded_map = OffsetMap(self.original, self.normalizer.fold_table)
        return self._folded_map

    @property
    def skeleton_map(self) -> OffsetMap:
        if self._skeleton_map is None:
            self._skeleton_map = OffsetMap(self.original, self.normalizer.skeleton_table)
        return self._skeleton_map

    def view(self, name: str) -> str:
        if name == "original":
            return self.original
        return self.folded if name == "folded" else self.skeleton

    def to_original(self, name: str, start: int, end: int) -> tuple[int, int]:
        if name == "original":
            return start, end
        offsets = self.folded_map if name == "folded" else self.skeleton_map
        return offsets.span(start, end)
