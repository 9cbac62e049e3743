"""The Hamming index against a brute-force popcount scan, on random PDQ-like hashes.

    python bench/media.py [--hashes 10000000] [--queries 2000] [--brute 100] [--seed 7]

Builds ``--hashes`` random 256-bit hashes plus planted near-duplicates (each a copy of
an indexed hash with up to 31 bits flipped), then prints: build time, memory (RSS delta
and array bytes), query latency p50/p99 at radius 31 and queries/s on one core, the time
from adding a hash to it being matchable, and the same queries answered by a numpy
brute-force scan (the baseline) with the speed ratio and the recall (must be 100%).
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import psutil

from netgov.media.index import HammingIndex, distances

RADIUS = 31


def rss() -> int:
    return int(psutil.Process(os.getpid()).memory_info().rss)


def planted(rng: np.random.Generator, words: np.ndarray, count: int) -> np.ndarray:
    """Queries that are near-duplicates of indexed hashes (0..31 bits flipped)."""
    picks = words[rng.integers(0, len(words), size=count)].copy()
    for row in picks:
        for bit in rng.choice(256, size=int(rng.integers(0, RADIUS + 1)), replace=False):
            row[bit // 64] ^= np.uint64(1) << np.uint64(bit % 64)
    return picks


def build(words: np.ndarray) -> tuple[HammingIndex, float, int]:
    before = rss()
    start = time.perf_counter()
    index = HammingIndex()
    index.add(words)
    index.merge()
    return index, time.perf_counter() - start, rss() - before


def timed_queries(index: HammingIndex, queries: np.ndarray) -> tuple[np.ndarray, list[list[int]]]:
    latencies, results = [], []
    for query in queries:
        start = time.perf_counter()
        ids, _ = index.query(query, RADIUS)
        latencies.append(time.perf_counter() - start)
        results.append(sorted(ids.tolist()))
    return np.array(latencies), results


def brute(words: np.ndarray, queries: np.ndarray) -> tuple[float, list[list[int]]]:
    start = time.perf_counter()
    results = [np.flatnonzero(distances(words, q) <= RADIUS).tolist() for q in queries]
    return (time.perf_counter() - start) / len(queries), results


def add_to_matchable(index: HammingIndex, rng: np.random.Generator, rounds: int = 50) -> np.ndarray:
    times = []
    for _ in range(rounds):
        new = rng.integers(0, 2**64, size=(1, 4), dtype=np.uint64)
        start = time.perf_counter()
        (new_id,) = index.add(new)
        found = new_id in index.query(new[0], RADIUS)[0]
        times.append(time.perf_counter() - start)
        assert found
    return np.array(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hashes", type=int, default=10_000_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--brute", type=int, default=100, help="queries also answered by brute force")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    words = rng.integers(0, 2**64, size=(args.hashes, 4), dtype=np.uint64)
    queries = np.concatenate(
        [
            planted(rng, words, args.queries // 2),
            rng.integers(0, 2**64, size=(args.queries - args.queries // 2, 4), dtype=np.uint64),
        ]
    )
    rng.shuffle(queries)
    index, seconds, grown = build(words)
    print(f"hashes            {args.hashes:,}  (threads: numpy single-threaded)")
    print(f"build             {seconds:.1f} s")
    print(f"memory            RSS +{grown / 2**20:,.0f} MiB, arrays {index.nbytes() / 2**20:,.0f} MiB")
    latencies, found = timed_queries(index, queries)
    p50, p99 = np.percentile(latencies, [50, 99]) * 1000
    print(f"query r={RADIUS}      p50 {p50:.2f} ms, p99 {p99:.2f} ms, {len(queries) / latencies.sum():,.0f} queries/s")
    per_query, expected = brute(words, queries[: args.brute])
    recall = sum(len(set(a) & set(b)) for a, b in zip(found, expected, strict=False)) / max(1, sum(map(len, expected)))
    exact = all(a == b for a, b in zip(found, expected, strict=False))
    print(f"brute force       {per_query * 1000:.1f} ms/query, {1 / per_query:,.1f} queries/s")
    print(f"speed-up          {per_query / latencies.mean():,.0f}x")
    print(f"recall vs brute   {recall:.2%} over {args.brute} queries, identical results: {exact}")
    adds = add_to_matchable(index, rng)
    print(f"add -> matchable  p50 {np.median(adds) * 1000:.2f} ms, max {adds.max() * 1000:.2f} ms")


if __name__ == "__main__":
    main()
