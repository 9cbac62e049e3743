"""Lookalikes: domains that imitate a protected one (a bank, a brand, an authority).

Each protected registrable domain contributes its *brand*, the label before the public
suffix (``paypal`` for paypal.com, ``icbc`` for icbc.com.cn). A link's host is compared
with the brands by the methods below, strongest first; the first that holds names the
protected domain imitated:

==============  =====  ==========================================================
method          score  example (protected: paypal.com)
==============  =====  ==========================================================
homograph       1.0    pаypal.com (Cyrillic а), xn--pypal-4ve.com, pàypal.net
leet            0.9    paypa1.com, rnicrosoft.com (rn for m), pay-pal.com
userinfo        0.9    http://paypal.com@evil.example/ (the brand before the @)
typo            0.8    paypall.com, pyapal.com, paypa.com (one edit; brands of 6+; 0.7 for 5)
combosquat      0.7    paypal-login.com, secure-paypal.com, paypal.com-secure.example
other suffix    0.6    paypal.co (brands often own these too: list them as protected)
==============  =====  ==========================================================

The protected domains and their subdomains are never lookalikes. Comparisons use the
``look`` spelling of the host (homoglyphs folded), so a homograph is recognised whatever
script its letters come from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.text.folding import LEET
from netgov.detectors.urls.domain_lists import DomainList
from netgov.detectors.urls.extract import Link
from netgov.detectors.urls.hosts import Domain, Suffixes

_TYPO_MIN = 5  # shorter brands have too many one-edit neighbours that are real words
_TOKEN_MIN = 3
_AFFIX_MIN = 6  # "paypalsecure": a brand glued to a word, only for long brands
_DOUBTFUL_MIN = 0.9
_MULTI = (("rn", "m"), ("vv", "w"))
_TOKENS = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Lookalike:
    protected: str
    method: str
    score: float


def _brand(domain: Domain) -> str:
    return domain.registrable[: -len(domain.suffix) - 1] if domain.suffix else ""


def _skeleton(label: str) -> str:
    for written, meant in _MULTI:
        label = label.replace(written, meant)
    return "".join(LEET.get(char, char) for char in label if char != "-")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _disguised(link: Link) -> bool:
    """Whether the registrable part of the host is written with characters other than
    the ASCII letters it looks like (homoglyphs, accents)."""
    size = link.look.registrable.count(".") + 1
    return link.host.display.split(".")[-size:] != link.host.look.split(".")[-size:]


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or
    transposition of adjacent letters (Damerau-Levenshtein distance 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) > len(b):
        return a[i + 1 :] == b[i:]
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i + 1 :] == b[i + 1 :] or swapped


class Protected:
    def __init__(self, domains: Iterable[Domain]) -> None:
        self._owned: set[str] = set()
        self._brands: dict[str, Domain] = {}
        self._skeletons: dict[str, str] = {}
        self._near: dict[str, set[str]] = {}
        for domain in domains:
            self._add(domain)

    def _add(self, domain: Domain) -> None:
        self._owned.add(domain.registrable)
        brand = _brand(domain)
        if brand in self._brands:
            return
        self._brands[brand] = domain
        self._skeletons.setdefault(_skeleton(brand), brand)
        if len(brand) >= _TYPO_MIN:
            for variant in (*_deletions(brand), brand):
                self._near.setdefault(variant, set()).add(brand)

    def __bool__(self) -> bool:
        return bool(self._brands)

    def owns(self, domain: Domain) -> bool:
        return domain.registrable in self._owned

    def check(self, link: Link) -> Lookalike | None:
        if not self._brands or self.owns(link.domain):
            return None
        methods = (self._by_userinfo,) if link.host.ip else (self._by_label, self._by_userinfo, self._by_tokens)
        found = [result for method in methods if (result := method(link)) is not None]
        if not found:
            found = [result] if (result := self._by_suffix(link)) is not None else []
        if not found:
            return None
        brand, method, score = max(found, key=lambda result: result[2])
        if link.doubtful and score < _DOUBTFUL_MIN:
            return None  # "paypal-client.py" is a file name; only a disguise counts there
        return Lookalike(self._brands[brand].registrable, method, score)

    def _by_label(self, link: Link) -> tuple[str, str, float] | None:
        label = _brand(link.look)
        if label in self._brands and _disguised(link):
            return label, "homograph", 1.0
        brand = self._skeletons.get(_skeleton(label))
        if brand is not None and brand != label:
            return brand, "leet", 0.9
        brand = self._typo_of(label)
        if brand is None:
            return None
        # Five-letter brands have real words one edit away ("tmall", "small"): weaker.
        return brand, "typo", 0.8 if len(brand) > _TYPO_MIN else 0.7

    def _typo_of(self, label: str) -> str | None:
        if len(label) < _TYPO_MIN - 1:
            return None
        candidates: set[str] = set()
        for variant in (*_deletions(label), label):
            candidates |= self._near.get(variant, set())
        return next((brand for brand in sorted(candidates) if one_edit(label, brand)), None)

    def _by_userinfo(self, link: Link) -> tuple[str, str, float] | None:
        for token in _TOKENS.split(link.userinfo):
            if len(token) >= _TOKEN_MIN and token in self._brands:
                return token, "userinfo", 0.9
        return None

    def _by_tokens(self, link: Link) -> tuple[str, str, float] | None:
        label = _brand(link.look)
        named = link.host.look[: -len(link.look.suffix) - 1] if link.look.suffix else link.host.look
        for token in _TOKENS.split(named):
            if len(token) >= _TOKEN_MIN and token in self._brands and token != label:
                return token, "combosquat", 0.7
        for size in range(_AFFIX_MIN, len(label)):
            for affix in (label[:size], label[-size:]):
                if affix in self._brands:
                    return affix, "combosquat", 0.7
        return None

    def _by_suffix(self, link: Link) -> tuple[str, str, float] | None:
        label = _brand(link.look)
        if not link.look.known or label not in self._brands:
            return None
        return label, "other suffix", 0.6


def build_protected(lists: Iterable[DomainList], suffixes: Suffixes) -> tuple[Protected, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    domains: list[Domain] = []
    for listed in lists:
        for name, line in listed.domains:
            domain = suffixes.domain(name)
            if not _brand(domain) or name.startswith("[") or name[-1].isdigit():
                message = f"{name!r} is a public suffix or an address, not a domain someone can own"
                problems.append(Diagnostic(listed.path, line, 1, message))
                continue
            domains.append(domain)
    return Protected(domains), problems
