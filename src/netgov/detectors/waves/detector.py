"""The ``wave`` detector family: turns the waves the caller observed into signals.

It never looks at text or state (``detect`` returns nothing): the caller asked the wave
store through a port and passes what it saw in ``Observations``, which keeps the engine
pure and lets every decision record the wave it used.
"""

from __future__ import annotations

from collections.abc import Sequence

from netgov.core.content import Content
from netgov.core.detection import BuildContext, Built, DetectorExample
from netgov.core.observations import Observations, Wave
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.signals import Evidence, Signal
from netgov.core.text import TextViews
from netgov.detectors.waves.windows import DEFAULT_WINDOWS, parse_windows


class WaveDetector:
    def __init__(self, labels: frozenset[str]) -> None:
        self._labels = labels

    def detect(self, content: Content, text: TextViews) -> Sequence[Signal]:
        return ()

    def observe(self, content: Content, observations: Observations | None) -> Sequence[Signal]:
        if observations is None or not observations.waves:
            return ()
        return tuple(wave_signal(content, w) for w in observations.waves if w.window in self._labels)


def wave_signal(content: Content, wave: Wave) -> Signal:
    """Score 1.0: the store already verified similarity, so the signal is a count, and
    rules state what counts (``min_count`` posts, ``min_distinct`` accounts)."""
    detail = (
        f"cluster {wave.cluster}: {wave.size} posts from {wave.accounts} accounts in {wave.window} "
        f"since {wave.first_seen.isoformat()}, first post {wave.representative}"
    )
    evidence = Evidence(start=0, end=len(content.text), entry=wave.cluster, detail=detail)
    return Signal(
        detector="wave",
        label=wave.window,
        score=1.0,
        evidence=(evidence,),
        occurrences=wave.size,
        sources=wave.accounts,
    )


class WaveFactory:
    name = "wave"
    description = "Near-duplicate floods across accounts, as observed by the wave store (labels: windows)."

    def labels(self, context: BuildContext) -> frozenset[str]:
        try:
            return frozenset(w.label for w in parse_windows(_windows_option(context)))
        except ValueError:
            return frozenset()

    def build(self, context: BuildContext, labels: frozenset[str]) -> Built:
        try:
            parse_windows(_windows_option(context))
        except ValueError as error:
            return Built(None, [Diagnostic("<options>", 0, 0, f"waves.windows: {error}")])
        return Built(WaveDetector(labels) if labels else None)

    def examples(self) -> Sequence[DetectorExample]:
        # Text alone never makes a wave: only observations do (tests/detectors/test_waves.py).
        return (
            DetectorExample(text="Claim your free prize now at prize-claim.example", label="1h", should_match=False),
            DetectorExample(text="免费领取iPhone，名额有限，速来", label="10m", should_match=False),
        )


def _windows_option(context: BuildContext) -> str:
    return context.options.get("waves.windows", DEFAULT_WINDOWS)
