"""The Normalizer: the fold and skeleton views of a text, fast on the common path.

Two ways to compute a view, which must always agree (a property test checks it):

* the *tables*: ``str.translate`` with dicts whose ``__missing__`` computes a character's
  folding the first time it is seen. Exact for every input; about 40 ns a character.
* the *fast path*: in most posts the only characters whose folding differs from
  themselves are ASCII ones, plus a few punctuation marks. The ASCII part is mapped
  with ``bytes.translate`` on the UTF-8 encoding (about 1 ns a byte), non-ASCII
  separators are removed by one regex, and the few other characters that need folding
  are found by a regex over a precomputed class and replaced one by one.

Each Plan owns one Normalizer: no global state. Building one scans the Basic
Multilingual Plane once (about a third of a second), so loaders share it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

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
        self._build_fast_path()

    def fold(self, char: str) -> str:
        """The folded form of one character of the original text."""
        return fold_char(char, self._to_simplified)

    def skeleton(self, char: str) -> str:
        """The skeleton of one character of the original text."""
        return "".join(skeleton_of_folded(c) for c in self.fold_table[ord(char)])

    def folded(self, text: str) -> str:
        if not text.isascii():
            text = self._fold_special.apply(text)
        return text.encode("utf-8").translate(self._ascii_fold).decode("utf-8")

    def skeletonized(self, text: str) -> str:
        if not text.isascii():
            text = self._skeleton_special.apply(self._separators.sub("", text))
        return text.encode("utf-8").translate(self._ascii_skeleton, self._ascii_removed).decode("utf-8")

    def _build_fast_path(self) -> None:
        fold_changes: list[int] = []
        skeleton_changes: list[int] = []
        separators: list[int] = []
        for code in range(0x80, 0x10000):
            if 0xD800 <= code <= 0xDFFF:
                continue
            char = chr(code)
            if self.fold_table[code] != char:
                fold_changes.append(code)
            skeleton = self.skeleton_table[code]
            if not skeleton:
                separators.append(code)
            elif skeleton != char:
                skeleton_changes.append(code)
        self._fold_special = _SparseMapper(fold_changes, self.fold_table)
        self._skeleton_special = _SparseMapper(skeleton_changes, self.skeleton_table)
        self._separators = re.compile(f"[{_char_class(separators)}]")
        self._build_ascii_tables()

    def _build_ascii_tables(self) -> None:
        ascii_fold, ascii_skeleton, removed = bytearray(range(256)), bytearray(range(256)), bytearray()
        for code in range(128):
            ascii_fold[code] = ord(self.fold_table[code])
            mapped = self.skeleton_table[code]
            if mapped:
                ascii_skeleton[code] = ord(mapped)
            else:
                removed.append(code)
        self._ascii_fold = bytes(ascii_fold)
        self._ascii_skeleton = bytes(ascii_skeleton)
        self._ascii_removed = bytes(removed)


class _SparseMapper:
    """Applies a table to the few characters of a text that need it.

    A regex finds them; when there are only a few, they are replaced one by one, else
    the whole text goes through ``str.translate``. Both give the same result.
    """

    _FEW = 6

    def __init__(self, codes: list[int], table: _LazyTable) -> None:
        # Astral characters (emoji, mathematical letters) are always looked up.
        self._pattern = re.compile(f"[{_char_class(codes)}\U00010000-\U0010ffff]")
        self._table = table

    def apply(self, text: str) -> str:
        found = self._pattern.findall(text)
        if not found:
            return text
        if len(found) > self._FEW:
            return text.translate(self._table)
        table = self._table
        return self._pattern.sub(lambda match: table[ord(match.group())], text)


def _char_class(codes: Iterable[int]) -> str:
    """A regex character class body covering ``codes``, as ranges."""
    parts: list[str] = []
    ordered = sorted(codes)
    index = 0
    while index < len(ordered):
        end = index
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        low, high = ordered[index], ordered[end]
        parts.append(_escape(low) if low == high else f"{_escape(low)}-{_escape(high)}")
        index = end + 1
    return "".join(parts)


def _escape(code: int) -> str:
    return f"\\u{code:04x}"


def _identity(char: str) -> str:
    return char
