"""Properties of the url detector on arbitrary text: it never raises, every span lies in
the original text, and a batch gives exactly what each text gives alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netgov.core.content import Content
from netgov.core.detection import BatchDetector
from netgov.core.text import BatchViews, TextViews
from netgov.core.text.normalizer import BATCH_SEPARATOR
from tests.detectors.test_urls import NORMALIZER, build, domains

LISTS = (
    domains("block", "block", "phishing.example", "||evil.example^"),
    domains("short", "shorteners", "bit.ly"),
    domains("brands", "protected", "paypal.com"),
    domains("allow", "allow", "example.org"),
)
DETECTOR = build(*LISTS)

_PIECES = st.sampled_from(
    [
        "https://",
        "hxxps[://]",
        "http://paypal.com@",
        "paypal",
        "p\u0430ypal",
        "xn--pypal-4ve",
        "phishing",
        "evil",
        "bit",
        "example",
        ".com",
        ".ly",
        ".example",
        ".org",
        "[.]",
        " dot ",
        " . ",
        "。",
        "．",
        "点",
        "/login?x=1",
        ":8080",
        "3232235777",
        "192.168.0.1",
        "[::1]",
        '<a href="',
        '">',
        "</a>",
        "[",
        "](",
        ")",
        " ",
        "\u200b",
        "ｅ",
        "⒈",
        "ﬁ",
        "😀",
        "中文",
        "-",
        "_",
        "@",
        BATCH_SEPARATOR,
    ]
)
_TEXTS = st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=12).map("".join))


def _detect(text: str) -> list[object]:
    return list(DETECTOR.detect(Content(id="c", text=text), TextViews(text, NORMALIZER)))


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_never_raises_and_every_span_lies_in_the_original_text(text: str) -> None:
    for signal in DETECTOR.detect(Content(id="c", text=text), TextViews(text, NORMALIZER)):
        assert 0.0 < signal.score <= 1.0
        for evidence in signal.evidence:
            assert 0 <= evidence.start < evidence.end <= len(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=8))
def test_a_batch_gives_what_each_text_gives_alone(texts: list[str]) -> None:
    batch = BatchViews(texts, NORMALIZER)
    if not batch.batched:
        return  # the plan scans such batches text by text
    contents = [Content(id=str(i), text=text) for i, text in enumerate(texts)]
    assert isinstance(DETECTOR, BatchDetector)
    together = [list(signals) for signals in DETECTOR.detect_batch(contents, batch)]
    assert together == [_detect(text) for text in texts]
