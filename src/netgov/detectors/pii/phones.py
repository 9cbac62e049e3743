"""Telephone numbers, validated by phonenumbers and normalised to E.164.

International numbers (``+44 ...``, ``0044 ...``) need no region. A national number is
tried in the content's regions (from its jurisdiction and language) and then the
configured default regions, and counts only if phonenumbers calls it valid *and* it is
written the way that region writes its numbers: the digits are those of the region's
national format, with or without the trunk prefix (``1`` in the US; ``0`` only for Indian
mobile numbers, which are commonly written without it). That rule is what keeps years
(``2021 2022``), dates and prices out: phonenumbers alone accepts ``2023-05-16`` as a
German landline, but Germany writes it ``0202 30516``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberType

from netgov.core.content import Content

LANGUAGE_REGIONS: dict[str, tuple[str, ...]] = {
    "zh": ("CN",),
    "en": ("US", "GB"),
    "de": ("DE",),
    "fr": ("FR",),
    "es": ("ES",),
    "it": ("IT",),
    "nl": ("NL",),
    "pl": ("PL",),
    "pt": ("PT", "BR"),
    "sv": ("SE",),
    "da": ("DK",),
    "fi": ("FI",),
    "ja": ("JP",),
    "ko": ("KR",),
    "hi": ("IN",),
    "ru": ("RU",),
}
CN_MOBILE = re.compile(r"1[3-9]\d{9}")
# Where mobile numbers are commonly written without the trunk prefix the national format
# shows (98765 43210 for 098765 43210). Elsewhere (France, Britain, Germany) a mobile
# number without its 0 is more likely something else: 666-71-6779 is no French mobile.
_MOBILES_WITHOUT_PREFIX = frozenset({"IN"})
_CACHE_LIMIT = 256


class Phone(NamedTuple):
    e164: str
    validator: str
    # A bare run of digits is a phone number only with a phone word near it.
    needs_context: bool


def unknown_regions(regions: tuple[str, ...]) -> list[str]:
    return [region for region in regions if region not in phonenumbers.SUPPORTED_REGIONS]


class PhoneValidator:
    def __init__(self, default_regions: tuple[str, ...]) -> None:
        self._defaults = default_regions
        self._regions: dict[tuple[str | None, str | None], tuple[str, ...]] = {}
        # The default regions' metadata and patterns are loaded now, when the rulebook is
        # compiled, rather than by the first posts; hinted regions load on first use.
        self._shapes: dict[str, _RegionShape | None] = {region: _region_shape(region) for region in default_regions}
        self._seen: dict[tuple[str, tuple[str, ...]], Phone | None] = {}

    def regions_for(self, content: Content) -> tuple[str, ...]:
        """The content's own regions first, then the defaults."""
        key = (content.language, content.jurisdiction)
        regions = self._regions.get(key)
        if regions is None:
            if len(self._regions) >= _CACHE_LIMIT:
                self._regions.clear()
            regions = self._regions[key] = tuple(dict.fromkeys(_hinted(content) + self._defaults))
        return regions

    def validate(self, written: str, digits: str, regions: tuple[str, ...]) -> Phone | None:
        """``written`` is the candidate as folded (with its + and separators). Results are
        remembered for a while: floods repeat the same number."""
        key = (written, regions)
        if key not in self._seen:
            if len(self._seen) >= _CACHE_LIMIT * 16:
                self._seen.clear()
            self._seen[key] = self._validate(written, digits, regions)
        return self._seen[key]

    def _validate(self, written: str, digits: str, regions: tuple[str, ...]) -> Phone | None:
        international = written.startswith(("+", "00"))
        if not 7 <= len(digits) - (2 if written.startswith("00") else 0) <= 15:
            return None
        if international:
            text = written if written.startswith("+") else "+" + written[2:]
            number = _parse(text, None)
            if number is None or not phonenumbers.is_valid_number(number):
                return None
            return Phone(_e164(number), f"phonenumbers:{_region_of(number)}", needs_context=False)
        return self._national(written, digits, regions)

    def _national(self, written: str, digits: str, regions: tuple[str, ...]) -> Phone | None:
        """The first region that reads the number without needing context, else the first
        that reads it at all (13167081167 is a US number with its trunk prefix, but as a
        Chinese mobile it needs no phone word)."""
        pure = written == digits
        needing_context = None
        for region in regions:
            shape = self._shape(region)
            if shape is None or not shape.may_be(digits):
                continue
            number = _parse(written, region)
            # Valid anywhere the region's country code is used (the US default also finds
            # Canadian numbers).
            if number is None or not phonenumbers.is_valid_number(number):
                continue
            if not _written_as_in_region(digits, number, shape.prefix, region):
                continue
            # Chinese mobile numbers are written as one run of 11 digits; any other bare
            # run (an order number, a timestamp) needs a phone word to count.
            needs_context = pure and not (region == "CN" and CN_MOBILE.fullmatch(digits))
            phone = Phone(_e164(number), f"phonenumbers:{_region_of(number) or region}", needs_context)
            if not needs_context:
                return phone
            needing_context = needing_context or phone
        return needing_context

    def _shape(self, region: str) -> _RegionShape | None:
        if region not in self._shapes:
            self._shapes[region] = _region_shape(region)
        return self._shapes[region]


