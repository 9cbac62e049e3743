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
import unicodedata
from collections.abc import Callable, Iterable

from netgov.core.text.folding import fold_char, skeleton_of_folded

# Joins the texts of a batch. An ASCII control character that folds to itself and that
# text almost never contains; a batch in which a text does contain it is not batched.
BATCH_SEPARATOR = "\x1e"
_ASTRAL_RANGE = "\\U00010000-\\U0010ffff"
_ASTRAL = re.compile(f"[{_ASTRAL_RANGE}]")


def _has_astral(data: bytes) -> bool:
    # In UTF-8 only characters beyond the BMP start with bytes F0 to F4; memchr is fast.
    return any(lead in data for lead in _ASTRAL_LEADS)


_ASTRAL_LEADS = (b"\xf0", b"\xf1", b"\xf2", b"\xf3", b"\xf4")


def _skeleton_astral(folded: str) -> str:
    """Apply the skeleton rule to the (rare) astral characters left in a folded text."""
    return _ASTRAL.sub(lambda match: skeleton_of_folded(match.group()), folded)


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
        """The skeleton of ``text`` (TextViews keeps the folded view it derives from)."""
        return self.skeleton_bytes(self.folded(text)).decode("utf-8")

    def skeleton_bytes(self, folded: str, *, batch: bool = False) -> bytes:
        """The skeleton, in UTF-8, derived from a folded view.

        The skeleton of a folded character is the character itself (letters, digits),
        its leetspeak letter (ASCII only) or nothing, so non-ASCII non-alphanumerics are
        removed by one regex and the ASCII part mapped by ``bytes.translate``. With
        ``batch``, BATCH_SEPARATOR is kept.
        """
        if not folded.isascii():
            folded = self._not_alphanumeric.sub("", folded)
        data = folded.encode("utf-8")
        if _has_astral(data):
            data = _skeleton_astral(folded).encode("utf-8")
        removed = self._ascii_removed_batch if batch else self._ascii_removed
        return data.translate(self._ascii_skeleton, removed)

    def _build_fast_path(self) -> None:
        fold_changes = [
            code for code in range(0x80, 0x10000) if not 0xD800 <= code <= 0xDFFF and self.fold_table[code] != chr(code)
        ]
        self._fold_special = _SparseMapper(fold_changes, self.fold_table)
        not_alphanumeric = [
            code
            for code in range(0x80, 0x10000)
            if not 0xD800 <= code <= 0xDFFF and unicodedata.category(chr(code))[0] not in "LN"
        ]
        # Only the Basic Multilingual Plane: a class with astral ranges makes Python's
        # regex engine test ranges one by one instead of using its bitmap.
        self._not_alphanumeric = re.compile(f"[{_char_class(not_alphanumeric)}]")
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
        self._ascii_removed_batch = bytes(removed).replace(BATCH_SEPARATOR.encode("ascii"), b"")


class _SparseMapper:
    """Applies a table to the few characters of a text that need it.

    A regex finds them; when they are sparse, they are replaced one by one, else
    the whole text goes through ``str.translate``. Both give the same result.
    """

    # Above one special character in this many, one translate beats many replacements.
    _SPARSE = 12

    def __init__(self, codes: list[int], table: _LazyTable) -> None:
        # Astral characters (emoji, mathematical letters) are always looked up.
        self._pattern = re.compile(f"[{_char_class(codes)}\U00010000-\U0010ffff]")
        self._table = table

    def apply(self, text: str) -> str:
        first = self._pattern.search(text)
        if first is None:
            return text
        # Judge the density on a sample after the first hit, not the whole text, so that
        # clean text is scanned only once.
        window = self._SPARSE * 16
        sample = len(self._pattern.findall(text, first.start(), first.start() + window))
        if sample * self._SPARSE > min(window, len(text) - first.start()):
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
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _identity(char: str) -> str:
    return char
