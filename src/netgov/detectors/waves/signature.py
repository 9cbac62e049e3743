"""Signatures of normalised text: MinHash over character shingles, cut into LSH bands.

Shingles are runs of code points of the text's *skeleton* (folded, confusables mapped,
only letters and digits kept), so spacing, punctuation, case, homoglyphs and
traditional/simplified variants, the usual ways a flood varies its copies, do not change
the signature, and the same code works for Chinese (no word breaks needed) and English.
"""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass

import rensa  # type: ignore[import-untyped]

from netgov.core.text import Normalizer


@dataclass(frozen=True, slots=True)
class LshParams:
    """64 permutations in 16 bands of 4 rows: a pair with Jaccard similarity 0.7 shares
    a band with probability 0.99, one at 0.3 with probability 0.12 (then verified)."""

    num_perm: int = 64
    bands: int = 16
    shingle: int = 3
    min_chars: int = 16
    seed: int = 20260601

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands


@dataclass(frozen=True, slots=True)
class Signature:
    """``minhash``: the digest as little-endian uint32 bytes; ``bands``: one key per band."""

    minhash: bytes
    bands: tuple[int, ...]


def shingles(skeleton: str, size: int) -> list[str]:
    if len(skeleton) <= size:
        return [skeleton]
    return [skeleton[i : i + size] for i in range(len(skeleton) - size + 1)]


class Signer:
    def __init__(self, normalizer: Normalizer, params: LshParams | None = None) -> None:
        self.params = params or LshParams()
        if self.params.num_perm % self.params.bands:
            raise ValueError("num_perm must be a multiple of bands")
        self._normalizer = normalizer

    def sign(self, text: str) -> Signature | None:
        """None for text too short to tell a flood from a common phrase ("thanks!")."""
        skeleton = self._normalizer.skeletonized(text)
        if len(skeleton) < self.params.min_chars:
            return None
        return self.sign_skeleton(skeleton)

    def sign_skeleton(self, skeleton: str) -> Signature:
        params = self.params
        minhash = rensa.RMinHash(num_perm=params.num_perm, seed=params.seed)
        minhash.update(shingles(skeleton, params.shingle))
        digest = array("I", minhash.digest())
        if digest.itemsize != 4:  # pragma: no cover - every platform CPython runs on
            raise RuntimeError("array('I') is not 32 bits here")
        if sys.byteorder == "big":  # pragma: no cover - so that workers on any CPU agree
            digest.byteswap()
        raw = digest.tobytes()
        return Signature(raw, band_keys(raw, params))


def band_keys(raw: bytes, params: LshParams) -> tuple[int, ...]:
    """Each band's rows as one integer, the band number in the top byte: exact, no hashing."""
    width = params.rows * 4
    return tuple(
        int.from_bytes(bytes((band,)) + raw[band * width : (band + 1) * width], "big") for band in range(params.bands)
    )


def similarity(a: bytes, b: bytes) -> float:
    """The MinHash estimate of the Jaccard similarity: the share of equal positions."""
    left, right = array("I", a), array("I", b)  # byte order does not matter for equality
    if len(left) != len(right) or not left:
        return 0.0
    return sum(x == y for x, y in zip(left, right, strict=True)) / len(left)
