"""Where the engine's time goes, step by step, on the same corpus as bench/scan.py.

    python bench/breakdown.py [--posts 100000] [--mb 50] [--terms 100000] [--seed 7]

Prints microseconds per post for each step of Engine.decide_many on batches of 512.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import corpus as corpus_module
from netgov import Content, Engine, load_rulebook
from netgov.core.decision import Source
from netgov.core.detection import BatchDetector
from netgov.core.text import BatchViews
from netgov.rulebook import BUNDLED
from scan import _BENCH_RULE, DATA


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--terms", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    corpus = corpus_module.cached(DATA, args.seed, int(args.mb * 1_000_000), args.terms)
    now = datetime(2026, 6, 1, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        rulebook_dir = Path(folder) / "rulebook"
        shutil.copytree(BUNDLED, rulebook_dir)
        (rulebook_dir / "lexicons" / "bench-100k.txt").write_text("\n".join(corpus.terms), encoding="utf-8")
        (rulebook_dir / "rules" / "bench.yaml").write_text(_BENCH_RULE, encoding="utf-8")
        engine = Engine(load_rulebook(rulebook_dir, at=now))
    posts = corpus.posts[: args.posts]
    contents = [Content(id=str(i), platform="bench", text=text) for i, text in enumerate(posts)]
    batches = [contents[i : i + 512] for i in range(0, len(contents), 512)]
    plan = engine.plan
    count = len(posts)
    _step("decide_many, all steps", count, batches, lambda batch: engine.decide_many(batch, now=now))
    views = _step("joining the batch", count, batches, lambda b: BatchViews([c.text for c in b], plan.normalizer))
    pairs = list(zip(batches, views, strict=True))
    _step("folded view", count, pairs, lambda pair: pair[1].folded)
    _step("skeleton view", count, pairs, lambda pair: pair[1].skeleton_bytes)
    for detector in plan.detectors:
        if not isinstance(detector, BatchDetector):
            continue  # observers (waves) only read what the caller observed
        name = type(detector).__name__
        _step(f"{name}.detect_batch", count, pairs, lambda pair, d=detector: d.detect_batch(pair[0], pair[1]))
    found = [plan.detect_many(batch) for batch in batches]
    triples = list(zip(batches, found, strict=True))
    _step("building decisions", count, triples, lambda triple: _decisions(engine, triple, now))


def _decisions(engine: Engine, triple: tuple[list[Content], list[Any]], now: datetime) -> list[Any]:
    moment = engine._moment(now)
    return [engine._decide_on(c, s, moment, Source.OWN_INITIATIVE) for c, s in zip(*triple, strict=True)]


def _step(name: str, count: int, items: Sequence[Any], work: Callable[[Any], Any]) -> list[Any]:
    started = time.perf_counter()
    results = [work(item) for item in items]
    print(f"{name:<40} {(time.perf_counter() - started) / count * 1e6:6.2f} µs/post")
    return results


if __name__ == "__main__":
    main()
