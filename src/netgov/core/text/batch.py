"""BatchViews: the views of many texts computed with one C call per view.

The texts are joined with BATCH_SEPARATOR, folded and skeletonised as one string, and a
detector that supports batches scans the joined string once, then maps each match to
its text by position. Per-character folding makes the joined result exactly the join of
the per-text results; batches where that could fail (a text containing the separator,
astral characters for the skeleton) fall back to per-text views.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from netgov.core.text.normalizer import BATCH_SEPARATOR, Normalizer
from netgov.core.text.views import TextViews


class BatchViews:
    def __init__(self, texts: Sequence[str], normalizer: Normalizer) -> None:
        self.texts = texts
        self.normalizer = normalizer
        self.original = BATCH_SEPARATOR.join(texts)
        self.batched = self.original.count(BATCH_SEPARATOR) == len(texts) - 1
        self._views: list[TextViews | None] = [None] * len(texts)
        self._folded: str | None = None
        self._folded_parts: list[str] | None = None
        self._skeleton_bytes: bytes | None = None

    def __len__(self) -> int:
        return len(self.texts)

    def view(self, index: int) -> TextViews:
        """The per-text views of text ``index`` (computed per text, on demand)."""
        view = self._views[index]
        if view is None:
            view = self._views[index] = TextViews(self.texts[index], self.normalizer)
        return view

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = self.normalizer.folded(self.original)
        return self._folded

    @property
    def folded_parts(self) -> list[str]:
        if self._folded_parts is None:
            self._folded_parts = self.folded.split(BATCH_SEPARATOR)
        return self._folded_parts

    def folded_starts(self) -> list[int]:
        return _starts(self.folded_parts)

    def original_starts(self) -> list[int]:
        return _starts(self.texts)

    @property
    def skeleton_bytes(self) -> bytes:
        """The joined skeleton in UTF-8, which the lexicon automaton scans."""
        if self._skeleton_bytes is None:
            self._skeleton_bytes = self.normalizer.skeleton_bytes(self.folded, batch=True)
        return self._skeleton_bytes

    def locate_in_skeleton(self, position: int) -> tuple[int, int]:
        """The text that byte ``position`` of ``skeleton_bytes`` belongs to, and where
        that text's skeleton starts. Counting separators runs in C, and only matches
        ask, so clean batches never pay for an index of the whole batch."""
        data = self.skeleton_bytes
        separator = BATCH_SEPARATOR.encode("ascii")
        return data.count(separator, 0, position), data.rfind(separator, 0, position) + 1


def _starts(parts: Sequence[str]) -> list[int]:
    """Start offsets of ``parts`` joined by one separator, plus one past the end."""
    return [0, *accumulate(len(part) + 1 for part in parts)]