_NUMBER_TYPES = (
    "fixed_line",
    "mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "personal_number",
    "voip",
    "pager",
    "uan",
    "voicemail",
)


def _region_shape(region: str) -> _RegionShape | None:
    """The number patterns of every type, of every region that shares the region's
    country code (a Canadian number is valid under the US default): phonenumbers calls a
    number valid only if one of them matches, so parsing can wait until one does."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.country_code is None:
        return None
    patterns = []
    for sibling in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(metadata.country_code, (region,)):
        found = phonenumbers.PhoneMetadata.metadata_for_region(sibling)
        for kind in _NUMBER_TYPES:
            description = getattr(found, kind, None) if found else None
            if description is not None and description.national_number_pattern:
                patterns.append(f"(?:{description.national_number_pattern})")
    return _RegionShape(re.compile("|".join(patterns)), metadata.national_prefix or "") if patterns else None


@dataclass(frozen=True, slots=True)
class _RegionShape:
    """A cheap test before phonenumbers parses: could the digits, without one or two
    trunk prefixes, be a valid national number of the region?"""

    pattern: re.Pattern[str]
    prefix: str

    def may_be(self, digits: str) -> bool:
        for _ in range(3):
            if self.pattern.fullmatch(digits):
                return True
            if not self.prefix or not digits.startswith(self.prefix):
                return False
            digits = digits[len(self.prefix) :]
        return False


def _hinted(content: Content) -> tuple[str, ...]:
    hints: list[str] = []
    if content.jurisdiction:
        hints.append(content.jurisdiction[:2].upper())
    if content.language:
        language, _, subtag = content.language.replace("_", "-").partition("-")
        if len(subtag) == 2:
            hints.append(subtag.upper())
        hints.extend(LANGUAGE_REGIONS.get(language.lower(), ()))
    return tuple(region for region in hints if region in phonenumbers.SUPPORTED_REGIONS)


def _parse(text: str, region: str | None) -> PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except NumberParseException:
        return None


def _written_as_in_region(digits: str, number: PhoneNumber, prefix: str, region: str) -> bool:
    if digits == prefix + phonenumbers.national_significant_number(number):
        return True  # with the trunk prefix, whether the national format shows it or not
    national = "".join(c for c in phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL) if c.isdigit())
    if digits in (national, prefix + national):
        return True
    if region not in _MOBILES_WITHOUT_PREFIX:
        return False
    mobile = phonenumbers.number_type(number) == PhoneNumberType.MOBILE
    return mobile and bool(prefix) and national.startswith(prefix) and digits == national[len(prefix) :]


def _e164(number: PhoneNumber) -> str:
    # What format_number gives for a valid number, without its formatting machinery.
    return f"+{number.country_code}{phonenumbers.national_significant_number(number)}"


def _region_of(number: PhoneNumber) -> str | None:
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(number.country_code or 0, ())
    return regions[0] if len(regions) == 1 else phonenumbers.region_code_for_number(number)
