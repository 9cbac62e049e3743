"""Benchmark: the personal-data detector against Microsoft Presidio on the same corpus.

    python bench/pii.py [--mb 3] [--seed 11] [--skip-presidio]

Builds (seeded, cached under bench/.data/) a corpus of everyday English and Chinese posts,
a fifth of which carry one planted value: valid ones of every kind, and ones that look
right but fail their check. Then prints, for netgov's `pii` detector (built directly from
its factory, scanning batches of 512 posts, folding included) and for Presidio's
AnalyzerEngine (its pattern recognizers, one post at a time, in its own venv under
bench/.venv-presidio, created on first run), throughput (the fastest of --repeat passes,
each after a warm-up) and precision and recall per kind, and the ratio of the
throughputs. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import pii_corpus
from pii_corpus import Planted

BENCH = Path(__file__).parent
DATA = BENCH / ".data"
VENV = BENCH / ".venv-presidio"
PRESIDIO = "presidio-analyzer==2.2.366"
BATCH = 512
PRESIDIO_LABELS = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "CREDIT_CARD": "payment_card",
    "IBAN_CODE": "iban",
    "IP_ADDRESS": "ip_address",
    "CRYPTO": "crypto_wallet",
    "US_SSN": "national_id",
    "DATE_TIME": "date_of_birth",
}
# What both tools claim to find: Presidio's CRYPTO is Bitcoin only, its only identity
# number in English is the US SSN, and DATE_TIME needs a NER model (none here).
SHARED: dict[str, frozenset[str] | None] = {
    "email": None,
    "phone": None,
    "payment_card": None,
    "iban": None,
    "ip_address": None,
    "crypto_wallet": frozenset({"btc-p2pkh", "btc-p2sh"}),
    "national_id": frozenset({"us.ssn"}),
}

Found = tuple[int, int, int, str]  # post, start, end, label


@dataclass
class Scores:
    true: int = 0
    false: int = 0
    fooled: int = 0  # matches on planted values that fail their check
    planted: int = 0
    recalled: int = 0

    @property
    def precision(self) -> float:
        return self.true / (self.true + self.false) if self.true + self.false else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.planted if self.planted else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--plant-rate", type=float, default=0.05, help="share of posts with a planted value")
    parser.add_argument("--distractor-rate", type=float, default=0.05, help="share of posts with an everyday number")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per tool; the fastest counts")
    parser.add_argument("--skip-presidio", action="store_true", help="measure netgov only")
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    posts, planted, posts_file = pii_corpus.cached(DATA, args.seed, size, args.plant_rate, args.distractor_rate)
    mb = sum(len(str(p["text"]).encode("utf-8")) for p in posts) / 1e6
    valid = sum(p.valid for p in planted)
    invalid = len(planted) - valid
    print(f"corpus: {len(posts):,} posts, {mb:.2f} MB; planted {valid:,} valid and {invalid:,} invalid values")
    warm_up, _ = pii_corpus.generate(args.seed + 1, 300_000, args.plant_rate, args.distractor_rate)
    seconds, found = run_netgov(posts, warm_up, args.repeat)
    results = {"netgov": (seconds, found)}
    if not args.skip_presidio:
        presidio = run_presidio(posts_file, args.repeat)
        if presidio is not None:
            results["presidio"] = presidio
    print()
    for name, (seconds, _) in results.items():
        print(f"{name:<9} {mb / seconds:9.3f} MB/s {len(posts) / seconds:11,.0f} posts/s  ({seconds:.2f} s)")
    print()
    report({name: found for name, (_, found) in results.items()}, planted)
    if "presidio" in results:
        ratio = results["presidio"][0] / results["netgov"][0]
        print(f"\nthroughput ratio netgov / presidio = {ratio:,.0f}x  (target >= 50x)")


def run_netgov(
    posts: list[dict[str, object]], warm_up: list[dict[str, object]], repeat: int
) -> tuple[float, list[Found]]:
    """Each pass is timed with a fresh detector, after another detector ran over a
    different corpus: data that phonenumbers and stdnum load on first use is loaded, but
    no value of the measured corpus is in any cache."""
    from netgov import Content
    from netgov.core.detection import BuildContext
    from netgov.detectors.pii import PiiFactory
    from netgov.detectors.pii.factory import LABELS
    from netgov.rulebook.loader import default_normalizer

    normalizer = default_normalizer()
    context = BuildContext({}, normalizer, {"pii.salt": "bench"})
    best = float("inf")
    for run in [warm_up] + [posts] * repeat:
        detector = PiiFactory().build(context, LABELS).detector
        assert detector is not None
        contents = [Content(id=str(p["id"]), text=str(p["text"]), language=str(p["language"])) for p in run]
        seconds, found = _scan(detector, contents, normalizer)
        best = seconds if run is posts and seconds < best else best
    return best, found


def _scan(detector: Any, contents: list[Any], normalizer: Any) -> tuple[float, list[Found]]:
    from netgov.core.text import BatchViews

    found: list[Found] = []
    gc.collect()
    gc.freeze()  # the corpus is no garbage; Presidio's worker does the same
    started = time.perf_counter()
    for first in range(0, len(contents), BATCH):
        chunk = contents[first : first + BATCH]
        for offset, signals in enumerate(detector.detect_batch(chunk, BatchViews([c.text for c in chunk], normalizer))):
            found += [
                (first + offset, e.start, e.end, s.label) for s in signals if s.label != "any" for e in s.evidence
            ]
    seconds = time.perf_counter() - started
    gc.unfreeze()
    return seconds, found


def run_presidio(posts_file: Path, repeat: int) -> tuple[float, list[Found]] | None:
    python = VENV / "bin" / "python"
    try:
        if not python.exists():
            print(f"creating {VENV} and installing {PRESIDIO} (once)...", flush=True)
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        if subprocess.run([python, "-c", "import presidio_analyzer"], capture_output=True).returncode:
            subprocess.run([python, "-m", "pip", "install", "-q", PRESIDIO], check=True)
        out = DATA / f"{posts_file.stem}.presidio.json"
        worker = BENCH / "presidio_worker.py"
        # An empty URL list makes tldextract (Presidio's e-mail check) use its bundled
        # suffix-list snapshot instead of downloading one.
        environment = {**os.environ, "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": ""}
        command = [python, worker, posts_file, out, DATA / "spacy-blank-en", str(repeat)]
        subprocess.run(command, check=True, env=environment)
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"presidio could not run: {error}")
        return None
    data = json.loads(out.read_text("utf-8"))
    found = [
        (post, start, end, PRESIDIO_LABELS[kind])
        for post, items in enumerate(data["results"])
        for start, end, kind, _score in items
        if kind in PRESIDIO_LABELS
    ]
    return data["seconds"], found


def score(found: Iterable[Found], planted: list[Planted], subtypes: frozenset[str] | None = None) -> dict[str, Scores]:
    """Per label. A match on a valid planted value of its label is true; any other match is
    false (and "fooled" when it lands on a planted value that fails its check). With
    ``subtypes``, only planted values of those subtypes count, and only matches on them."""
    by_post: dict[int, list[Planted]] = defaultdict(list)
    for item in planted:
        by_post[item.post].append(item)
    scores: dict[str, Scores] = defaultdict(Scores)
    for item in planted:
        if item.valid and (subtypes is None or item.subtype in subtypes):
            scores[item.label].planted += 1
    recalled: set[Planted] = set()
    for post, start, end, label in found:
        hit = next((p for p in by_post[post] if p.label == label and p.start < end and start < p.end), None)
        if subtypes is not None and (hit is None or hit.subtype not in subtypes):
            continue
        if hit is not None and hit.valid:
            scores[label].true += 1
            recalled.add(hit)
        else:
            scores[label].false += 1
            scores[label].fooled += hit is not None
    for item in recalled:
        scores[item.label].recalled += 1
    return scores


def report(results: dict[str, list[Found]], planted: list[Planted]) -> None:
    names = list(results)
    header = "".join(f" | {name:>8} prec  recall fooled" for name in names)
    print(f"{'label':<24}{'valid':>6}{header}")
    full = {name: score(found, planted) for name, found in results.items()}
    for label in pii_corpus.LABELS:
        _row(label, [full[name][label] for name in names])
    print("\nshared with Presidio (same kinds, same subtypes):")
    for label, subtypes in SHARED.items():
        shown = label if subtypes is None else f"{label} ({','.join(sorted(subtypes))})"
        row = [score(results[name], planted, subtypes)[label] for name in names]
        _row(shown, row)
        if len(row) == 2:
            verdict = "met" if row[0].recall >= row[1].recall else "NOT met"
            print(f"{'':<30}recall netgov >= presidio: {verdict}")


def _row(label: str, scores: list[Scores]) -> None:
    cells = "".join(f" | {'':>8} {s.precision:5.3f} {s.recall:6.3f} {s.fooled:6d}" for s in scores)
    print(f"{label:<24}{scores[0].planted:>6}{cells}")


if __name__ == "__main__":
    main()
