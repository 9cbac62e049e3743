"""A classifier model read from the bytes of ``models/NAME/`` in a rulebook.

A model directory holds three files, all required:

- ``model.json``: format, labels, feature recipe, bias, floor (see ``docs/detectors/classifier.md``);
- ``weights.npy``: float32 weights, one row for two labels (logistic) or one per label
  (softmax), one column per hash bucket; read with ``allow_pickle=False``;
- ``card.json``: the model card (training data, date, metrics, intended use).

No pickle anywhere: a rulebook from an untrusted source can at worst give bad scores.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from netgov.detectors.classifier.features import FeatureSpec, featurize
from netgov.errors import DetectorError

FORMAT = "netgov-classifier"
FORMAT_VERSION = 1
FILES = ("model.json", "weights.npy", "card.json")


class ModelError(DetectorError):
    """A model file that cannot be used; ``path`` names it."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    version: str
    labels: tuple[str, ...]
    features: FeatureSpec
    weights: npt.NDArray[np.float32]
    bias: npt.NDArray[np.float64]
    floor: float
    card: Mapping[str, Any]

    def scores(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """Probabilities, one row per text and one column per label; rows sum to 1."""
        sparse = featurize(texts, self.features)
        logits = np.tile(self.bias, (sparse.count, 1))
        for row, weights in enumerate(self.weights):
            contributions = weights[sparse.columns].astype(np.float64) * sparse.values
            logits[:, row] += np.bincount(sparse.rows, weights=contributions, minlength=sparse.count)
        if len(self.labels) == 2:
            positive = 1.0 / (1.0 + np.exp(-logits[:, 0]))
            return np.stack([1.0 - positive, positive], axis=1)
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        probabilities: npt.NDArray[np.float64] = shifted / shifted.sum(axis=1, keepdims=True)
        return probabilities


def model_names(files: Mapping[str, bytes]) -> list[str]:
    """Names of the model directories among a rulebook's files (``models/NAME/...``)."""
    return sorted({path.split("/")[1] for path in files if path.startswith("models/") and path.count("/") >= 2})


def load_model(name: str, files: Mapping[str, bytes]) -> Model:
    """Parse ``models/NAME/``; raises ModelError naming the file at fault."""
    base = f"models/{name}"
    raw = {file: _required(files, f"{base}/{file}") for file in FILES}
    meta = _json(f"{base}/model.json", raw["model.json"])
    _check_format(f"{base}/model.json", meta)
    labels, spec, bias, floor = _header(f"{base}/model.json", meta)
    weights = _weights(f"{base}/weights.npy", raw["weights.npy"], len(labels), spec.buckets)
    if len(bias) != weights.shape[0]:
        raise ModelError(
            f"{base}/model.json", f"bias has {len(bias)} values but weights.npy has {weights.shape[0]} rows"
        )
    card = _json(f"{base}/card.json", raw["card.json"])
    digest = hashlib.sha256(raw["model.json"] + raw["weights.npy"]).hexdigest()[:12]
    return Model(name, f"{name}@{digest}", labels, spec, weights, bias, floor, card)


def _required(files: Mapping[str, bytes], path: str) -> bytes:
    if path not in files:
        raise ModelError(path, "this file is missing; a model needs model.json, weights.npy and card.json")
    return files[path]


def _json(path: str, data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ModelError(path, f"not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise ModelError(path, "expected a JSON object")
    return value


def _check_format(path: str, meta: Mapping[str, Any]) -> None:
    if meta.get("format") != FORMAT:
        raise ModelError(path, f"'format' must be {FORMAT!r}, not {meta.get('format')!r}")
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            path, f"format_version {meta.get('format_version')!r} is not supported; this netgov reads {FORMAT_VERSION}"
        )


def _header(path: str, meta: Mapping[str, Any]) -> tuple[tuple[str, ...], FeatureSpec, npt.NDArray[np.float64], float]:
    try:
        labels = tuple(str(label) for label in meta["labels"])
        raw = meta["features"]
        spec = FeatureSpec(int(raw["ngram_min"]), int(raw["ngram_max"]), int(raw["buckets"]))
        bias = np.array([float(b) for b in meta["bias"]], dtype=np.float64)
        floor = float(meta.get("floor", 0.5))
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(path, f"missing or malformed field: {error}") from None
    if len(labels) < 2 or len(set(labels)) != len(labels):
        raise ModelError(path, "'labels' must list at least two distinct labels")
    if not 1 <= spec.ngram_min <= spec.ngram_max <= 8:
        raise ModelError(path, "n-gram sizes must satisfy 1 <= ngram_min <= ngram_max <= 8")
    if spec.buckets < 2 or spec.buckets & (spec.buckets - 1) or spec.buckets > 2**30:
        raise ModelError(path, "'buckets' must be a power of two up to 2**30")
    if not 0.0 <= floor <= 1.0:
        raise ModelError(path, "'floor' must be between 0 and 1")
    return labels, spec, bias, floor


def _weights(path: str, data: bytes, labels: int, buckets: int) -> npt.NDArray[np.float32]:
    try:
        weights: npt.NDArray[np.float32] = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError) as error:
        raise ModelError(path, f"not a NumPy .npy array: {error}") from None
    rows = 1 if labels == 2 else labels
    if weights.dtype != np.float32 or weights.shape != (rows, buckets):
        raise ModelError(
            path, f"expected float32 of shape ({rows}, {buckets}), found {weights.dtype} of shape {weights.shape}"
        )
    if not np.isfinite(weights).all():
        raise ModelError(path, "weights must be finite numbers")
    return weights
