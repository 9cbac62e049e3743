"""Spans of the folded view back in the original text, without the offset map when the
text before the span folds character for character.

``TextViews.to_original`` builds a map of the whole text, which costs more than the rest
of the work on a post with one phone number. But folding works per character, and most
characters fold to exactly one character (every ASCII one does; so do most Chinese ones):
up to the first character that does not, a folded offset *is* the original offset.
"""

from __future__ import annotations

import re

from netgov.core.text import Normalizer, TextViews


class Folding:
    """Which characters fold to exactly one character, found once per detector."""

    def __init__(self, normalizer: Normalizer) -> None:
        # The normaliser's table holds every character of the Basic Multilingual Plane;
        # anything not in it as a one-to-one fold (astral characters too) is irregular.
        regular = sorted(code for code, folded in normalizer.fold_table.items() if len(folded) == 1)
        self._irregular = re.compile(f"[^{_ranges(regular)}]")

    def spans(self, view: TextViews) -> OriginalSpans:
        return OriginalSpans(view, self._irregular)


class OriginalSpans:
    def __init__(self, view: TextViews, irregular: re.Pattern[str]) -> None:
        self._view = view
        self.original = view.original
        self._irregular = irregular
        self._limit: int | None = None

    def __call__(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded ``[start, end)``."""
        if self._limit is None:
            original = self._view.original
            found = None if original.isascii() else self._irregular.search(original)
            self._limit = len(original) if found is None else found.start()
        if end <= self._limit:
            return start, end
        return self._view.to_original("folded", start, end)


def _ranges(codes: list[int]) -> str:
    parts: list[str] = []
    index = 0
    while index < len(codes):
        last = index
        while last + 1 < len(codes) and codes[last + 1] == codes[last] + 1:
            last += 1
        low, high = re.escape(chr(codes[index])), re.escape(chr(codes[last]))
        parts.append(low if index == last else f"{low}-{high}")
        index = last + 1
    return "".join(parts)
