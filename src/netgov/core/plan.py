"""The Plan: a rulebook compiled for speed, shared read-only by every decision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from netgov.core.conditions import needs_signal
from netgov.core.content import Content
from netgov.core.decision import LegalGround
from netgov.core.detection import BatchDetector, Detector
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

    def detect(self, content: Content) -> list[Signal]:
        views = TextViews(content.text, self.normalizer)
        signals: list[Signal] = []
        for detector in self.detectors:
            signals.extend(detector.detect(content, views))
        return signals

    def detect_many(self, contents: Sequence[Content]) -> list[list[Signal]]:
        """Signals for each content; detectors with ``detect_batch`` scan the batch at once."""
        batch = BatchViews([content.text for content in contents], self.normalizer)
        found: list[list[Signal]] = [[] for _ in contents]
        for detector in self.detectors:
            for signals, results in zip(found, _detect_batch(detector, contents, batch), strict=True):
                if results:
                    signals.extend(results)
        return found


def _detect_batch(detector: Detector, contents: Sequence[Content], batch: BatchViews) -> list[Sequence[Signal]]:
    if batch.batched and isinstance(detector, BatchDetector):
        return detector.detect_batch(contents, batch)
    return [detector.detect(content, batch.view(i)) for i, content in enumerate(contents)]


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
    return CompiledRule(rule, needs_signal(rule.condition), tuple(periods))
