"""The personal-data detector: one candidate scan, validators on candidates, masked evidence.

A post without any candidate costs one RE2 pass over its folded view (a batch: one pass
over the joined batch). Only candidates reach Python: validators, context look-ups and
the offset map back to the original text run for them alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from netgov.core.content import Content
from netgov.core.signals import Evidence, Signal
from netgov.core.taxonomy import Category
from netgov.core.text import BatchViews, TextViews
from netgov.core.text.normalizer import BATCH_SEPARATOR
from netgov.detectors.pii.candidates import Candidate, CandidateScanner
from netgov.detectors.pii.context import ContextWords
from netgov.detectors.pii.entities import Entity, Surroundings
from netgov.detectors.pii.finder import EntityFinder
from netgov.detectors.pii.masking import masked
from netgov.detectors.pii.spans import Folding

CATEGORY = Category.DATA_PROTECTION_AND_PRIVACY_VIOLATIONS
# Evidence kept per label and post; a dump of thousands of numbers still counts 1,000.
MAX_EVIDENCE = 1000


class DetectorParts(NamedTuple):
    """What the factory builds once for a detector."""

    scanner: CandidateScanner
    finder: EntityFinder
    words: ContextWords
    folding: Folding


class PiiDetector:
    def __init__(self, labels: frozenset[str], parts: DetectorParts, salt: str) -> None:
        self._labels = labels
        self._scanner = parts.scanner
        self._finder = parts.finder
        self._words = parts.words
        self._folding = parts.folding
        self._salt = salt

    def detect(self, content: Content, text: TextViews) -> Sequence[Signal]:
        folded = text.folded
        candidates = list(self._scanner.scan(folded))
        if not candidates:
            return ()
        return self._signals(candidates, folded, text, content)

    def detect_batch(self, contents: Sequence[Content], batch: BatchViews) -> list[Sequence[Signal]]:
        if not batch.batched:
            return [self.detect(content, batch.view(i)) for i, content in enumerate(contents)]
        joined = batch.folded
        found: dict[int, tuple[int, list[Candidate]]] = {}
        # No candidate pattern matches the separator, so each candidate lies in one text.
        # Candidates come in order: counting separators from the previous one finds the
        # text, in C, without an index of the whole batch.
        index, start, position = 0, 0, 0
        for candidate in self._scanner.scan(joined):
            passed = joined.count(BATCH_SEPARATOR, position, candidate.start)
            if passed:
                index += passed
                start = joined.rfind(BATCH_SEPARATOR, position, candidate.start) + 1
            position = candidate.start
            found.setdefault(index, (start, []))[1].append(_shifted(candidate, start))
        results: list[Sequence[Signal]] = [()] * len(contents)
        for index, (start, candidates) in found.items():
            end = joined.find(BATCH_SEPARATOR, start)
            folded = joined[start : end if end >= 0 else len(joined)]
            results[index] = self._signals(candidates, folded, batch.view(index), contents[index])
        return results

    def _signals(self, candidates: list[Candidate], folded: str, view: TextViews, content: Content) -> list[Signal]:
        around = Surroundings(self._words, folded)
        spans = self._folding.spans(view)
        entities = self._finder.find(candidates, around, spans, content)
        if not entities:
            return []
        by_label: dict[str, list[tuple[Evidence, float]]] = {}
        for entity in entities:
            item = masked(entity, around, spans, self._salt)
            for label in _labels_of(entity, self._labels):
                by_label.setdefault(label, []).append(item)
        return [_signal(label, items) for label, items in sorted(by_label.items())]


def _labels_of(entity: Entity, wanted: frozenset[str]) -> list[str]:
    return [label for label in (entity.label, "any") if label in wanted]


def _signal(label: str, items: list[tuple[Evidence, float]]) -> Signal:
    items.sort(key=lambda item: (item[0].start, item[0].end))
    return Signal(
        detector="pii",
        label=label,
        score=max(score for _, score in items),
        category=CATEGORY,
        evidence=tuple(evidence for evidence, _ in items[:MAX_EVIDENCE]),
    )


def _shifted(candidate: Candidate, offset: int) -> Candidate:
    context = candidate.context
    if context is not None:
        context = (context[0] - offset, context[1] - offset)
    return Candidate(candidate.shape, candidate.start - offset, candidate.end - offset, context)
