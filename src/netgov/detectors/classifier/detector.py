"""The classifier detector: per-label probabilities from the rulebook's models."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netgov.core.content import Content
from netgov.core.signals import Evidence, Signal
from netgov.core.text import BatchViews, TextViews
from netgov.detectors.classifier.model import Model


@dataclass(frozen=True, slots=True)
class Scored:
    """A model and the columns of its labels that rules use."""

    model: Model
    columns: tuple[int, ...]


class ClassifierDetector:
    """One signal per wanted label whose probability reaches the model's floor.

    The floor keeps decisions small (a binary model would otherwise always emit two
    signals). The one evidence item names the model version in ``entry`` and gives the
    score in ``detail``; its span is the whole text, because the model judged the text as
    a whole (highlighters show the innermost spans, so it hides no other evidence).
    """

    def __init__(self, scored: Sequence[Scored]) -> None:
        self._scored = tuple(scored)
        self.models = tuple(s.model.version for s in self._scored)

    def detect(self, content: Content, text: TextViews) -> Sequence[Signal]:
        return self._signals([content])[0]

    def detect_batch(self, contents: Sequence[Content], batch: BatchViews) -> list[Sequence[Signal]]:
        return self._signals(contents)

    def _signals(self, contents: Sequence[Content]) -> list[Sequence[Signal]]:
        results: list[list[Signal]] = [[] for _ in contents]
        texts = [content.text for content in contents]
        for scored in self._scored:
            model = scored.model
            probabilities = model.scores(texts)
            for index in range(len(texts)):
                for column in scored.columns:
                    score = float(probabilities[index, column])
                    if score >= model.floor:
                        results[index].append(_signal(model, model.labels[column], score, len(texts[index])))
        return [sorted(found, key=lambda s: s.label) for found in results]


def _signal(model: Model, label: str, score: float, length: int) -> Signal:
    evidence = Evidence(start=0, end=length, entry=model.version, detail=f"{score:.6f}")
    return Signal(detector="classifier", label=f"{model.name}.{label}", score=round(score, 6), evidence=(evidence,))
