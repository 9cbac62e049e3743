"""Runs Presidio over the benchmark corpus; executed by bench/pii.py inside its own venv.

    bench/.venv-presidio/bin/python bench/presidio_worker.py POSTS.jsonl OUT.json MODEL_DIR [REPEAT]

Presidio is given a blank spaCy pipeline saved under MODEL_DIR (so it downloads nothing);
its pattern recognizers (e-mail, phone, credit card, IBAN, IP, crypto, US SSN) need no
model. Writes the fastest of REPEAT passes (default 1) and, per post, [start, end, entity
type, score].
"""

from __future__ import annotations

import gc
import json
import sys
import time
from pathlib import Path

ENTITIES = ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS", "CRYPTO", "US_SSN", "DATE_TIME"]


def main() -> None:
    posts_file, out_file, model_dir = sys.argv[1:4]
    repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    import spacy

    if not Path(model_dir).exists():
        spacy.blank("en").to_disk(model_dir)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    configuration = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model_dir}]}
    analyzer = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=configuration).create_engine())
    texts = [json.loads(line)["text"] for line in Path(posts_file).read_text("utf-8").splitlines()]
    for text in texts[:200]:  # warm up, as netgov's detector is
        analyzer.analyze(text=text, language="en", entities=ENTITIES)
    seconds = float("inf")
    gc.collect()
    gc.freeze()  # the corpus is no garbage; bench/pii.py does the same for netgov
    for _ in range(repeat):
        started = time.perf_counter()
        results = [
            [
                [r.start, r.end, r.entity_type, r.score]
                for r in analyzer.analyze(text=t, language="en", entities=ENTITIES)
            ]
            for t in texts
        ]
        seconds = min(seconds, time.perf_counter() - started)
    Path(out_file).write_text(json.dumps({"seconds": seconds, "results": results}), "utf-8")


if __name__ == "__main__":
    main()
