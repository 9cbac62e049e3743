"""Training a classifier model: stratified split, logistic regression, metrics, card.

Everything is deterministic for a given data file, seed and library versions: the split
uses NumPy's PCG64 generator, L-BFGS has no randomness, and the files are encoded with
sorted keys, so the same command writes the same bytes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from netgov.classifier.data import Examples, TrainingError
from netgov.classifier.metrics import evaluate
from netgov.detectors.classifier.artifact import encode_model
from netgov.detectors.classifier.features import FeatureSpec, featurize
from netgov.detectors.classifier.model import load_model

# Four-grams catch "txt", "£1000", "免费领" alike; 2**18 buckets keep collisions rare and
# the weights at 1 MB.
DEFAULT_FEATURES = FeatureSpec(ngram_min=1, ngram_max=4, buckets=2**18)


@dataclass(frozen=True, slots=True)
class TrainingConfig:
    name: str
    seed: int = 7
    test_size: float = 0.2
    features: FeatureSpec = DEFAULT_FEATURES
    c: float = 10.0
    floor: float = 0.5
    about: Mapping[str, Any] = field(default_factory=dict)


def split(labels: Sequence[str], *, seed: int, test_size: float) -> tuple[list[int], list[int]]:
    """Indices of the training and held-out rows, stratified by label."""
    if not 0.0 < test_size < 1.0:
        raise TrainingError("--test-size must be between 0 and 1 (exclusive)")
    rng = np.random.default_rng(seed)
    train: list[int] = []
    test: list[int] = []
    for label in sorted(set(labels)):
        rows = [i for i, value in enumerate(labels) if value == label]
        order = rng.permutation(len(rows))
        held = min(len(rows) - 1, max(1, round(test_size * len(rows))))
        test += [rows[i] for i in order[:held]]
        train += [rows[i] for i in order[held:]]
    return sorted(train), sorted(test)


def train_model(examples: Examples, config: TrainingConfig, *, data_sha256: str) -> dict[str, bytes]:
    """The model files (``model.json``, ``weights.npy``, ``card.json``) trained on ``examples``."""
    counts = Counter(examples.labels)
    if len(counts) < 2:
        raise TrainingError(
            f"the data has only one label ({', '.join(counts) or 'none'}); a classifier needs two or more"
        )
    if min(counts.values()) < 2:
        raise TrainingError("every label needs at least two examples (one to train on, one to test)")
    labels = sorted(counts)
    train, test = split(examples.labels, seed=config.seed, test_size=config.test_size)
    weights, bias = _fit([examples.texts[i] for i in train], [examples.labels[i] for i in train], labels, config)
    files = encode_model(
        labels=labels, features=config.features, weights=weights, bias=bias, floor=config.floor, card={}
    )
    model = load_model(config.name, {f"models/{config.name}/{k}": v for k, v in files.items()})
    truth = [examples.labels[i] for i in test]
    metrics = evaluate(labels, truth, model.scores([examples.texts[i] for i in test]))
    card = _card(config, model.version, labels, counts, examples, (len(train), len(test)), data_sha256, metrics)
    return encode_model(
        labels=labels, features=config.features, weights=weights, bias=bias, floor=config.floor, card=card
    )


def _fit(
    texts: Sequence[str], labels: Sequence[str], classes: Sequence[str], config: TrainingConfig
) -> tuple[npt.NDArray[np.float32], list[float]]:
    """L2-regularised logistic regression (softmax for more than two labels)."""
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    rows = featurize(texts, config.features)
    matrix = csr_matrix((rows.values, (rows.rows, rows.columns)), shape=(rows.count, config.features.buckets))
    target = np.array([classes.index(label) for label in labels])
    fitted = LogisticRegression(C=config.c, solver="lbfgs", max_iter=2000, tol=1e-6).fit(matrix, target)
    return fitted.coef_.astype(np.float32), [float(b) for b in fitted.intercept_]


def _card(
    config: TrainingConfig,
    version: str,
    labels: Sequence[str],
    counts: Mapping[str, int],
    examples: Examples,
    sizes: tuple[int, int],
    data_sha256: str,
    metrics: Mapping[str, Any],
) -> dict[str, Any]:
    import sklearn  # type: ignore[import-untyped]

    about = dict(config.about)
    return {
        "name": config.name,
        "version": version,
        "labels": list(labels),
        "floor": config.floor,
        "trained_on": about.pop("trained_on", ""),
        "intended_use": about.pop("intended_use", ""),
        "data": {
            **{k: about.pop(k) for k in ("source", "licence", "attribution") if k in about},
            "sha256": data_sha256,
            "rows": len(examples.texts),
            "duplicates_dropped": examples.duplicates,
            "label_counts": dict(sorted(counts.items())),
        },
        "training": {
            "algorithm": f"logistic regression, L2, C={config.c}, L-BFGS (scikit-learn {sklearn.__version__})",
            "features": f"hashed character {config.features.ngram_min}-{config.features.ngram_max}-grams, "
            f"{config.features.buckets} buckets, log(1+count), unit length",
            "seed": config.seed,
            "test_size": config.test_size,
            "train_rows": sizes[0],
            "test_rows": sizes[1],
            **about,
        },
        "metrics": metrics,
    }


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
