"""The one plug-in interface for detectors, and the registry that holds them.

A ``DetectorFactory`` is registered once under a family name (``lexicon``, ``pattern``,
...). When a rulebook is compiled the factory builds a ``Detector`` for just the labels
the rules use. Detectors turn content into signals; they never decide anything.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from netgov.core.content import Content
from netgov.core.lists import EntryList
from netgov.core.observations import Observations
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.signals import Signal
from netgov.core.text import BatchViews, Normalizer, TextViews
from netgov.errors import DuplicateDetectorError


class Detector(Protocol):
    def detect(self, content: Content, text: TextViews) -> Sequence[Signal]:
        """Signals for this content, at most one per label."""
        ...


@runtime_checkable
class BatchDetector(Protocol):
    """A detector that can also scan many texts at once (optional, for speed).

    ``detect_batch`` must return, for each content, exactly what ``detect`` would.
    """

    def detect(self, content: Content, text: TextViews) -> Sequence[Signal]: ...

    def detect_batch(self, contents: Sequence[Content], batch: BatchViews) -> list[Sequence[Signal]]: ...


@runtime_checkable
class ObservingDetector(Protocol):
    """A detector that turns the caller's observations (waves, ...) into signals.

    The engine calls ``observe`` instead of ``detect``; it must stay pure: all state was
    read by the caller through a port and arrives in ``observations``.
    """

    def detect(self, content: Content, text: TextViews) -> Sequence[Signal]: ...

    def observe(self, content: Content, observations: Observations | None) -> Sequence[Signal]: ...


@runtime_checkable
class ModelDetector(Protocol):
    """A detector that scores with versioned models; decisions record the versions."""

    models: tuple[str, ...]

    def detect(self, content: Content, text: TextViews) -> Sequence[Signal]: ...


@dataclass(frozen=True, slots=True)
class BuildContext:
    """What a factory may use to build a detector: the rulebook's lists, the normaliser and
    deployment options (``pii.salt``, ...), which come from the composition root."""

    lists: Mapping[str, Mapping[str, EntryList]]
    normalizer: Normalizer
    options: Mapping[str, str] = field(default_factory=dict)
    # Files of the rulebook that are not text lists (models/NAME/...), by relative path.
    files: Mapping[str, bytes] = field(default_factory=dict)

    def lists_of(self, kind: str) -> Mapping[str, EntryList]:
        return self.lists.get(kind, {})


@dataclass(frozen=True, slots=True)
class DetectorExample:
    """A self-test: with ``lists`` loaded, ``text`` must yield ``label`` covering ``spans``.

    ``spans`` are substrings of ``text`` that must each be covered by evidence; an empty
    ``spans`` with ``should_match=False`` means no signal of ``label`` at all.
    """

    text: str
    label: str
    should_match: bool = True
    spans: tuple[str, ...] = ()
    lists: tuple[EntryList, ...] = ()
    language: str | None = None
    # Rulebook files the example needs (``models/NAME/...``), as (path, bytes) pairs.
    files: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True, slots=True)
class Built:
    detector: Detector | None
    problems: Sequence[Diagnostic] = field(default=())


class DetectorFactory(Protocol):
    name: str
    description: str

    def labels(self, context: BuildContext) -> frozenset[str]:
        """Every label this family can produce with these lists (to validate rules)."""
        ...

    def build(self, context: BuildContext, labels: frozenset[str]) -> Built:
        """A detector for ``labels``, or the problems that stop it from being built."""
        ...

    def examples(self) -> Sequence[DetectorExample]: ...


class DetectorRegistry:
    """Detector families by name; a second family with the same name is refused."""

    def __init__(self, factories: Sequence[DetectorFactory] = ()) -> None:
        self._factories: dict[str, DetectorFactory] = {}
        for factory in factories:
            self.register(factory)

    def register(self, factory: DetectorFactory) -> None:
        if factory.name in self._factories:
            raise DuplicateDetectorError(f"a detector named {factory.name!r} is already registered")
        self._factories[factory.name] = factory

    def get(self, name: str) -> DetectorFactory | None:
        return self._factories.get(name)

    def names(self) -> list[str]:
        return sorted(self._factories)

    def __iter__(self) -> Iterator[DetectorFactory]:
        return iter(self._factories.values())
