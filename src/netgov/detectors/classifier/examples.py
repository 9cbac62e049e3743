"""Self-tests for the classifier family, with a tiny hand-made model built in memory.

The weights put +3 on the n-grams of four prize-scam words, so the examples test the
loading, hashing and scoring path without depending on the shipped model's training.
"""

from __future__ import annotations

import numpy as np

from netgov.core.detection import DetectorExample
from netgov.detectors.classifier.artifact import encode_model
from netgov.detectors.classifier.features import FeatureSpec, featurize

_SPEC = FeatureSpec(ngram_min=3, ngram_max=4, buckets=4096)


def demo_model_files(name: str = "demo") -> tuple[tuple[str, bytes], ...]:
    """The files of the demo model, as ``models/NAME/FILE`` paths and bytes."""
    weights = np.zeros((1, _SPEC.buckets), dtype=np.float32)
    words = featurize(["claim", "free", "prize", "winner"], _SPEC)
    weights[0, words.columns] = 3.0
    card = {"name": name, "intended_use": "netgov's own self-tests only"}
    files = encode_model(labels=("other", "spam"), features=_SPEC, weights=weights, bias=[-2.0], floor=0.5, card=card)
    return tuple((f"models/{name}/{file}", data) for file, data in sorted(files.items()))


_FILES = demo_model_files()

EXAMPLES = (
    DetectorExample(
        text="Claim your FREE prize now, winner!",
        label="demo.spam",
        files=_FILES,
    ),
    DetectorExample(text="See you at lunch tomorrow", label="demo.other", files=_FILES),
    DetectorExample(text="See you at lunch tomorrow", label="demo.spam", should_match=False, files=_FILES),
    DetectorExample(text="免费领取大奖", label="demo.spam", should_match=False, files=_FILES),
)
