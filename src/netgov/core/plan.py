"""The Plan: a rulebook compiled for speed, shared read-only by every decision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from netgov.core.conditions import needs_signal
from netgov.core.content import Content
from netgov.core.decision import LegalGround
from netgov.core.detection import BatchDetector, Detector, ModelDetector, ObservingDetector
from netgov.core.observations import Observations
from netgov.core.predicates import Predicate, compile_predicate
from netgov.core.regulation import Regulation
from netgov.core.rule import Rule
from netgov.core.signals import Signal
from netgov.core.text import BatchViews, Normalizer, TextViews


@dataclass(frozen=True, slots=True)
class GroundPeriod:
    """A period in which the rule's article is in force, and that article's text."""

    start: datetime
    end: datetime | None
    ground: LegalGround

    def covers(self, at: datetime) -> bool:
        return self.start <= at and (self.end is None or at < self.end)


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: Rule
    needs_signal: bool
    periods: tuple[GroundPeriod, ...]
    holds: Predicate

    def ground_at(self, at: datetime) -> LegalGround | None:
        """The article in force at ``at``; None means the rule may not fire then."""
        for period in self.periods:
            if period.covers(at):
                return period.ground
        return None


@dataclass(frozen=True, slots=True)
class Plan:
    version: str
    normalizer: Normalizer
    detectors: tuple[Detector, ...]
    rules: tuple[CompiledRule, ...]
    signal_free_rules: tuple[CompiledRule, ...]
    # Sorted once here: protocol checks cost microseconds, too much per post.
    _observers: frozenset[int] = field(init=False, default=frozenset())
    _batchers: frozenset[int] = field(init=False, default=frozenset())
    models: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        detectors = enumerate(self.detectors)
        kinds = [(i, isinstance(d, ObservingDetector), isinstance(d, BatchDetector)) for i, d in detectors]
        object.__setattr__(self, "_observers", frozenset(i for i, observing, _ in kinds if observing))
        object.__setattr__(self, "_batchers", frozenset(i for i, _, batching in kinds if batching))
        models = tuple(m for d in self.detectors if isinstance(d, ModelDetector) for m in d.models)
        object.__setattr__(self, "models", models)

    def detect(self, content: Content, observations: Observations | None = None) -> list[Signal]:
        views = TextViews(content.text, self.normalizer)
        signals: list[Signal] = []
        for index, detector in enumerate(self.detectors):
            if index in self._observers:
                signals.extend(cast(ObservingDetector, detector).observe(content, observations))
            else:
                signals.extend(detector.detect(content, views))
        return signals

    def detect_many(
        self, contents: Sequence[Content], observations: Sequence[Observations | None] | None = None
    ) -> list[list[Signal]]:
        """Signals for each content; detectors with ``detect_batch`` scan the batch at once."""
        batch = BatchViews([content.text for content in contents], self.normalizer)
        seen = observations if observations is not None else [None] * len(contents)
        found: list[list[Signal]] = [[] for _ in contents]
        for index, detector in enumerate(self.detectors):
            if index in self._observers:
                observer = cast(ObservingDetector, detector)
                results = [observer.observe(c, o) for c, o in zip(contents, seen, strict=True)]
            elif index in self._batchers and batch.batched:
                results = cast(BatchDetector, detector).detect_batch(contents, batch)
            else:
                results = [detector.detect(content, batch.view(i)) for i, content in enumerate(contents)]
            for signals, result in zip(found, results, strict=True):
                if result:
                    signals.extend(result)
        return found


def compile_rule(rule: Rule, versions: Sequence[Regulation]) -> CompiledRule:
    periods = []
    for regulation in versions:
        article = regulation.article(rule.basis.article)
        if article is None:
            continue
        ground = LegalGround(
            regulation=regulation.id,
            regulation_title=regulation.title,
            version=regulation.version,
            authority=regulation.authority,
            jurisdiction=regulation.jurisdiction,
            article=article.number,
            article_title=article.title,
            article_text=article.text,
        )
        start, end = regulation.period(article)
        periods.append(GroundPeriod(start, end, ground))
    periods.sort(key=lambda p: p.start)
    return CompiledRule(rule, needs_signal(rule.condition), tuple(periods), compile_predicate(rule.condition))
