"""UrlFactory: the ``url`` detector family, built from the rulebook's domain lists."""

from __future__ import annotations

from collections.abc import Sequence

from netgov.core.detection import BuildContext, Built, DetectorExample
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.detectors.urls.candidates import Scanner
from netgov.detectors.urls.detector import UrlDetector
from netgov.detectors.urls.domain_lists import DomainList, DomainSet, by_role, read_domain_list
from netgov.detectors.urls.extract import LinkReader
from netgov.detectors.urls.hosts import Resolver, Suffixes
from netgov.detectors.urls.lookalike import build_protected
from netgov.detectors.urls.verdicts import DomainLists, Judge

LABELS = frozenset({"any", "blocked", "shortener", "lookalike", "ip_host", "punycode", "mismatched_link"})


class UrlFactory:
    name = "url"
    description = "URLs and bare domains, de-obfuscated, checked against the rulebook's domain lists."

    def __init__(self) -> None:
        # The compiled grammar and the Public Suffix List are immutable and take about
        # 60 ms to load, so each factory loads them once, on first use.
        self._tools: tuple[Scanner, Suffixes] | None = None

    def labels(self, context: BuildContext) -> frozenset[str]:
        return LABELS

    def build(self, context: BuildContext, labels: frozenset[str]) -> Built:
        # Every domain list is validated, used or not: a broken feed is an error now.
        problems: list[Diagnostic] = []
        lists: list[DomainList] = []
        for _, source in sorted(context.lists_of("domain").items()):
            listed, found = read_domain_list(source)
            problems.extend(found)
            if listed is not None:
                lists.append(listed)
        scanner, suffixes = self._load()
        roles = by_role(lists)
        protected, found = build_protected(roles["protected"], suffixes)
        problems.extend(found)
        if not labels or any(p.severity == "error" for p in problems):
            return Built(None, problems)
        domain_lists = DomainLists(
            block=DomainSet(roles["block"]),
            allow=DomainSet(roles["allow"]),
            shorteners=DomainSet(roles["shorteners"]),
            protected=protected,
        )
        resolver = Resolver(context.normalizer, suffixes)
        reader = LinkReader(scanner, context.normalizer, resolver, domain_lists.listed)
        wanted = labels & LABELS
        return Built(UrlDetector(scanner, reader, Judge(domain_lists, wanted), wanted), problems)

    def examples(self) -> Sequence[DetectorExample]:
        from netgov.detectors.urls.examples import EXAMPLES

        return EXAMPLES

    def _load(self) -> tuple[Scanner, Suffixes]:
        if self._tools is None:
            self._tools = (Scanner(), Suffixes())
        return self._tools
