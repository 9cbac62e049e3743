"""When a skeleton match is a real word match in the original text.

Lexicons match the skeleton view, where separators are gone. Two checks keep that from
matching inside other words:

* edges: a term that starts (ends) with a Latin-script letter must not have one right
  before (after) it in the original, skipping invisible characters;
* gaps: a match that crosses spaces the term itself does not have is accepted only when
  the text is spaced out ("f r e e") or joined, not when it merely spans whole words
  ("the rapist" is not "therapist").
"""

from __future__ import annotations

from netgov.core.text import Normalizer
from netgov.core.text.folding import is_word_char


def edges_ok(
    original: str,
    start: int,
    end: int,
    *,
    check_left: bool,
    check_right: bool,
    normalizer: Normalizer,
) -> bool:
    if check_left and _word_at(original, start - 1, -1, normalizer):
        return False
    return not (check_right and _word_at(original, end, 1, normalizer))


def _word_at(text: str, index: int, step: int, normalizer: Normalizer) -> bool:
    while 0 <= index < len(text):
        char = text[index]
        if normalizer.fold_table[ord(char)]:
            return is_word_char(char)
        index += step
    return False


def gaps_ok(original: str, start: int, end: int, term_words: int) -> bool:
    """Whether the spaces inside a match are evasion rather than word boundaries.

    Call only for terms in scripts that separate words with spaces: in Chinese a space
    inside a phrase is always evasion.
    """
    tokens = original[start:end].split()
    if len(tokens) <= term_words:
        return True
    return min(len(token) for token in tokens) <= 2
