"""Held-out metrics for a model card: precision, recall, F1, Brier score, reliability."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

BINS = 10


def evaluate(labels: Sequence[str], truth: Sequence[str], probabilities: npt.NDArray[np.float64]) -> dict[str, Any]:
    """Metrics per label (one-vs-rest); the prediction is the most probable label.

    Figures are rounded to 6 decimals so that the card is stable text and a re-run on
    the same data reproduces it exactly.
    """
    predicted = probabilities.argmax(axis=1)
    actual = np.array([labels.index(t) for t in truth], dtype=np.int64)
    per_label = {
        label: _label_metrics(column, actual, predicted, probabilities[:, column])
        for column, label in enumerate(labels)
    }
    return {
        "rows": len(truth),
        "accuracy": _r(float((predicted == actual).mean()) if len(truth) else 0.0),
        "per_label": per_label,
    }


def _label_metrics(
    column: int, actual: npt.NDArray[np.int64], predicted: npt.NDArray[np.int64], score: npt.NDArray[np.float64]
) -> dict[str, Any]:
    positive = actual == column
    hits = int((positive & (predicted == column)).sum())
    flagged = int((predicted == column).sum())
    support = int(positive.sum())
    precision = hits / flagged if flagged else 0.0
    recall = hits / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "support": support,
        "precision": _r(precision),
        "recall": _r(recall),
        "f1": _r(f1),
        "brier": _r(float(((score - positive) ** 2).mean()) if len(score) else 0.0),
        "reliability": reliability(score, positive),
    }


def reliability(score: npt.NDArray[np.float64], positive: npt.NDArray[np.bool_]) -> list[dict[str, Any]]:
    """Per tenth of the score range: how many texts, their mean score, and how many of
    them really had the label. A calibrated model has mean score ≈ observed rate."""
    bins = np.minimum((score * BINS).astype(np.int64), BINS - 1)
    table = []
    for index in range(BINS):
        inside = bins == index
        count = int(inside.sum())
        if count:
            table.append(
                {
                    "bin": f"{index / BINS:.1f}-{(index + 1) / BINS:.1f}",
                    "count": count,
                    "mean_score": _r(float(score[inside].mean())),
                    "observed": _r(float(positive[inside].mean())),
                }
            )
    return table


def _r(value: float) -> float:
    return round(value, 6)
