"""Verdicts: what one link is, label by label, from the domain lists and its host.

Per link, in this order: an allowlisted link yields nothing at all (unless a block list
names a more specific domain under it); then ``blocked``, ``shortener`` and ``lookalike``
from the lists; then, for links that are not doubtful (see extract.py), ``any``,
``ip_host`` and ``punycode``. A verdict depends on how the link is spelled, not on where
it stands, so verdicts are remembered by spelling: popular domains recur in every batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from netgov.detectors.urls.domain_lists import DomainSet
from netgov.detectors.urls.extract import Link
from netgov.detectors.urls.hosts import Domain, Host
from netgov.detectors.urls.lookalike import Protected

# (label, evidence entry, evidence detail, score)
Verdict = tuple[str, str, str, float]
_Key = tuple[str, Host, str, str, bool, float]


@dataclass(frozen=True, slots=True)
class DomainLists:
    block: DomainSet
    allow: DomainSet
    shorteners: DomainSet
    protected: Protected

    def allowed(self, link: Link) -> bool:
        allowed = self.allow.match(link.host)
        if allowed is None:
            return False
        blocked = self.block.match(link.host)
        return blocked is None or len(blocked[0]) <= len(allowed[0])

    def listed(self, host: Host, domain: Domain) -> bool:
        """Whether any list names the host: such a bare domain is never doubtful."""
        sets = (self.block, self.allow, self.shorteners)
        return any(s.match(host) is not None for s in sets) or self.protected.owns(domain)


class Judge:
    _SIZE = 8192

    def __init__(self, lists: DomainLists, labels: frozenset[str]) -> None:
        self.lists = lists
        self._labels = labels
        self._known: dict[_Key, tuple[Verdict, ...]] = {}

    def verdicts(self, link: Link) -> tuple[Verdict, ...]:
        key = (link.kind, link.host, link.userinfo, link.written, link.doubtful, link.confidence)
        known = self._known.get(key)
        if known is None:
            known = self._decide(link)
            if len(self._known) >= self._SIZE:
                self._known.clear()
            self._known[key] = known
        return known

    def _decide(self, link: Link) -> tuple[Verdict, ...]:
        if self.lists.allowed(link):
            return ()
        found: list[Verdict] = []

        def add(label: str, detail: str, score: float, entry: str = link.domain.registrable) -> None:
            if label in self._labels:
                found.append((label, entry, detail, score))

        blocked = self.lists.block.match(link.host)
        if blocked is not None:
            add("blocked", f"{blocked[0]} is in the block list {blocked[1]!r}", 1.0)
        shortener = self.lists.shorteners.match(link.host)
        if shortener is not None:
            add("shortener", f"{shortener[0]} is a link shortener (list {shortener[1]!r})", 0.5)
        lookalike = self.lists.protected.check(link) if "lookalike" in self._labels else None
        if lookalike is not None:
            detail = f"lookalike of {lookalike.protected}: {lookalike.method}{shown_as(link)}"
            add("lookalike", detail, lookalike.score, lookalike.protected)
        if not link.doubtful:
            _describe(link, add)
        return tuple(found)


def _describe(link: Link, add: Callable[[str, str, float], None]) -> None:
    what = {"url": "URL", "bare": "domain", "ip": "address"}[link.kind]
    if link.written:
        what += f" written with {link.written}"
    if link.userinfo:
        what += f"; {link.userinfo!r} before the @ hides the real host"
    add("any", what, link.confidence)
    host = link.host
    if host.ip:
        encoded = f" written as a single number or in hex/octal ({host.ascii})" if host.encoded_ip else ""
        add("ip_host", f"{host.ip} host{encoded}", 0.8 if host.encoded_ip else 0.7)
    if host.punycode:
        add("punycode", f"punycode host {host.ascii}, shown as {host.display}", 0.5)


def shown_as(link: Link) -> str:
    if link.host.display == link.host.ascii:
        return ""
    return f" ({link.host.ascii}, shown as {link.host.display})"
