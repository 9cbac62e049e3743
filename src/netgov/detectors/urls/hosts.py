"""Hosts: labels to their DNS, display and look-alike forms; IP addresses; public suffixes.

Every host has three spellings, because each question needs a different one:

* ``ascii``, the name DNS resolves (lower-case, punycode ``xn--`` labels): what lists match;
* ``display``, the Unicode form a browser may show: what people read;
* ``look``, the display form homoglyph-folded to ASCII where possible: what it looks like,
  which is what lookalike detection compares. A Cyrillic "а" in ``pаypal.com`` makes
  ``ascii`` ``xn--pypal-4ve.com`` while ``look`` is ``paypal.com``.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass

from netgov.core.text import Normalizer
from netgov.core.text.folding import is_invisible
from netgov.detectors.suffix_list import public_suffix_list
from netgov.detectors.urls.grammar import LABEL

_NUMBER = re.compile(r"0x[0-9a-f]*|[0-9]+")
_DECIMAL_QUAD = re.compile(r"(?:0|[1-9][0-9]{0,2})(?:\.(?:0|[1-9][0-9]{0,2})){3}")


@dataclass(frozen=True, slots=True)
class Host:
    ascii: str
    display: str
    look: str
    ip: str = ""  # "IPv4" or "IPv6" for an address
    encoded_ip: bool = False  # an IPv4 address not written as a dotted quad

    @property
    def punycode(self) -> bool:
        return any(label.startswith("xn--") for label in self.ascii.split("."))


def host_from_labels(originals: list[str], foldeds: list[str], normalizer: Normalizer) -> Host | None:
    """The host spelled by ``originals`` (label text as written), or None if invalid.

    ``foldeds`` are the same labels in the folded view, used when the original characters
    do not form a label by themselves (a compatibility character that expands to a dot).
    """
    if ends_in_number(foldeds):
        return parse_ipv4(foldeds)
    forms = [_label_forms(original, folded, normalizer) for original, folded in zip(originals, foldeds, strict=True)]
    if any(form is None for form in forms):
        return None
    ascii_labels, display, look = zip(*(form for form in forms if form is not None), strict=True)
    name = ".".join(ascii_labels)
    if len(name) > 253 or any(len(label) > 63 for label in ascii_labels):
        return None
    return Host(name, ".".join(display), ".".join(look))


def _label_forms(original: str, folded: str, normalizer: Normalizer) -> tuple[str, str, str] | None:
    if not original.isascii():
        original = unicodedata.normalize("NFKC", "".join(c for c in original if not is_invisible(c)))
    text = original.lower()
    if not LABEL.fullmatch(text):
        if not LABEL.fullmatch(folded):
            return None
        text = folded
    if not text.isascii():
        return "xn--" + text.encode("punycode").decode("ascii"), text, normalizer.folded(text)
    if not text.startswith("xn--"):
        return text, text, text
    try:
        display = text[4:].encode("ascii").decode("punycode").lower()
    except UnicodeError:
        return text, text, text
    return text, display, normalizer.folded(display)


def ends_in_number(labels: list[str]) -> bool:
    """Whether browsers would parse the host as an IPv4 address (WHATWG URL)."""
    return bool(labels) and _NUMBER.fullmatch(labels[-1]) is not None


def parse_ipv4(labels: list[str]) -> Host | None:
    """An IPv4 host as browsers parse it: ``3232235777``, ``0xc0a80001`` and
    ``0300.0250.0.1`` are all 192.168.0.1. None when it is no valid address (browsers
    refuse such URLs rather than look the name up)."""
    numbers = [_ipv4_number(label) for label in labels]
    parts = [n for n in numbers if n is not None]
    if len(parts) != len(labels) or not 1 <= len(parts) <= 4:
        return None
    if any(n > 255 for n in parts[:-1]) or parts[-1] >= 256 ** (5 - len(parts)):
        return None
    value = parts[-1] + sum(n << (8 * (3 - i)) for i, n in enumerate(parts[:-1]))
    dotted = ".".join(str((value >> shift) & 255) for shift in (24, 16, 8, 0))
    encoded = dotted != ".".join(labels) or not _DECIMAL_QUAD.fullmatch(dotted)
    return Host(dotted, dotted, dotted, ip="IPv4", encoded_ip=encoded)


def _ipv4_number(label: str) -> int | None:
    if label.startswith("0x"):
        return int(label[2:] or "0", 16) if _NUMBER.fullmatch(label) else None
    if not label.isdigit():
        return None
    if len(label) > 1 and label.startswith("0"):
        return int(label, 8) if all(c in "01234567" for c in label) else None
    return int(label)


def parse_ipv6(bracketed: str) -> Host | None:
    try:
        address = ipaddress.IPv6Address(bracketed.strip("[]"))
    except ValueError:
        return None
    shown = f"[{address.compressed}]"
    return Host(shown, shown, shown, ip="IPv6")


@dataclass(frozen=True, slots=True)
class Domain:
    """Where a host sits in the Public Suffix List."""

    registrable: str  # e.g. paypal.com for www.paypal.com; the host itself when it has none
    suffix: str  # com, co.uk, github.io ...; the last label when the TLD is unknown
    known: bool  # whether the TLD is in the list


@dataclass(frozen=True, slots=True)
class Resolved:
    host: Host
    domain: Domain  # of host.ascii
    look: Domain  # of host.look


class Resolver:
    """Hosts from their labels, with their place in the suffix list, remembered by
    spelling: posts repeat a few popular domains, and working one out (IDNA, suffix list)
    costs tens of microseconds. The memory is bounded and only makes repeats faster."""

    _SIZE = 8192

    def __init__(self, normalizer: Normalizer, suffixes: Suffixes) -> None:
        self._normalizer = normalizer
        self._suffixes = suffixes
        self._known: dict[tuple[tuple[str, ...], tuple[str, ...]], Resolved | None] = {}

    def resolve(self, originals: list[str], foldeds: list[str]) -> Resolved | None:
        key = (tuple(originals), tuple(foldeds))
        if key in self._known:
            return self._known[key]
        host = host_from_labels(originals, foldeds, self._normalizer)
        resolved = None if host is None else self.place(host)
        if len(self._known) >= self._SIZE:
            self._known.clear()
        self._known[key] = resolved
        return resolved

    def place(self, host: Host) -> Resolved:
        if host.ip:
            domain = Domain(host.ascii, "", False)
            return Resolved(host, domain, domain)
        domain = self._suffixes.domain(host.ascii)
        look = domain if host.look == host.ascii else self._suffixes.domain(host.look)
        return Resolved(host, domain, look)


class Suffixes:
    """The Public Suffix List as shipped inside ``publicsuffixlist``: read from the
    package's own data file, never fetched, so lookups work offline and never change
    between runs of one installed version."""

    def __init__(self) -> None:
        self._list = public_suffix_list()

    def domain(self, host: str) -> Domain:
        if not host or host.startswith("[") or "." not in host:
            return Domain(host, "", False)
        known = self._list.publicsuffix(host, accept_unknown=False)
        suffix = known or host.rsplit(".", 1)[1]
        registrable = self._list.privatesuffix(host) or host
        return Domain(registrable, suffix, known is not None)
