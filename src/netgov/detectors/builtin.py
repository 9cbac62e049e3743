"""netgov's own detectors, registered through the same hook that plug-ins use."""

from __future__ import annotations

from collections.abc import Sequence

import pluggy

from netgov.core.detection import DetectorFactory
from netgov.detectors.classifier import ClassifierFactory
from netgov.detectors.lexicon import LexiconFactory
from netgov.detectors.media import MediaFactory
from netgov.detectors.patterns import PatternFactory
from netgov.detectors.pii import PiiFactory
from netgov.detectors.urls import UrlFactory
from netgov.detectors.waves import WaveFactory

hookimpl = pluggy.HookimplMarker("netgov")


@hookimpl
def netgov_detectors() -> Sequence[DetectorFactory]:
    return [
        LexiconFactory(),
        PatternFactory(),
        PiiFactory(),
        UrlFactory(),
        ClassifierFactory(),
        WaveFactory(),
        MediaFactory(),
    ]
