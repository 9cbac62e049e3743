"""Deciding a batch gives exactly the decisions of deciding each item alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netgov import Content, Engine
from netgov.core.text.normalizer import BATCH_SEPARATOR
from tests.factories import NOW

_PIECES = st.sampled_from(
    [
        "free money",
        "FR33 M0NEY",
        "f r e e  m o n e y",
        "免費領取",
        "免费领取",
        "send 1 btc and get 2 back",
        "verify your account",
        "ｐａｙｐａｌ",
        "hello",
        " ",
        "。",
        "\u200b",
        BATCH_SEPARATOR,
        "😀",
        "𝐟𝐫𝐞𝐞",
        "\n",
    ]
)
_TEXTS = st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=8).map("".join))


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=12))
def test_decide_many_equals_deciding_one_by_one(bundled_engine: Engine, texts: list[str]) -> None:
    contents = [Content(id=str(i), platform="t", text=text) for i, text in enumerate(texts)]
    one_by_one = [bundled_engine.decide(content, now=NOW) for content in contents]
    assert bundled_engine.decide_many(contents, now=NOW) == one_by_one


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_every_evidence_span_lies_inside_the_original_text(bundled_engine: Engine, text: str) -> None:
    decision = bundled_engine.decide(Content(id="x", text=text), now=NOW)
    for signal in decision.signals:
        for evidence in signal.evidence:
            assert 0 <= evidence.start < evidence.end <= len(text)
