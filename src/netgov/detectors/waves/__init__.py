"""Near-duplicate waves: signatures of text (pure) and the ``wave`` detector family.

The state (recent signatures, clusters) lives behind the ``netgov.waves`` ports.
"""

from __future__ import annotations

from netgov.detectors.waves.detector import WaveDetector, WaveFactory, wave_signal
from netgov.detectors.waves.signature import LshParams, Signature, Signer, similarity
from netgov.detectors.waves.windows import DEFAULT_WINDOWS, Window, parse_windows

__all__ = [
    "DEFAULT_WINDOWS",
    "LshParams",
    "Signature",
    "Signer",
    "WaveDetector",
    "WaveFactory",
    "Window",
    "parse_windows",
    "similarity",
    "wave_signal",
]
