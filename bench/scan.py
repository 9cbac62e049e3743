"""Benchmark: the engine against raw multi-pattern scans of the same lexicon.

    python bench/scan.py [--mb 50] [--terms 100000] [--seed 7]

Prints, in one run over the same posts:
  * the floors: pyahocorasick, ahocorasick-rs (str and UTF-8 bytes) and hyperscan scanning
    the raw text for the lexicon, with no normalisation, one call per post (and, for
    reference, ahocorasick-rs over the whole corpus as one string);
  * the engine: Engine.decide on every post with the bundled rulebook plus a rule that
    uses the whole lexicon, in a fresh process so its peak memory is its own;
  * the engine's throughput as a ratio of the fastest per-post floor.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpus as corpus_module

DATA = Path(__file__).parent / ".data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--terms", type=int, default=100_000, help="lexicon size")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    started = time.perf_counter()
    corpus = corpus_module.cached(DATA, args.seed, int(args.mb * 1_000_000), args.terms)
    mb = corpus.size_bytes / 1e6
    print(
        f"corpus: {len(corpus.posts):,} posts, {mb:.1f} MB, {corpus.planted:,} with planted hits; "
        f"lexicon: {len(corpus.terms):,} terms  ({time.perf_counter() - started:.1f} s to prepare)"
    )
    print()
    results: dict[str, float] = {}
    for name, build in FLOORS.items():
        seconds, hits = _time_floor(build, corpus)
        results[name] = seconds
        print(
            f"floor  {name:<34} {mb / seconds:7.1f} MB/s  {len(corpus.posts) / seconds:10,.0f} posts/s"
            f"  ({hits:,} raw hits)"
        )
    seconds, hits = _time_blob(corpus)
    print(
        f"ref    {'ahocorasick-rs, whole corpus, 1 call':<34} {mb / seconds:7.1f} MB/s"
        f"  (no per-call overhead; {hits:,} hits)"
    )
    print()
    engine = _run_engine_isolated(corpus, args)
    posts_per_s = len(corpus.posts) / engine["seconds"]
    print(
        f"engine {'Engine.decide_many, rulebook + lexicon':<34} {mb / engine['seconds']:7.1f} MB/s"
        f"  {posts_per_s:10,.0f} posts/s"
    )
    print(
        f"       flagged {engine['flagged']:,} posts ({engine['lexicon_hits']:,} by the big lexicon, "
        f"{corpus.planted:,} planted); compile {engine['compile_s']:.1f} s"
    )
    print(f"       peak memory {engine['peak_mb']:.0f} MB (rulebook loaded: {engine['loaded_mb']:.0f} MB)")
    fastest = min(results, key=lambda k: results[k])
    ratio = results[fastest] / engine["seconds"]
    print()
    for name, seconds in sorted(results.items(), key=lambda item: item[1]):
        print(f"ratio  engine / {name:<32} = {seconds / engine['seconds']:.2f}")
    print(f"ratio  engine / fastest floor ({fastest}) = {ratio:.2f}  (target >= 0.25)")
    print(f"memory peak {engine['peak_mb']:.0f} MB  (target < 500 MB)")


def _time_floor(build: Callable[[list[str]], Callable[[str], int]], corpus: corpus_module.Corpus) -> tuple[float, int]:
    scan = build(corpus.terms)
    scan(corpus.posts[0])
    hits = 0
    started = time.perf_counter()
    for post in corpus.posts:
        hits += scan(post)
    return time.perf_counter() - started, hits


def _pyahocorasick(terms: list[str]) -> Callable[[str], int]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for index, term in enumerate(terms):
        automaton.add_word(term, index)
    automaton.make_automaton()
    return lambda text: sum(1 for _ in automaton.iter(text))


def _ahocorasick_rs(terms: list[str]) -> Callable[[str], int]:
    import ahocorasick_rs

    automaton = ahocorasick_rs.AhoCorasick(terms)
    return lambda text: len(automaton.find_matches_as_indexes(text))


def _ahocorasick_rs_bytes(terms: list[str]) -> Callable[[str], int]:
    import ahocorasick_rs

    automaton = ahocorasick_rs.BytesAhoCorasick([t.encode() for t in terms])
    return lambda text: len(automaton.find_matches_as_indexes(text.encode()))


def _hyperscan(terms: list[str]) -> Callable[[str], int]:
    import hyperscan

    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(
        expressions=[t.encode() for t in terms],
        ids=list(range(len(terms))),
        elements=len(terms),
        literal=True,
    )
    found = [0]

    def on_match(*_: object) -> None:
        found[0] += 1

    def scan(text: str) -> int:
        found[0] = 0
        database.scan(text.encode(), match_event_handler=on_match)
        return found[0]

    return scan


FLOORS: dict[str, Callable[[list[str]], Callable[[str], int]]] = {
    "pyahocorasick (str)": _pyahocorasick,
    "ahocorasick-rs (str)": _ahocorasick_rs,
    "ahocorasick-rs (UTF-8 bytes)": _ahocorasick_rs_bytes,
    "hyperscan (literal, UTF-8 bytes)": _hyperscan,
}


def _time_blob(corpus: corpus_module.Corpus) -> tuple[float, int]:
    import ahocorasick_rs

    automaton = ahocorasick_rs.AhoCorasick(corpus.terms)
    blob = "\n".join(corpus.posts)
    started = time.perf_counter()
    hits = len(automaton.find_matches_as_indexes(blob))
    return time.perf_counter() - started, hits


def _run_engine_isolated(corpus: corpus_module.Corpus, args: argparse.Namespace) -> dict[str, float]:
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[dict[str, float]] = context.Queue()
    posts_file = DATA / f"corpus-{args.seed}-{int(args.mb * 1_000_000)}-{args.terms}.posts"
    terms_file = posts_file.with_suffix(".terms")
    process = context.Process(target=_engine_worker, args=(str(posts_file), str(terms_file), queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def _rss_mb() -> float:
    """This process's own peak RSS. Not ru_maxrss: on Linux a spawned child inherits the
    parent's high-water mark across fork and exec, so it would report the parent's."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def _engine_worker(posts_file: str, terms_file: str, queue: multiprocessing.Queue[dict[str, float]]) -> None:
    from datetime import UTC, datetime

    from netgov import Content, Engine, load_rulebook
    from netgov.rulebook import BUNDLED

    with tempfile.TemporaryDirectory() as folder:
        rulebook_dir = Path(folder) / "rulebook"
        shutil.copytree(BUNDLED, rulebook_dir)
        shutil.copy(terms_file, rulebook_dir / "lexicons" / "bench-100k.txt")
        (rulebook_dir / "rules" / "bench.yaml").write_text(_BENCH_RULE, encoding="utf-8")
        now = datetime(2026, 6, 1, tzinfo=UTC)
        started = time.perf_counter()
        engine = Engine(load_rulebook(rulebook_dir, at=now))
        compile_s = time.perf_counter() - started
    loaded_mb = _rss_mb()
    posts = Path(posts_file).read_text("utf-8").split("\n")
    flagged = lexicon_hits = 0
    started = time.perf_counter()
    for offset in range(0, len(posts), 512):
        batch = [
            Content(id=str(offset + i), platform="bench", text=t) for i, t in enumerate(posts[offset : offset + 512])
        ]
        for decision in engine.decide_many(batch, now=now):
            if decision.rules:
                flagged += 1
                lexicon_hits += any(hit.rule == "bench.big-lexicon" for hit in decision.rules)
    seconds = time.perf_counter() - started
    queue.put(
        {
            "seconds": seconds,
            "flagged": flagged,
            "lexicon_hits": lexicon_hits,
            "compile_s": compile_s,
            "loaded_mb": loaded_mb,
            "peak_mb": _rss_mb(),
        }
    )


_BENCH_RULE = """\
rules:
  - id: bench.big-lexicon
    title: Benchmark lexicon of 100,000 terms
    category: SCAMS_AND_FRAUD
    basis: {regulation: MOSR, article: "7"}
    action: hold_for_review
    when:
      lexicon: bench-100k
    examples:
      match: ["placeholder"]
      no_match: ["nothing here"]
"""

if __name__ == "__main__":
    json.dumps({})
    main()
