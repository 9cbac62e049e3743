"""From candidates to validated entities: each candidate shape goes to its validator."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from netgov.core.content import Content
from netgov.detectors.pii.candidates import Candidate, Shape
from netgov.detectors.pii.dates import birth_date
from netgov.detectors.pii.entities import Entity, Surroundings
from netgov.detectors.pii.iban import iban
from netgov.detectors.pii.identity import identity_matches
from netgov.detectors.pii.network import EmailValidator, ip_address
from netgov.detectors.pii.numbers import NumberReader
from netgov.detectors.pii.phones import PhoneValidator
from netgov.detectors.pii.spans import OriginalSpans
from netgov.detectors.pii.wallets import wallet

# The candidate shapes each label needs.
SHAPES: dict[str, frozenset[Shape]] = {
    "email": frozenset({Shape.EMAIL}),
    "phone": frozenset({Shape.NUMBER, Shape.PLAIN_DATE}),
    "national_id": frozenset({Shape.NUMBER, Shape.PLAIN_DATE, Shape.FISCAL_CODE, Shape.LETTER_ID}),
    "payment_card": frozenset({Shape.NUMBER, Shape.PLAIN_DATE}),
    "iban": frozenset({Shape.IBAN}),
    "ip_address": frozenset({Shape.PRIVATE_IPV4, Shape.IPV4, Shape.IPV6}),
    "crypto_wallet": frozenset({Shape.WALLET}),
    "date_of_birth": frozenset({Shape.DATE_OF_BIRTH}),
}


class EntityFinder:
    def __init__(self, labels: frozenset[str], phone_regions: tuple[str, ...]) -> None:
        self._phones = PhoneValidator(phone_regions) if "phone" in labels else None
        self._emails = EmailValidator() if "email" in labels else None
        self._numbers = NumberReader(labels, self._phones)
        self._handlers: dict[Shape, Callable[[Candidate, Surroundings], Entity | None]] = {
            Shape.EMAIL: self._email,
            Shape.DATE_OF_BIRTH: self._birth,
            Shape.IPV4: self._ip,
            Shape.IPV6: self._ip,
            Shape.IBAN: self._iban,
            Shape.FISCAL_CODE: self._letter_id,
            Shape.LETTER_ID: self._letter_id,
        }

    def find(
        self, candidates: Sequence[Candidate], around: Surroundings, spans: OriginalSpans, content: Content
    ) -> list[Entity]:
        phones = self._phones
        regions: Callable[[], tuple[str, ...]] = (lambda: phones.regions_for(content)) if phones else (lambda: ())
        found: list[Entity] = []
        for candidate in candidates:
            if candidate.shape is Shape.NUMBER:
                found.extend(self._numbers.read(around, candidate.start, candidate.end, regions))
                continue
            if candidate.shape is Shape.WALLET:
                entity = self._wallet(candidate, around, spans)
            else:
                entity = self._handlers[candidate.shape](candidate, around)
            if entity is not None:
                found.append(entity)
        return found

    def _email(self, candidate: Candidate, around: Surroundings) -> Entity | None:
        email = self._emails.validate(around.folded[candidate.start : candidate.end]) if self._emails else None
        if email is None:
            return None
        skip, value = email
        return self._entity(around, "email", candidate.start + skip, candidate.end, value, "format+public-suffix")

    @staticmethod
    def _birth(candidate: Candidate, around: Surroundings) -> Entity | None:
        date = birth_date(around.folded[candidate.start : candidate.end])
        if date is None or candidate.context is None:
            return None
        keyword = around.folded[candidate.context[0] : candidate.context[1]]
        return Entity("date_of_birth", candidate.start, candidate.end, date, "calendar-date", keyword)

    def _ip(self, candidate: Candidate, around: Surroundings) -> Entity | None:
        start, end, folded = candidate.start, candidate.end, around.folded
        address = ip_address(folded[start:end], folded[max(0, start - 2) : start], folded[end : end + 2])
        if address is None or around.follows_reference(start, end):
            return None  # "version 20.5.5.6" is a global address, but no one's
        return self._entity(around, "ip_address", start, end, *address)

    def _iban(self, candidate: Candidate, around: Surroundings) -> Entity | None:
        account = iban(around.folded[candidate.start : candidate.end])
        if account is None:
            return None
        length, value = account
        return self._entity(around, "iban", candidate.start, candidate.start + length, value, "stdnum.iban")

    def _letter_id(self, candidate: Candidate, around: Surroundings) -> Entity | None:
        text = around.folded[candidate.start : candidate.end]
        for writing in identity_matches(text):
            value = writing.normalised(text)
            return self._entity(around, "national_id", candidate.start, candidate.end, value, writing.validator)
        return None

    def _wallet(self, candidate: Candidate, around: Surroundings, spans: OriginalSpans) -> Entity | None:
        address = wallet(_as_written(spans, candidate.start, candidate.end))
        if address is None:
            return None
        return self._entity(around, "crypto_wallet", candidate.start, candidate.end, *address)

    @staticmethod
    def _entity(around: Surroundings, label: str, start: int, end: int, value: str, validator: str) -> Entity:
        return Entity(label, start, end, value, validator, around.word(label, start, end))


def _as_written(spans: OriginalSpans, start: int, end: int) -> str:
    """The original characters of a folded span, in compatibility form but with their
    case: a wallet address is case-sensitive and folding lower-cased it."""
    first, last = spans(start, end)
    written = unicodedata.normalize("NFKC", spans.original[first:last])
    return "".join(char for char in written if char.isascii() and char.isalnum())
