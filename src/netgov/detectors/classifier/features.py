"""Hashed character n-grams: the features of every netgov classifier model.

Characters, not words, so one model works across scripts (Chinese has no spaces) and
sees through "fr33 pr1ze" spellings. The hash is spelled out here, not borrowed from a
library, so a model file can be scored by any implementation that follows this text:

1. text = NFKC(text).casefold(), runs of whitespace collapsed to one space, then one
   space added at each end;
2. for each n in [ngram_min, ngram_max] and each n-gram of code points c1..cn:
   h = 2166136261; for c in c1..cn: h = ((h XOR c) * 16777619) mod 2**32  (FNV-1a, 32 bit,
   over whole code points instead of bytes); bucket = h mod buckets (a power of two);
3. a text's value in a bucket is log(1 + count), and the vector is scaled to unit length.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FNV_OFFSET = 2166136261
FNV_PRIME = 16777619
_MASK32 = 0xFFFFFFFF

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    ngram_min: int
    ngram_max: int
    buckets: int


@dataclass(frozen=True, slots=True)
class SparseRows:
    """Row ``rows[i]`` has ``values[i]`` in column ``columns[i]``; rows are sorted."""

    count: int
    rows: Ints
    columns: Ints
    values: Floats


def prepare(text: str) -> str:
    """Step 1 of the recipe: the form of the text that is cut into n-grams."""
    return " " + " ".join(unicodedata.normalize("NFKC", text).casefold().split()) + " "


def featurize(texts: Sequence[str], spec: FeatureSpec) -> SparseRows:
    """The unit-length feature vectors of ``texts``, as one sparse matrix.

    All texts are hashed in one pass over their concatenated code points; n-grams that
    straddle two texts are dropped. One text alone gives exactly its row of a batch.
    """
    prepared = [prepare(text) for text in texts]
    points = np.frombuffer("".join(prepared).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    owner = np.repeat(np.arange(len(prepared), dtype=np.int64), [len(p) for p in prepared])
    keys = [_keys(points, owner, n, spec.buckets) for n in range(spec.ngram_min, spec.ngram_max + 1)]
    unique, counts = np.unique(np.concatenate(keys), return_counts=True)
    rows = (unique >> np.uint64(32)).astype(np.int64)
    columns = (unique & np.uint64(_MASK32)).astype(np.int64)
    values = np.log1p(counts.astype(np.float64))
    norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(prepared)))
    return SparseRows(len(prepared), rows, columns, values / norms[rows])


def _keys(points: npt.NDArray[np.uint64], owner: Ints, n: int, buckets: int) -> npt.NDArray[np.uint64]:
    """``row << 32 | bucket`` for every n-gram of length ``n`` inside one text."""
    starts = len(points) - n + 1
    if starts <= 0:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.full(starts, FNV_OFFSET, dtype=np.uint64)
    for offset in range(n):
        hashed = ((hashed ^ points[offset : offset + starts]) * np.uint64(FNV_PRIME)) & np.uint64(_MASK32)
    inside = owner[:starts] == owner[n - 1 :]
    bucket = hashed[inside] & np.uint64(buckets - 1)
    keys: npt.NDArray[np.uint64] = (owner[:starts][inside].astype(np.uint64) << np.uint64(32)) | bucket
    return keys
