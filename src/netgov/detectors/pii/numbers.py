"""Runs of digits: one candidate may hold several numbers, and one number several readings.

A run such as ``4111 1111 1111 1111 12/25`` is split into its digit groups; windows of
whole groups are tried from the left, longest first, and the first window that validates
is taken (the card), then the search goes on after it. Windows start only where a token
starts (see ``_starts_token``), so the last groups of a card number that failed Luhn
(4311-7222-0927-5320) are not a phone number; and a run that starts with + or 00 is an
international number or nothing, its groups not re-read as national numbers.

A window can read as several things (nine digits: a US SSN, a Dutch BSN, a Portuguese
NIF); the reading whose own context word is near wins, otherwise the first in this order:
identity numbers written in their distinctive way, payment cards, phone numbers, identity
numbers that need context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from netgov.detectors.pii.cards import card_validator
from netgov.detectors.pii.entities import Entity, Surroundings
from netgov.detectors.pii.identity import identity_shapes
from netgov.detectors.pii.phones import CN_MOBILE, PhoneValidator

_GROUP = re.compile(r"[0-9]+")
_MAX_GROUPS = 8
_FEWEST_DIGITS, _MOST_DIGITS = 7, 19
_MOST_PHONE_DIGITS = 17  # 15 of E.164 after a 00 prefix
_DOTTED_QUAD = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_DATE = re.compile(r"\d{4}([-/.])\d{1,2}\1\d{1,2}|\d{1,2}([-/.])\d{1,2}\2(?:\d{2}|\d{4})")


class Window(NamedTuple):
    start: int
    end: int
    written: str
    groups: list[str]
    separators: list[str]

    @property
    def digits(self) -> str:
        return "".join(self.groups)


class _Reading(NamedTuple):
    label: str
    value: str
    validator: str
    needs: str | None  # a context key that must be near, or None


class NumberReader:
    def __init__(self, labels: frozenset[str], phones: PhoneValidator | None) -> None:
        self._ids = "national_id" in labels
        self._cards = "payment_card" in labels
        self._phones = phones if "phone" in labels else None

    def read(self, around: Surroundings, start: int, end: int, regions: Callable[[], tuple[str, ...]]) -> list[Entity]:
        """The entities in the run ``[start, end)`` of the folded text."""
        folded = around.folded
        spans = [found.span() for found in _GROUP.finditer(folded, start, end)]
        found: list[Entity] = []
        first, after_entity = 0, True
        while first < len(spans):
            entity, taken = None, 1
            if after_entity or _starts_token(folded, spans, first):
                entity, taken = self._longest(around, spans, first, (start, end), regions)
            if entity is not None:
                found.append(entity)
            elif first == 0 and folded.startswith(("+", "00"), start):
                taken = _international_extent(spans)
            first += taken
            after_entity = entity is not None
        return found

    def _longest(
        self,
        around: Surroundings,
        spans: list[tuple[int, int]],
        first: int,
        run: tuple[int, int],
        regions: Callable[[], tuple[str, ...]],
    ) -> tuple[Entity | None, int]:
        """The longest valid window starting at group ``first``, and how many groups it
        takes (one, if there is none)."""
        counts = [0]
        for start, end in spans[first : first + _MAX_GROUPS]:
            counts.append(counts[-1] + end - start)
        for last in range(len(counts) - 1 + first, first, -1):
            count = counts[last - first]
            if count > _MOST_DIGITS:
                continue
            if count < _FEWEST_DIGITS:
                break
            entity = self._choose(around, _window(around.folded, spans, first, last, run), regions)
            if entity is not None:
                return entity, last - first
        return None, 1

    def _choose(self, around: Surroundings, window: Window, regions: Callable[[], tuple[str, ...]]) -> Entity | None:
        """The reading whose context word is near, else the first one that needs none."""
        fallback = None
        for reading in self._readings(window, regions, around):
            if reading.needs and around.word(reading.needs, window.start, window.end) is None:
                continue
            word = around.word(reading.needs or reading.label, window.start, window.end)
            entity = Entity(reading.label, window.start, window.end, reading.value, reading.validator, word)
            if word is not None:
                return entity
            fallback = fallback or entity
        return fallback

    def _readings(
        self, window: Window, regions: Callable[[], tuple[str, ...]], around: Surroundings
    ) -> Iterator[_Reading]:
        # Weak schemes are checked only when their name is near: the check costs more.
        writings = identity_shapes(window.written) if self._ids else []
        for writing in writings:
            if not writing.needs_context and writing.valid(window.written):
                yield _Reading("national_id", writing.normalised(window.written), writing.validator, None)
        digits = window.digits
        if window.written[-1].isdigit() or window.written[-1] == ")":
            if self._cards and (validator := card_validator(window.written, digits, window.groups, window.separators)):
                yield _Reading("payment_card", digits, validator, None)
            if self._phones is not None and _may_be_phone(window, around):
                phone = self._phones.validate(window.written, digits, regions())
                if phone is not None:
                    yield _Reading("phone", phone.e164, phone.validator, "phone" if phone.needs_context else None)
        for writing in writings:
            if (
                writing.needs_context
                and around.word(writing.scheme, window.start, window.end) is not None
                and writing.valid(window.written)
            ):
                yield _Reading("national_id", writing.normalised(window.written), writing.validator, writing.scheme)


def _may_be_phone(window: Window, around: Surroundings) -> bool:
    """Dates, dotted quads and numbers right after "order #" or "版本" are not phones, and
    a bare run of digits without a phone word can only be a Chinese mobile number (see
    ``phones``): the others are not worth asking phonenumbers about."""
    written = window.written
    if _DATE.fullmatch(written) or _DOTTED_QUAD.fullmatch(written):
        return False
    if (
        written.isdigit()
        and not CN_MOBILE.fullmatch(written)
        and around.word("phone", window.start, window.end) is None
    ):
        return False
    return not around.follows_reference(window.start, window.end)


def _starts_token(folded: str, spans: list[tuple[int, int]], index: int) -> bool:
    """Whether group ``index`` starts a new token of the run: the first group, or one after
    a wide separator (" / ", " - ") or after a change of separator (2023-05-16 13800138000)."""
    if index == 0:
        return True
    before = folded[spans[index - 1][1] : spans[index][0]]
    if len(before) > 1 or before == "/":
        return True
    return index > 1 and before != folded[spans[index - 2][1] : spans[index - 1][0]]


def _international_extent(spans: list[tuple[int, int]]) -> int:
    """Groups an invalid international number (+44 7700 900123) may span: none of them
    may start a national number of its own (7700 900123 is a valid Indian number)."""
    digits = groups = 0
    for start, end in spans:
        digits += end - start
        if digits > _MOST_PHONE_DIGITS:
            break
        groups += 1
    return max(groups, 1)


def _window(folded: str, spans: list[tuple[int, int]], first: int, last: int, run: tuple[int, int]) -> Window:
    """Groups ``[first, last)`` with what belongs to them: a leading + or ( of the run, a
    trailing letter, a closing parenthesis."""
    start = run[0] if first == 0 else spans[first][0]
    if first > 0 and folded[start - 1] == "(":
        start -= 1
    end = run[1] if last == len(spans) else spans[last - 1][1]
    if folded.count("(", start, end) > folded.count(")", start, end) and end < run[1] and folded[end] == ")":
        end += 1
    groups = [folded[s:e] for s, e in spans[first:last]]
    separators = [folded[spans[k][1] : spans[k + 1][0]] for k in range(first, last - 1)]
    return Window(start, end, folded[start:end], groups, separators)
