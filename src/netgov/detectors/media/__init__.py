"""The ``media`` detector family: known imagery, as the caller's media matcher observed it.

Hashing and the hash banks live outside the core (netgov.media); this family only turns
``Observations.media`` into signals.
"""

from __future__ import annotations

from netgov.detectors.media.detector import MEDIA_LABELS, MediaDetector, MediaFactory, media_signal

__all__ = ["MEDIA_LABELS", "MediaDetector", "MediaFactory", "media_signal"]
