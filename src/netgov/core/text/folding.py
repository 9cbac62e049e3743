"""How one character folds: the per-character rules behind both text views.

``fold_char`` gives the *folded* form (compatibility, case, accents, invisible characters,
homoglyphs, traditional Chinese); ``skeleton_char`` further maps leetspeak digits and drops
every separator, so that "f r 3 e  m.o.n.e.y" and "free money" share a skeleton.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping

from netgov.core.text.confusables_data import CONFUSABLE_PAIRS

CONFUSABLES: Mapping[str, str] = dict(CONFUSABLE_PAIRS)

# Characters that render as nothing, used to split words invisibly. Format characters
# (category Cf) are removed too; this list adds the ones with other categories.
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0") | frozenset(
    chr(c) for c in range(0xFE00, 0xFE10)
)

LEET: Mapping[str, str] = {
    "0": "o",
    "1": "i",
    "3": "e",
    "4": "a",
    "5": "s",
    "7": "t",
    "@": "a",
    "$": "s",
    # "l" and "i" are folded together because "1" stands for either of them.
    "l": "i",
}


def is_invisible(char: str) -> bool:
    return char in _INVISIBLE or unicodedata.category(char) == "Cf"


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF
    )


def fold_char(char: str, to_simplified: Callable[[str], str]) -> str:
    if is_invisible(char):
        return ""
    if char in "\t\n\r\v\f":
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Me"))
    folded = unicodedata.normalize("NFKC", stripped).casefold()
    return "".join(_fold_script(c, to_simplified) for c in folded)


# Traditional forms that OpenCC keeps because they are also valid simplified characters
# in some words (著名, 瞭望); folding them anyway only merges forms, and terms are
# folded the same way, so 等著 matches 等着.
_AMBIGUOUS_VARIANTS = {"著": "着", "瞭": "了"}


def _fold_script(char: str, to_simplified: Callable[[str], str]) -> str:
    if char.isascii():
        return char
    if is_cjk(char):
        return _AMBIGUOUS_VARIANTS.get(char) or to_simplified(char)
    return CONFUSABLES.get(char, char)


def skeleton_of_folded(char: str) -> str:
    """The skeleton of one already-folded character: a letter or digit, or nothing."""
    if char in LEET:
        return LEET[char]
    category = unicodedata.category(char)
    if category[0] in "LN":
        return char
    return ""


def is_word_char(char: str) -> bool:
    """Whether a character continues a word in scripts that separate words by spaces."""
    return char.isalnum() and not is_cjk(char)
