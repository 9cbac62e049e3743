"""Every registered detector's own examples, run by one shared test."""

from __future__ import annotations

import opencc
import pytest

from netgov.core.detection import BuildContext, DetectorExample, DetectorFactory
from netgov.core.text import Normalizer, TextViews
from netgov.plugins import default_registry
from tests.factories import post

NORMALIZER = Normalizer(opencc.OpenCC("t2s").convert)
CASES = [
    pytest.param(factory, example, id=f"{factory.name}:{index}")
    for factory in default_registry()
    for index, example in enumerate(factory.examples())
]


def test_every_detector_provides_examples() -> None:
    for factory in default_registry():
        assert factory.examples(), f"{factory.name} has no examples"


@pytest.mark.parametrize(("factory", "example"), CASES)
def test_detector_example(factory: DetectorFactory, example: DetectorExample) -> None:
    lists: dict[str, dict[str, object]] = {}
    for entry_list in example.lists:
        lists.setdefault(entry_list.kind, {})[entry_list.name] = entry_list
    context = BuildContext(lists, NORMALIZER, files=dict(example.files))  # type: ignore[arg-type]
    built = factory.build(context, frozenset({example.label}))
    assert not built.problems
    assert built.detector is not None
    content = post(example.text, language=example.language)
    signals = [
        s for s in built.detector.detect(content, TextViews(example.text, NORMALIZER)) if s.label == example.label
    ]
    if not example.should_match:
        assert signals == []
        return
    assert len(signals) == 1
    found = {example.text[e.start : e.end] for e in signals[0].evidence}
    for span in example.spans:
        assert span in found
