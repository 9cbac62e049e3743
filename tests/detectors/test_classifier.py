"""The classifier detector: loading models from rulebook bytes, scoring, failing cleanly."""

from __future__ import annotations

import io
import json

import numpy as np
import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netgov.core.detection import BuildContext
from netgov.core.text import BatchViews, Normalizer, TextViews
from netgov.detectors.classifier import ClassifierFactory
from netgov.detectors.classifier.detector import ClassifierDetector
from netgov.detectors.classifier.examples import demo_model_files
from tests.factories import post

NORMALIZER = Normalizer(opencc.OpenCC("t2s").convert)
FILES = dict(demo_model_files())
BUILT = ClassifierFactory().build(BuildContext({}, NORMALIZER, files=FILES), frozenset({"demo.spam", "demo.other"}))
DETECTOR = BUILT.detector
assert isinstance(DETECTOR, ClassifierDetector)


def _problems(files: dict[str, bytes]) -> list[str]:
    built = ClassifierFactory().build(BuildContext({}, NORMALIZER, files=files), frozenset({"demo.spam"}))
    assert built.detector is None
    return [d.render() for d in built.problems]


def test_labels_are_qualified_by_the_model_name() -> None:
    assert ClassifierFactory().labels(BuildContext({}, NORMALIZER, files=FILES)) == {"demo.spam", "demo.other"}


def test_the_detector_lists_its_model_version() -> None:
    assert DETECTOR.models == (f"demo@{DETECTOR.models[0].split('@')[1]}",)
    assert len(DETECTOR.models[0].split("@")[1]) == 12


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=5))
def test_any_unicode_scores_in_range_and_batch_equals_single(texts: list[str]) -> None:
    contents = [post(text, id=str(i)) for i, text in enumerate(texts)]
    batch = DETECTOR.detect_batch(contents, BatchViews(texts, NORMALIZER))
    for content, batched in zip(contents, batch, strict=True):
        single = DETECTOR.detect(content, TextViews(content.text, NORMALIZER))
        assert list(single) == list(batched)
        for signal in single:
            assert 0.0 <= signal.score <= 1.0
            assert signal.evidence[0].end == len(content.text)


def test_a_missing_card_is_a_load_error_naming_the_file() -> None:
    files = {k: v for k, v in FILES.items() if not k.endswith("card.json")}
    assert any("models/demo/card.json" in p and "missing" in p for p in _problems(files))


def test_weights_of_the_wrong_shape_are_a_load_error() -> None:
    buffer = io.BytesIO()
    np.save(buffer, np.zeros((3, 16), dtype=np.float32))
    problems = _problems({**FILES, "models/demo/weights.npy": buffer.getvalue()})
    assert any("models/demo/weights.npy" in p and "shape" in p for p in problems)


def test_an_unknown_format_version_is_a_load_error() -> None:
    meta = json.loads(FILES["models/demo/model.json"])
    meta["format_version"] = 99
    problems = _problems({**FILES, "models/demo/model.json": json.dumps(meta).encode()})
    assert any("models/demo/model.json" in p and "format_version 99" in p for p in problems)


@pytest.mark.parametrize("junk", [b"", b"\x00\xff", b"[1, 2]", b'{"format": "netgov-classifier"}'])
def test_junk_model_json_is_a_load_error_not_a_crash(junk: bytes) -> None:
    assert any("models/demo/model.json" in p for p in _problems({**FILES, "models/demo/model.json": junk}))


def test_a_pickled_weights_file_is_refused() -> None:
    buffer = io.BytesIO()
    np.save(buffer, np.array([object()], dtype=object), allow_pickle=True)
    assert any("weights.npy" in p for p in _problems({**FILES, "models/demo/weights.npy": buffer.getvalue()}))
