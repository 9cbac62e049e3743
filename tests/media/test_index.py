"""HammingIndex returns exactly what a brute-force popcount scan returns."""

from __future__ import annotations

import numpy as np
import pytest

from netgov.media.index import HammingIndex, distances, format_hash, parse_hashes


def random_words(rng: np.random.Generator, count: int) -> np.ndarray:
    return rng.integers(0, 2**64, size=(count, 4), dtype=np.uint64)


def flip(rng: np.random.Generator, words: np.ndarray, bits: int) -> np.ndarray:
    near = words.copy()
    for bit in rng.choice(256, size=bits, replace=False):
        near[bit // 64] ^= np.uint64(1) << np.uint64(bit % 64)
    return near


def brute(words: np.ndarray, query: np.ndarray, radius: int, alive: np.ndarray | None = None) -> list[int]:
    keep = distances(words, query) <= radius
    if alive is not None:
        keep &= alive
    return np.flatnonzero(keep).tolist()


def queries(rng: np.random.Generator, words: np.ndarray, count: int) -> list[np.ndarray]:
    near = [flip(rng, words[int(rng.integers(len(words)))], int(rng.integers(0, 32))) for _ in range(count)]
    return near + list(random_words(rng, 5))


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("radius", [0, 8, 31, 40])
def test_radius_results_equal_brute_force(seed: int, radius: int) -> None:
    rng = np.random.default_rng(seed)
    words = random_words(rng, 3000)
    # Clustered data: many hashes share chunks, so buckets hold more than one id.
    words[1000:2000] = [flip(rng, words[i % 50], 20) for i in range(1000)]
    index = HammingIndex(merge_at=1000)
    index.add(words[:2500])
    index.add(words[2500:])
    for query in queries(rng, words, 40):
        ids, dist = index.query(query, radius)
        assert sorted(ids.tolist()) == brute(words, query, radius)
        assert (dist == distances(words[ids], query)).all()


def test_an_added_hash_is_matchable_at_once() -> None:
    rng = np.random.default_rng(4)
    index = HammingIndex(merge_at=10_000)
    index.add(random_words(rng, 5000))
    index.merge()
    new = random_words(rng, 1)
    (new_id,) = index.add(new)
    assert index.delta_size == 1
    ids, dist = index.query(flip(rng, new[0], 31), 31)
    assert new_id in ids.tolist()
    assert dist[ids.tolist().index(new_id)] == 31


def test_tombstoned_ids_are_never_returned() -> None:
    rng = np.random.default_rng(5)
    words = random_words(rng, 2000)
    index = HammingIndex(merge_at=500)
    index.add(words)
    dead = np.array([3, 700, 1999], dtype=np.uint32)
    index.remove(dead)
    for i in dead:
        assert int(i) not in index.query(words[i], 31)[0].tolist()
        assert int(i) not in index.query(words[i], 64)[0].tolist()
    assert 4 in index.query(words[4], 0)[0].tolist()


def test_results_stay_exact_after_merges_with_tombstones() -> None:
    rng = np.random.default_rng(6)
    words = random_words(rng, 4000)
    alive = np.ones(len(words), dtype=bool)
    index = HammingIndex(merge_at=700)
    for start in range(0, 4000, 300):
        index.add(words[start : start + 300])
        dead = rng.integers(0, min(start + 300, len(words)), size=20)
        index.remove(dead.astype(np.uint32))
        alive[dead] = False
    index.merge()
    assert index.delta_size == 0
    for query in queries(rng, words, 30):
        assert sorted(index.query(query, 31)[0].tolist()) == brute(words, query, 31, alive)


def test_tags_travel_with_ids() -> None:
    rng = np.random.default_rng(7)
    index = HammingIndex()
    ids = index.add(random_words(rng, 3), np.array([5, 6, 7], dtype=np.uint16))
    assert index.tags(ids).tolist() == [5, 6, 7]


def test_hex_round_trip() -> None:
    value = "f" * 8 + "0123456789abcdef" * 3 + "a" * 8
    assert format_hash(parse_hashes([value])[0]) == value
    with pytest.raises(ValueError, match="64 hex digits"):
        parse_hashes(["abcd"])
