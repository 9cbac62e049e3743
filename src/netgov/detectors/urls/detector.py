"""The URL detector: links in the text and in ``content.urls``, and mismatched markup.

What each link is comes from ``verdicts.py``; this module finds the links, places the
evidence and keeps one Signal per label, scored by its strongest evidence (see
docs/detectors/urls.md for every score).
"""

from __future__ import annotations

from collections.abc import Sequence

from netgov.core.content import Content
from netgov.core.signals import Evidence, Signal
from netgov.core.taxonomy import Category
from netgov.core.text import BatchViews, TextViews
from netgov.detectors.urls.candidates import Candidate, Scanner
from netgov.detectors.urls.extract import Link, LinkReader
from netgov.detectors.urls.markup import has_markup, markup_links, markup_texts
from netgov.detectors.urls.verdicts import Judge

_FRAUD = Category.SCAMS_AND_FRAUD
_CATEGORIES = {"blocked": _FRAUD, "lookalike": _FRAUD, "mismatched_link": _FRAUD}
_MAX_EVIDENCE = 50
# content.urls have no place in the text: their evidence is the empty span [0, 0).
_GIVEN = "from content.urls: "
_LINK_STARTS = ("http", "hxxp", "ftp:", "www.")


class _Found:
    """Evidence per label, at most one Signal per label."""

    def __init__(self) -> None:
        self._evidence: dict[str, list[Evidence]] = {}
        self._scores: dict[str, float] = {}

    def add(self, label: str, evidence: Evidence, score: float) -> None:
        found = self._evidence.setdefault(label, [])
        if len(found) < _MAX_EVIDENCE:
            found.append(evidence)
        self._scores[label] = max(self._scores.get(label, 0.0), score)

    def signals(self) -> list[Signal]:
        return [
            Signal(
                detector="url",
                label=label,
                score=self._scores[label],
                category=_CATEGORIES.get(label),
                evidence=tuple(_unique(found)),
            )
            for label, found in sorted(self._evidence.items())
        ]


def _unique(found: list[Evidence]) -> list[Evidence]:
    seen: dict[tuple[int, int, str], Evidence] = {}
    for evidence in sorted(found, key=lambda e: (e.start, e.end)):
        seen.setdefault((evidence.start, evidence.end, evidence.entry), evidence)
    return list(seen.values())


class UrlDetector:
    def __init__(self, scanner: Scanner, reader: LinkReader, judge: Judge, labels: frozenset[str]) -> None:
        self._scanner = scanner
        self._reader = reader
        self._judge = judge
        self._markup = "mismatched_link" in labels

    def detect(self, content: Content, text: TextViews) -> Sequence[Signal]:
        folded = text.folded
        return self._detect(content, text, folded, self._scanner.scan(folded))

    def detect_batch(self, contents: Sequence[Content], batch: BatchViews) -> list[Sequence[Signal]]:
        starts = batch.folded_starts()
        found = self._scanner.scan_batch(batch.folded, starts)
        markup = markup_texts(batch.folded, starts) if self._markup else set()
        given = {index for index, content in enumerate(contents) if content.urls}
        results: list[Sequence[Signal]] = [()] * len(contents)
        for index in sorted(found.keys() | markup | given):
            folded = batch.folded_parts[index]
            results[index] = self._detect(contents[index], batch.view(index), folded, found.get(index, []))
        return results

    def _detect(self, content: Content, views: TextViews, folded: str, candidates: list[Candidate]) -> list[Signal]:
        found = _Found()
        for link in self._reader.read(views, folded, candidates):
            self._add(link, found, "")
        for url in content.urls:
            given = self._reader.read_url(url)
            if given is not None:
                self._add(given, found, _GIVEN)
        if self._markup and has_markup(folded):
            self._mismatches(views.original, found)
        return found.signals()

    def _add(self, link: Link, found: _Found, source: str) -> None:
        start, end = (0, 0) if source else (link.start, link.end)
        for label, entry, detail, score in self._judge.verdicts(link):
            found.add(label, Evidence(start=start, end=end, entry=entry, detail=source + detail), score)

    def _mismatches(self, original: str, found: _Found) -> None:
        lists = self._judge.lists
        for markup in markup_links(original):
            href = "https:" + markup.href if markup.href.startswith("//") else markup.href
            target = self._reader.read_url(href) if href.lower().startswith(_LINK_STARTS) else None
            if target is None or lists.allowed(target):
                continue
            opens = target.domain.registrable
            for shown in self._reader.read_text(markup.shown):
                if shown.doubtful or shown.domain.registrable == opens:
                    continue
                score = 1.0 if lists.protected.owns(shown.domain) else 0.8
                detail = f"the link text shows {shown.domain.registrable} but the link opens {opens}"
                evidence = Evidence(start=markup.start, end=markup.end, entry=opens, detail=detail)
                found.add("mismatched_link", evidence, score)
                break
