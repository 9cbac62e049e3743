"""Benchmark: the wave detector (signature + in-memory store) against datasketch.

    python bench/waves.py [--posts 1000000] [--clusters 2000] [--size 10] [--datasketch-posts 100000]

Builds a seeded stream of everyday-looking English and Chinese posts (random words or
characters, so no two are alike) with planted clusters of near-duplicates: copies of a
template, each with 2.5% of its characters replaced, spread through the stream. Then
prints, for netgov (``Signer`` + ``MemoryWaveStore``, batches of 512, keeping every
signature: 1M by default) and for datasketch (``MinHash`` + ``MinHashLSH`` with the same
64 permutations, threshold and join rule, on the first --datasketch-posts posts because it
is much slower), throughput and the recall of planted clusters: the share of copies
assigned to the cluster of their template's first copy. Also the false joins: background
posts put in any cluster. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

from netgov.detectors.waves import LshParams, Signer
from netgov.detectors.waves.signature import shingles
from netgov.rulebook.loader import default_normalizer
from netgov.waves import MemoryWaveStore, Sighting, WaveConfig

START = datetime(2026, 6, 1, tzinfo=UTC)
WORDS = (
    "the a to of and in is it you that for on was with he as have be at one this from or had by not word but what "
    "some we can out other were all there when up use your how said an each she which do their time if will way "
    "about many then them write would like so these her long make thing see him two has look more day could go come "
    "did number sound no most people my over know water than call first who may down side been now find any new"
).split()
HANZI = (
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后"
    "小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长"
)


@dataclass(frozen=True, slots=True)
class Post:
    id: str
    text: str
    cluster: int  # -1 for background posts


def corpus(posts: int, clusters: int, size: int, seed: int) -> list[Post]:
    rng = random.Random(seed)
    stream = [Post(f"b{i}", _background(rng), -1) for i in range(posts - clusters * size)]
    for c in range(clusters):
        template = _background(rng)
        at = rng.randrange(len(stream) + 1)
        copies = [Post(f"c{c}-{k}", _edited(template, rng), c) for k in range(size)]
        stream[at:at] = copies  # a flood arrives together, as floods do
    return stream


def _background(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return "".join(rng.choice(HANZI) for _ in range(rng.randrange(25, 60)))
    return " ".join(rng.choice(WORDS) for _ in range(rng.randrange(15, 35)))


def _edited(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(max(1, round(len(chars) * 0.025))):
        chars[rng.randrange(len(chars))] = rng.choice("abcdefghijklmnopqrstuvwxyz" + HANZI)
    return "".join(chars)


def run_netgov(stream: Sequence[Post]) -> list[str]:
    signer = Signer(default_normalizer())
    store = MemoryWaveStore(WaveConfig(max_signatures=len(stream)))
    assigned: list[str] = []
    for offset in range(0, len(stream), 512):
        batch = stream[offset : offset + 512]
        sightings, positions = [], []
        for index, post in enumerate(batch):
            signature = signer.sign(post.text)
            if signature is not None:
                sightings.append(Sighting(post.id, post.id, START + timedelta(milliseconds=offset + index), signature))
                positions.append(index)
        found = [""] * len(batch)
        for index, waves in zip(positions, store.observe(sightings), strict=True):
            found[index] = waves[0].cluster if waves else ""
        assigned += found
    return assigned


def run_datasketch(stream: Sequence[Post]) -> list[str]:
    normalizer, params, threshold = default_normalizer(), LshParams(), WaveConfig().similarity
    lsh = MinHashLSH(threshold=threshold, num_perm=params.num_perm, params=(params.bands, params.rows))
    clusters: dict[str, tuple[str, MinHash]] = {}
    sizes: dict[str, int] = {}
    assigned: list[str] = []
    for post in stream:
        skeleton = normalizer.skeletonized(post.text)
        if len(skeleton) < params.min_chars:
            assigned.append("")
            continue
        minhash = MinHash(num_perm=params.num_perm, seed=params.seed)
        minhash.update_batch([s.encode("utf-8") for s in shingles(skeleton, params.shingle)])
        joined = _join(lsh.query(minhash), clusters, minhash, threshold)
        cluster = joined or post.id
        clusters[post.id] = (cluster, clusters[joined][1] if joined else minhash)
        lsh.insert(post.id, minhash)
        sizes[cluster] = sizes.get(cluster, 0) + 1
        assigned.append(cluster if sizes[cluster] >= 2 else "")
    return assigned


def _join(candidates: list[str], clusters: dict[str, tuple[str, MinHash]], minhash: MinHash, threshold: float) -> str:
    """The earliest candidate cluster whose representative is similar enough (netgov's rule);
    cluster ids are the ids of their first posts, which sort in arrival order within a kind."""
    found = {clusters[key][0] for key in candidates}
    for cluster in sorted(found, key=_arrival):
        if clusters[cluster][1].jaccard(minhash) >= threshold:
            return cluster
    return ""


def _arrival(post_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in post_id.lstrip("bc").split("-"))


def score(stream: Sequence[Post], assigned: Sequence[str]) -> tuple[float, int]:
    """(recall of planted copies, background posts wrongly put in a cluster)."""
    first: dict[int, str] = {}
    hits = total = false = 0
    for post, cluster in zip(stream, assigned, strict=True):
        if post.cluster < 0:
            false += bool(cluster)
            continue
        if post.cluster not in first:
            first[post.cluster] = cluster or "?"
            continue
        total += 1
        hits += cluster != "" and cluster == first[post.cluster]
    # The first copy of a cluster only gets an id once the second joins it.
    return hits / max(total, 1), false


def timed(run: Callable[[Sequence[Post]], list[str]], stream: Sequence[Post]) -> tuple[float, list[str]]:
    started = time.perf_counter()
    assigned = run(stream)
    return len(stream) / (time.perf_counter() - started), assigned


def _fix_first(stream: Sequence[Post], assigned: list[str]) -> list[str]:
    """Give a cluster's first copy the id its later copies got (it had none when it came)."""
    by_post = {post.id: i for i, post in enumerate(stream)}
    fixed = list(assigned)
    for index, post in enumerate(stream):
        if post.cluster >= 0 and post.id.endswith("-1") and fixed[index]:
            first = by_post[post.id[:-2] + "-0"]
            fixed[first] = fixed[first] or fixed[index]
    return fixed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--clusters", type=int, default=2000)
    parser.add_argument("--size", type=int, default=10)
    parser.add_argument("--datasketch-posts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    stream = corpus(args.posts, args.clusters, args.size, args.seed)
    subset = corpus(args.datasketch_posts, args.clusters // 10, args.size, args.seed)
    print(f"corpus: {len(stream):,} posts, {args.clusters} planted clusters of {args.size} (2.5% character edits)")
    for name, data in (("full", stream), ("subset", subset)):
        if name == "subset" or len(stream) == len(subset):
            ours_rate, ours = timed(run_netgov, data)
            theirs_rate, theirs = timed(run_datasketch, data)
            _report(data, ("netgov", ours_rate, ours), ("datasketch", theirs_rate, theirs))
        else:
            rate, ours = timed(run_netgov, data)
            _report(data, ("netgov", rate, ours))


def _report(stream: Sequence[Post], *runs: tuple[str, float, list[str]]) -> None:
    print(f"\n{len(stream):,} posts, signatures kept: all")
    for name, rate, assigned in runs:
        recall, false = score(stream, _fix_first(stream, assigned))
        print(f"  {name:<11} {rate:>10,.0f} posts/s   recall {recall:.3f}   false joins {false}")
    if len(runs) == 2:
        print(f"  ratio       {runs[0][1] / runs[1][1]:>10.1f}x")


if __name__ == "__main__":
    main()
