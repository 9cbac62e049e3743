"""HammingIndex: exact radius search over 256-bit hashes (PDQ), updatable in place.

Multi-index hashing. The 256 bits are cut into 16 chunks of 16 bits. Two hashes within
distance 31 differ in at most 31 bits spread over 16 chunks, so (pigeonhole) at least
one chunk differs in at most one bit. Probing each chunk's exact value and its 16
one-bit neighbours (16 x 17 = 272 probes) therefore finds every hash within radius 31;
each candidate is then verified with an exact popcount, so results equal a brute-force
scan (100% recall). Larger radii fall back to that scan.

Layout, chosen for memory (10M hashes in under 1 GB): per chunk a CSR table, ids
(uint32) sorted by chunk value plus 65,537 bucket offsets, so a probe is two offset
reads and no search. 10M hashes cost 320 MB of words + 16 x 40 MB of ids. Additions
land in a delta (ids past ``_indexed``) scanned by brute force until it grows past
``merge_at``, then are merged into each table in linear time (``np.insert`` at the end
of their buckets), not rebuilt. Removals clear an ``alive`` bit checked after
verification.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

_T = TypeVar("_T", bound=np.generic)

CHUNKS = 16
BUCKETS = 1 << 16
PIGEONHOLE_RADIUS = 31
_FLIPS = np.array([0] + [1 << b for b in range(16)], dtype=np.uint16)

Words = NDArray[np.uint64]
Ids = NDArray[np.uint32]
Distances = NDArray[np.int64]


def parse_hashes(hexes: list[str] | tuple[str, ...]) -> Words:
    """Turn 64-hex-digit hashes into an (n, 4) uint64 array; raises ValueError if malformed."""
    if not hexes:
        return np.zeros((0, 4), dtype=np.uint64)
    raw = bytes.fromhex("".join(hexes))
    if len(raw) != 32 * len(hexes):
        raise ValueError("every PDQ hash must be 64 hex digits")
    return np.frombuffer(raw, dtype=np.uint64).reshape(-1, 4).copy()


def format_hash(words: Words) -> str:
    return bytes(np.ascontiguousarray(words, dtype=np.uint64).tobytes()).hex()


def distances(words: Words, query: Words) -> Distances:
    """Hamming distance from one query (4 words) to each row of ``words``."""
    counts: Distances = np.bitwise_count(np.bitwise_xor(words, query)).sum(axis=1, dtype=np.int64)
    return counts


class HammingIndex:
    """Ids are dense (0, 1, 2, ...) in order of addition; ``tag`` is a small integer per
    hash (the bank) kept beside it so callers filter without a lookup table."""

    def __init__(self, *, merge_at: int = 16_384) -> None:
        self.merge_at = merge_at
        self._words: Words = np.zeros((0, 4), dtype=np.uint64)
        self._tags: NDArray[np.uint16] = np.zeros(0, dtype=np.uint16)
        self._alive: NDArray[np.bool_] = np.zeros(0, dtype=np.bool_)
        self._size = 0
        self._indexed = 0
        self._ids: Ids = np.zeros(0, dtype=np.uint32)  # CHUNKS tables, each _indexed long
        self._offsets = np.zeros((CHUNKS, BUCKETS + 1), dtype=np.int64)

    def __len__(self) -> int:
        return self._size

    @property
    def delta_size(self) -> int:
        return self._size - self._indexed

    def nbytes(self) -> int:
        """Bytes held by the arrays (capacity included): the index's memory."""
        arrays = (self._words, self._tags, self._alive, self._ids, self._offsets)
        return sum(int(a.nbytes) for a in arrays)

    def words(self, ids: Ids) -> Words:
        return self._words[ids]

    def tags(self, ids: Ids) -> NDArray[np.uint16]:
        return self._tags[ids]

    def add(self, words: Words, tags: NDArray[np.uint16] | None = None) -> Ids:
        """Add hashes; they are matchable on return. Returns their ids."""
        count = len(words)
        self._reserve(self._size + count)
        start, end = self._size, self._size + count
        self._words[start:end] = words
        self._tags[start:end] = 0 if tags is None else tags
        self._alive[start:end] = True
        self._size = end
        if self.delta_size >= self.merge_at:
            self.merge()
        return np.arange(start, end, dtype=np.uint32)

    def remove(self, ids: Ids) -> None:
        """Tombstone ids: never returned again (their slots are not reused)."""
        self._alive[ids] = False

    def merge(self) -> None:
        """Move the delta into the tables: linear per table, no re-sort of what is there."""
        if self.delta_size == 0:
            return
        new = np.arange(self._indexed, self._size, dtype=np.uint32)
        keys = self._words[self._indexed : self._size].view(np.uint16)
        tables = []
        for chunk in range(CHUNKS):
            tables.append(self._merge_table(chunk, new, keys[:, chunk]))
        self._ids = np.concatenate(tables) if tables else self._ids
        self._indexed = self._size

    def _merge_table(self, chunk: int, new: Ids, keys: NDArray[np.uint16]) -> Ids:
        order = np.argsort(keys, kind="stable")
        sorted_keys, sorted_ids = keys[order], new[order]
        offsets = self._offsets[chunk]
        old = self._ids[chunk * self._indexed : (chunk + 1) * self._indexed]
        merged = np.insert(old, offsets[sorted_keys.astype(np.int64) + 1], sorted_ids)
        counts = np.bincount(sorted_keys, minlength=BUCKETS)
        offsets[1:] += np.cumsum(counts)
        return merged

    def _reserve(self, needed: int) -> None:
        capacity = len(self._words)
        if needed <= capacity:
            return
        # Grow by a quarter, not double: at 10M a doubling would strand 320 MB.
        capacity = max(needed, capacity + capacity // 4, 1024)
        self._words = _grow(self._words, capacity)
        self._tags = _grow(self._tags, capacity)
        self._alive = _grow(self._alive, capacity)

    def query(self, query: Words, radius: int) -> tuple[Ids, Distances]:
        """Live ids within ``radius`` of one query hash (4 words), with their distances."""
        query = np.asarray(query, dtype=np.uint64).reshape(4)
        if radius > PIGEONHOLE_RADIUS:
            return self._scan(0, self._size, query, radius)
        ids, dist = self._probe(query, radius)
        delta_ids, delta_dist = self._scan(self._indexed, self._size, query, radius)
        return np.concatenate([ids, delta_ids]), np.concatenate([dist, delta_dist])

    def _probe(self, query: Words, radius: int) -> tuple[Ids, Distances]:
        if self._indexed == 0:
            return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64)
        keys = (query.view(np.uint16)[:, None] ^ _FLIPS[None, :]).astype(np.int64)
        rows = np.arange(CHUNKS, dtype=np.int64)[:, None]
        starts = self._offsets[rows, keys].ravel()
        ends = self._offsets[rows, keys + 1].ravel()
        base = np.repeat(rows.ravel() * self._indexed, keys.shape[1])
        candidates = self._ids[_ranges(starts + base, ends + base)]
        dist = distances(self._words[candidates], query)
        keep = (dist <= radius) & self._alive[candidates]
        # A near hash is found through several chunks: de-duplicate the few hits, not
        # the tens of thousands of candidates.
        found, first = np.unique(candidates[keep], return_index=True)
        return found, dist[keep][first]

    def _scan(self, start: int, end: int, query: Words, radius: int) -> tuple[Ids, Distances]:
        dist = distances(self._words[start:end], query)
        keep = (dist <= radius) & self._alive[start:end]
        found = np.flatnonzero(keep)
        return (found + start).astype(np.uint32), dist[found]


def _ranges(starts: NDArray[np.int64], ends: NDArray[np.int64]) -> NDArray[np.int64]:
    """Concatenate ``arange(s, e)`` for each pair, without a Python loop."""
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    nonempty = lengths > 0
    starts, lengths = starts[nonempty], lengths[nonempty]
    steps = np.ones(total, dtype=np.int64)
    heads = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    steps[0] = starts[0]
    steps[heads[1:]] = starts[1:] - (starts[:-1] + lengths[:-1] - 1)
    return np.cumsum(steps)


def _grow(array: NDArray[_T], capacity: int) -> NDArray[_T]:
    grown = np.zeros((capacity, *array.shape[1:]), dtype=array.dtype)
    grown[: len(array)] = array
    return grown
