"""The Normalizer owns the translation tables, filled lazily one character at a time.

``str.translate`` runs in C; the tables are dicts whose ``__missing__`` computes a
character's folding the first time it is seen, so steady-state normalisation never
leaves C for characters already met. Each Plan owns one Normalizer: no global state.
"""

from __future__ import annotations

from collections.abc import Callable

from netgov.core.text.folding import fold_char, skeleton_of_folded


class _LazyTable(dict[int, str]):
    def __init__(self, compute: Callable[[str], str]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, code: int) -> str:
        value = self._compute(chr(code))
        self[code] = value
        return value


class Normalizer:
    """Folds text into the two views that detectors match against."""

    def __init__(self, to_simplified: Callable[[str], str] | None = None) -> None:
        self._to_simplified = to_simplified or _identity
        self.fold_table = _LazyTable(self.fold)
        self.skeleton_table = _LazyTable(self.skeleton)

    def fold(self, char: str) -> str:
        """The folded form of one character of the original text."""
        return fold_char(char, self._to_simplified)

    def skeleton(self, char: str) -> str:
        """The skeleton of one character of the original text."""
        return "".join(skeleton_of_folded(c) for c in self.fold_table[ord(char)])

    def folded(self, text: str) -> str:
        return text.translate(self.fold_table)

    def skeletonized(self, text: str) -> str:
        return text.translate(self.skeleton_table)


def _identity(char: str) -> str:
    return char
