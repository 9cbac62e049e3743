"""Links: candidates checked, de-obfuscated and located in the original text.

A candidate from the grammar becomes a Link only if it is plausible:

* a bare domain (no scheme) needs a real public suffix, or a domain list naming it; one
  written with soft separators (" dot ", " . ", "。", "点") needs a common TLD and a
  first label that is no English determiner ("the dot com bubble");
* "end.It was" is a missing space, not a domain: a bare domain whose TLD is written
  Capitalised after a lower-case letter is dropped;
* a bare domain under a suffix that is also a file extension (``readme.md``) or under an
  unknown TLD (``mr.smith``) is *doubtful*: it only counts when a list names it or it
  disguises a protected domain (a homograph or leet lookalike), never for ``any``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from netgov.core.text import Normalizer, TextViews
from netgov.detectors.urls.candidates import Candidate, Scanner
from netgov.detectors.urls.grammar import (
    COMMON_TLDS,
    FILE_LIKE_SUFFIXES,
    RUNS_ON,
    SEPARATOR,
    SOFT_SEP,
    STOPWORDS,
)
from netgov.detectors.urls.hosts import Domain, Host, Resolved, Resolver, parse_ipv6

_SOFT = re.compile(SOFT_SEP)
_PLAIN_SCHEMES = ("http://", "https://", "ftp://")
# Bounds the work one pathological post can cause (a megabyte of "a.com a.com ...").
MAX_CANDIDATES = 500


@dataclass(frozen=True, slots=True)
class Link:
    start: int  # the span in the original text
    end: int
    kind: str  # url, bare or ip (see Candidate)
    host: Host
    domain: Domain  # of host.ascii
    look: Domain  # of host.look
    userinfo: str = ""
    written: str = ""  # the obfuscations used, for evidence: "hxxps, [.]"
    doubtful: bool = False
    confidence: float = 1.0  # that this is a link at all (the score of ``any``)


@dataclass(frozen=True, slots=True)
class _Parts:
    labels: list[tuple[int, int]]
    separators: list[str]


class LinkReader:
    def __init__(
        self, scanner: Scanner, normalizer: Normalizer, resolver: Resolver, listed: Callable[[Host, Domain], bool]
    ) -> None:
        self._scanner = scanner
        self._normalizer = normalizer
        self._resolver = resolver
        self._listed = listed

    def read(self, views: TextViews, folded: str, candidates: Sequence[Candidate]) -> list[Link]:
        identity = views.original.isascii()
        links = []
        for candidate in candidates[:MAX_CANDIDATES]:
            link = self._link(views, folded, candidate, identity=identity, given=False)
            if link is not None:
                links.append(link)
        return links

    def read_text(self, text: str) -> list[Link]:
        views = TextViews(text, self._normalizer)
        return self.read(views, views.folded, self._scanner.scan(views.folded))

    def read_url(self, url: str) -> Link | None:
        """The link in one of ``content.urls``: the platform says it is a URL, so
        plausibility rules for prose do not apply."""
        views = TextViews(url, self._normalizer)
        folded = views.folded
        for candidate in self._scanner.scan(folded)[:MAX_CANDIDATES]:
            link = self._link(views, folded, candidate, identity=url.isascii(), given=True)
            if link is not None:
                return link
        return None

    def _link(self, views: TextViews, folded: str, c: Candidate, *, identity: bool, given: bool) -> Link | None:
        def place(start: int, end: int) -> tuple[int, int]:
            return (start, end) if identity else views.to_original("folded", start, end)

        parts = _split(folded, c.host_start, c.host_end)
        bare = c.kind == "bare" and not given
        if bare and not _plausible_bare(folded, c, parts):
            return None
        texts = [views.original[slice(*place(start, end))] for start, end in parts.labels]
        resolved = self._resolve(folded, c, parts, texts)
        if resolved is None:
            return None
        doubtful = False
        if bare:
            if _missing_space(texts):
                return None
            doubtful = _doubtful(resolved.look, texts) and not self._listed(resolved.host, resolved.domain)
        elif c.kind == "ip" and not given and not (c.port or c.path[1:2].isalpha()):
            return None  # "10.0.0.1/24" is a network, "1.2.3.4" may be a version
        start, end = place(c.start, _end(c))
        confidence = _confidence(folded, parts) if bare else 1.0
        host, domain, look = resolved.host, resolved.domain, resolved.look
        return Link(start, end, c.kind, host, domain, look, c.userinfo, _written(c, parts), doubtful, confidence)

    def _resolve(self, folded: str, c: Candidate, parts: _Parts, texts: list[str]) -> Resolved | None:
        if folded.startswith("[", c.host_start):
            host = parse_ipv6(folded[c.host_start : c.host_end])
            return None if host is None else self._resolver.place(host)
        foldeds = [folded[start:end] for start, end in parts.labels]
        if not all(foldeds):
            return None
        return self._resolver.resolve(texts, foldeds)


def _split(folded: str, start: int, end: int) -> _Parts:
    labels, separators = [], []
    position = start
    for separator in SEPARATOR.finditer(folded, start, end):
        labels.append((position, separator.start()))
        separators.append(separator.group())
        position = separator.end()
    labels.append((position, end))
    return _Parts(labels, separators)


def _plausible_bare(folded: str, c: Candidate, parts: _Parts) -> bool:
    if c.end == c.host_end and c.end < len(folded) and RUNS_ON.match(folded, c.end):
        return False
    if not any(_SOFT.fullmatch(separator) for separator in parts.separators):
        return True
    first, tld = parts.labels[-2], parts.labels[-1]
    return folded[slice(*tld)] in COMMON_TLDS and folded[slice(*first)] not in STOPWORDS


def _confidence(folded: str, parts: _Parts) -> float:
    """1.0 for "www." domains, 0.8 for other bare ones, 0.6 when written with soft
    separators, which prose uses too."""
    if folded[slice(*parts.labels[0])] == "www":
        return 1.0
    return 0.6 if any(_SOFT.fullmatch(separator) for separator in parts.separators) else 0.8


def _missing_space(labels: list[str]) -> bool:
    """Whether the labels look like a sentence that lost a space ("paypal.It is", "end.Now")."""
    tld, before = labels[-1], labels[-2]
    return tld[:1].isupper() and not tld.isupper() and before[-1:].islower()


def _doubtful(look: Domain, labels: list[str]) -> bool:
    if not look.known:
        return True
    return look.suffix in FILE_LIKE_SUFFIXES and labels[0].lower() != "www"


def _end(c: Candidate) -> int:
    if not c.path:
        return c.end
    return c.end - len(c.path) + len(_trim(c.path))


def _trim(path: str) -> str:
    """Drop punctuation that ends the sentence rather than the URL: "see x.com/a)." ."""
    pairs = {")": "(", "]": "[", "}": "{"}
    while path and path[-1] in ".,;:!?)]}*'":
        last = path[-1]
        if last in pairs and path.count(pairs[last]) >= path.count(last):
            break
        path = path[:-1]
    return path


def _written(c: Candidate, parts: _Parts) -> str:
    shown: list[str] = []
    if c.scheme and c.scheme not in _PLAIN_SCHEMES:
        shown.append(c.scheme.removesuffix("//").removesuffix(":"))
    for separator in parts.separators:
        token = separator.strip()
        if token == "." and separator != ".":
            token = "spaced dot"
        if token != "." and token not in shown:
            shown.append(token)
    return ", ".join(shown)
