"""Encoding a model as the bytes of its three files (the inverse of ``load_model``)."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from netgov.detectors.classifier.features import FeatureSpec
from netgov.detectors.classifier.model import FORMAT, FORMAT_VERSION


def encode_model(
    *,
    labels: Sequence[str],
    features: FeatureSpec,
    weights: npt.NDArray[np.float32],
    bias: Sequence[float],
    floor: float,
    card: Mapping[str, Any],
) -> dict[str, bytes]:
    """``model.json``, ``weights.npy`` and ``card.json``, byte-for-byte reproducible:
    sorted keys, fixed float formatting (``repr``), a plain .npy with no pickled objects."""
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "labels": list(labels),
        "features": {
            "kind": "char-ngrams-fnv1a32",
            "ngram_min": features.ngram_min,
            "ngram_max": features.ngram_max,
            "buckets": features.buckets,
        },
        "bias": [float(b) for b in bias],
        "floor": floor,
    }
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(weights, dtype=np.float32), allow_pickle=False)
    return {"model.json": _json(meta), "weights.npy": buffer.getvalue(), "card.json": _json(card)}


def _json(value: Mapping[str, Any]) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
