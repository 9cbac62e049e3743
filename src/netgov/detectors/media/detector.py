"""The ``media`` detector family: turns the caller's bank matches into signals.

Labels: ``match`` (any positive bank) and one per taxonomy category in lower case
(``protection_of_minors``, ``risk_for_public_security``, ...), for the banks of that
category, so that a rule can act per kind of bank. Like the ``wave`` family it never
looks at the content itself: ``detect`` returns nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from netgov.core.content import Content
from netgov.core.detection import BuildContext, Built, DetectorExample
from netgov.core.observations import MediaObservation, Observations
from netgov.core.signals import Evidence, Signal
from netgov.core.taxonomy import Category
from netgov.core.text import TextViews

PDQ_BITS = 256
MATCH = "match"
MEDIA_LABELS = frozenset({MATCH} | {category.value.lower() for category in Category})


class MediaDetector:
    def __init__(self, labels: frozenset[str]) -> None:
        self._labels = labels

    def detect(self, content: Content, text: TextViews) -> Sequence[Signal]:
        return ()

    def observe(self, content: Content, observations: Observations | None) -> Sequence[Signal]:
        if observations is None or not observations.media:
            return ()
        signals = []
        for label in sorted(self._labels):
            chosen = [m for m in observations.media if label == MATCH or _label(m) == label]
            if chosen:
                signals.append(media_signal(label, chosen))
        return tuple(signals)


def _label(match: MediaObservation) -> str | None:
    return match.category.value.lower() if match.category else None


def media_signal(label: str, matches: Sequence[MediaObservation]) -> Signal:
    """Score: the closest match, ``1 - distance/256`` for PDQ (a distance of 31 scores
    0.88) and 1.0 for an exact hash; ``count`` is the number of matches."""
    category = Category(label.upper()) if label != MATCH else None
    return Signal(
        detector="media",
        label=label,
        score=max(score(m) for m in matches),
        category=category,
        evidence=tuple(_evidence(m) for m in matches),
    )


def score(match: MediaObservation) -> float:
    return 1.0 if match.signal_type != "pdq" else round(1.0 - match.distance / PDQ_BITS, 4)


def _evidence(match: MediaObservation) -> Evidence:
    # Media is not in the text: the span is empty and the entry names the bank entry.
    return Evidence(start=0, end=0, entry=f"{match.bank}:{match.entry}", detail=describe(match))


def describe(match: MediaObservation) -> str:
    """``pdq distance 12/256, quality 87, frames at 3.0s, 4.0s`` or ``md5 exact``."""
    if match.signal_type != "pdq":
        parts = [f"{match.signal_type} exact"]
    else:
        parts = [f"pdq distance {match.distance}/{PDQ_BITS}"]
        if match.quality is not None:
            parts.append(f"quality {match.quality}")
    if match.timestamps:
        parts.append("frames at " + ", ".join(f"{at:.1f}s" for at in match.timestamps))
    if match.media:
        parts.append(f"media item {match.media + 1}")
    return ", ".join(parts)


class MediaFactory:
    name = "media"
    description = "Known images and videos, matched by hash against hash banks by the media matcher."

    def labels(self, context: BuildContext) -> frozenset[str]:
        return MEDIA_LABELS

    def build(self, context: BuildContext, labels: frozenset[str]) -> Built:
        return Built(MediaDetector(labels) if labels else None)

    def examples(self) -> Sequence[DetectorExample]:
        # Text alone never matches a bank: only observations do (tests/detectors/test_media.py).
        return (
            DetectorExample(text="Look at this picture of my cat", label="match", should_match=False),
            DetectorExample(text="新的照片", label="protection_of_minors", should_match=False),
        )
