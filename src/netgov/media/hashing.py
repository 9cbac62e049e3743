"""Hashes of image bytes: PDQ for near-duplicates, MD5 and SHA-256 for exact copies.

Pure computation over bytes (no files): the media matcher and ``netgov media hash``
read the files. PDQ hashes are written the way ThreatExchange and its
Hasher-Matcher-Actioner write them: the 256 bits in the order ``pdqhash`` returns
them, the first bit the most significant, as 64 lower-case hex digits.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pdqhash
from PIL import Image, UnidentifiedImageError

PDQ_BITS = 256


class UnreadableMediaError(ValueError):
    """The bytes are not an image (or video) that can be decoded."""


@dataclass(frozen=True, slots=True)
class Pdq:
    """A PDQ hash and its quality (0-100): low quality means a flat, featureless image
    whose hash matches too much to be trusted."""

    hash: str
    quality: int


@dataclass(frozen=True, slots=True)
class ImageHashes:
    pdq: Pdq
    md5: str
    sha256: str


def exact_hashes(data: bytes) -> tuple[str, str]:
    """MD5 and SHA-256 of the file bytes, as hex."""
    return hashlib.md5(data, usedforsecurity=False).hexdigest(), hashlib.sha256(data).hexdigest()


def hash_image(data: bytes) -> ImageHashes:
    md5, sha256 = exact_hashes(data)
    return ImageHashes(pdq_of_image(decode_image(data)), md5, sha256)


def decode_image(data: bytes) -> npt.NDArray[np.uint8]:
    """The image as an RGB array (alpha, palette and grey images converted)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return np.asarray(image.convert("RGB"), dtype=np.uint8)
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise UnreadableMediaError(f"not a readable image: {error}") from error


def pdq_of_image(rgb: npt.NDArray[np.uint8]) -> Pdq:
    bits, quality = pdqhash.compute(np.ascontiguousarray(rgb))
    return Pdq(pdq_hex(bits), int(quality))


def pdq_hex(bits: npt.ArrayLike) -> str:
    """256 bits (first = most significant) -> 64 hex digits, as ThreatExchange writes them."""
    vector = np.asarray(bits, dtype=np.uint8).reshape(-1)
    if vector.size != PDQ_BITS:
        raise ValueError(f"a PDQ hash has {PDQ_BITS} bits, not {vector.size}")
    return np.packbits(vector).tobytes().hex()


def is_pdq(value: str) -> bool:
    return len(value) == PDQ_BITS // 4 and all(c in "0123456789abcdef" for c in value.lower())


def hamming(left: str, right: str) -> int:
    """The number of differing bits between two PDQ hashes in hex."""
    return (int(left, 16) ^ int(right, 16)).bit_count()
