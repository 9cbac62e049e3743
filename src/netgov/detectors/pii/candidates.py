"""The one candidate scan: every shape of personal data in a single RE2 pass.

The patterns run on the UTF-8 bytes of the folded view (NFKC, lower case, simplified
Chinese), so full-width digits and traditional characters need no patterns of their own.
They only find *candidates*, cheaply and in linear time; the validators decide. Each shape
is one top-level group, and the scan is built from the shapes the requested labels need.

RE2 has no lookbehind, so boundaries are ``\\b`` (ASCII word characters only: a CJK
character next to a number is a boundary, as it should be). No pattern can match the batch
separator, so a scan over a joined batch finds exactly the candidates of each text.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Any, NamedTuple

import re2


class Shape(Enum):
    """What a candidate looks like; several labels may share a shape (numbers)."""

    EMAIL = "email"
    DATE_OF_BIRTH = "date_of_birth"
    IPV4 = "ipv4"
    IPV6 = "ipv6"
    IBAN = "iban"
    FISCAL_CODE = "fiscal_code"
    LETTER_ID = "letter_id"
    NUMBER = "number"
    WALLET = "wallet"
    # Matched only to be skipped, so that no validator sees them: a date that no birth
    # keyword precedes, and a private IPv4 address.
    PLAIN_DATE = "plain_date"
    PRIVATE_IPV4 = "private_ipv4"


# Between two digits of one number: nothing, one dot, or up to three of space, hyphen,
# slash and parentheses ("+49 (0)30"). Never a dot and a space: that ends a sentence.
_SEP = r"(?:\.|[ \-/()]{1,3})?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{4} ?[\-/.年] ?\d{1,2} ?[\-/.月] ?\d{1,2}(?: ?[日号]|\b)"
    r"|\d{1,2}[\-/.]\d{1,2}[\-/.](?:\d{4}|\d{2})\b"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH},? \d{{4}}\b"
    rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b)"
)
# A date of birth is a date right after a birth keyword; the keyword is its context.
_BIRTH_WORDS = (
    r"(?:\bd\.? ?o\.? ?b\b\.?|\bdate of birth\b|\bbirth ?date\b|\bborn(?: on| in)?\b|\bbirthday\b"
    r"|出生日期|出生年月日|出生年月|出生于|出生|生日|生辰)"
)
_GAP = r"(?:[ :=,(\-]|\bis\b|\bwas\b|\bon\b|是|为|于|在){0,6}"

PATTERNS: dict[Shape, str] = {
    Shape.EMAIL: r"[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+\b",
    Shape.DATE_OF_BIRTH: f"({_BIRTH_WORDS}){_GAP}({_DATE})",
    Shape.IPV4: r"\b\d{1,3}(?:\.\d{1,3}){3}\b",
    # Eight groups, or fewer around one "::" (so a time, 12:30:00, is no candidate).
    Shape.IPV6: (
        r"[0-9a-f]{0,4}(?::[0-9a-f]{1,4}){0,6}::[0-9a-f]{0,4}(?::[0-9a-f]{1,4}){0,6}(?:\.\d{1,3}){0,3}"
        r"|[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){7}"
    ),
    Shape.IBAN: r"\b[a-z]{2}\d{2}(?: ?[0-9a-z]{4}){2,7}(?: ?[0-9a-z]{1,3})?\b",
    Shape.FISCAL_CODE: r"\b[a-z]{6}[0-9lmnp-v]{2}[abcdehlmprst][0-9lmnp-v]{2}[a-z][0-9lmnp-v]{3}[a-z]\b",
    # Spanish NIE (X1234567L) and Finnish HETU with a letter century sign (010594Y9032).
    Shape.LETTER_ID: r"\b(?:[xyz]\d{7}[a-z]|\d{6}[+a-fu-y]\d{3}[0-9a-y])\b",
    # A run of at least six digits, each a separator from the next, with an optional
    # leading + or ( and one trailing letter (the X of a Chinese ID, a DNI letter).
    Shape.NUMBER: rf"(?:\+ ?\(?|\()?\b\d(?:{_SEP}\d){{5,}}(?:[a-z]\b|\b)",
    # A four-digit-year date standing alone (not the start of 85.07.30-033.28). The
    # character after it may be the batch separator: the date is skipped either way.
    Shape.PLAIN_DATE: r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{4})(?:[^0-9./\-]|$)",
    Shape.PRIVATE_IPV4: (
        r"\b(?:(?:10|127)(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})\b"
    ),
    Shape.WALLET: r"\b(?:bc1[02-9ac-hj-np-z]{8,87}|0x[0-9a-f]{40}|[13][1-9a-z]{25,34}|t[1-9a-z]{33})\b",
}

# Leftmost match wins; at the same position the earlier shape wins, so the specific
# shapes come before the generic run of digits.
_ORDER = (
    Shape.EMAIL,
    Shape.DATE_OF_BIRTH,
    Shape.PRIVATE_IPV4,
    Shape.IPV4,
    Shape.IPV6,
    Shape.IBAN,
    Shape.FISCAL_CODE,
    Shape.LETTER_ID,
    Shape.PLAIN_DATE,
    Shape.NUMBER,
    Shape.WALLET,
)


_SKIPPED = frozenset({Shape.PLAIN_DATE, Shape.PRIVATE_IPV4})
_FREQUENT = (
    Shape.NUMBER,
    Shape.PLAIN_DATE,
    Shape.PRIVATE_IPV4,
    Shape.EMAIL,
    Shape.DATE_OF_BIRTH,
    Shape.IPV4,
    Shape.WALLET,
    Shape.IBAN,
    Shape.IPV6,
    Shape.LETTER_ID,
    Shape.FISCAL_CODE,
)


class Candidate(NamedTuple):
    """A span of the scanned text (character offsets) and the shape that matched it.
    For a date of birth, ``start``/``end`` are the date and ``context`` the keyword."""

    shape: Shape
    start: int
    end: int
    context: tuple[int, int] | None = None


class CandidateScanner:
    def __init__(self, shapes: frozenset[Shape]) -> None:
        self._shapes = tuple(shape for shape in _ORDER if shape in shapes)
        source = "|".join(f"({PATTERNS[shape]})" for shape in self._shapes)
        options = re2.Options()
        options.log_errors = False
        options.max_mem = 64 << 20
        self._regex: Any = re2.compile(source.encode("utf-8"), options)
        # The group number of each shape (the date-of-birth shape holds two more: the
        # keyword, then the date).
        self._groups: list[tuple[int, Shape]] = []
        group = 1
        for shape in self._shapes:
            self._groups.append((group, shape))
            group += 1 + re2.compile(PATTERNS[shape]).groups
        # Exactly one shape's group matches: ask the common ones first.
        self._groups.sort(key=lambda item: _FREQUENT.index(item[1]))

    def scan(self, text: str) -> Iterator[Candidate]:
        """Candidates in ``text``, in order, in character offsets."""
        data = text.encode("utf-8")
        chars = _Offsets(data, len(text))
        for match in self._regex.finditer(data):
            for group, shape in self._groups:
                start, end = match.span(group)
                if start < 0:
                    continue
                if shape in _SKIPPED:
                    break
                if shape is Shape.DATE_OF_BIRTH:
                    keyword = chars.of(start), chars.of(match.end(group + 1))
                    date = chars.of(match.start(group + 2)), chars.of(match.end(group + 2))
                    yield Candidate(shape, date[0], date[1], keyword)
                else:
                    yield Candidate(shape, chars.of(start), chars.of(end))
                break


class _Offsets:
    """Byte offsets to character offsets, for offsets asked in increasing order (the
    order of matches), decoding each stretch of the text once."""

    def __init__(self, data: bytes, characters: int) -> None:
        self._data = data
        self._ascii = len(data) == characters
        self._byte = 0
        self._char = 0

    def of(self, offset: int) -> int:
        if self._ascii:
            return offset
        if offset < self._byte:
            return len(self._data[:offset].decode("utf-8"))
        self._char += len(self._data[self._byte : offset].decode("utf-8"))
        self._byte = offset
        return self._char
