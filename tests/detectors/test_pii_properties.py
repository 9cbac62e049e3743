"""Properties of the personal-data detector on arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netgov import Content
from netgov.core.detection import BatchDetector, BuildContext
from netgov.core.text import BatchViews, TextViews
from netgov.core.text.normalizer import BATCH_SEPARATOR
from netgov.detectors.pii import PiiFactory
from netgov.detectors.pii.factory import LABELS
from netgov.rulebook.loader import default_normalizer

NORMALIZER = default_normalizer()
_BUILT = PiiFactory().build(BuildContext({}, NORMALIZER, {"pii.salt": "s"}), LABELS).detector
assert isinstance(_BUILT, BatchDetector)
DETECTOR: BatchDetector = _BUILT

_PIECES = st.sampled_from(
    [
        "+86 138 0013 8000",
        "１３８００１３８０００",
        "(212) 736-5000",
        "11010519491231002X",
        "4111 1111 1111 1111",
        "DE89 3704 0044 0532 0130 00",
        "jane.roe@example.com",
        "81.2.69.160",
        "2a00:1450:4001:81c::200e",
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "DOB: 1990-01-31",
        "出生日期：1990年1月31日",
        "电话：",
        "card ",
        "ß",
        "ﬃ",
        "\u200b",
        " ",
        "-",
        "(",
        "+",
        ":",
        "@",
        "0",
        "7",
        "x",
        BATCH_SEPARATOR,
        "😀",
        "\n",
    ]
)
_TEXTS = st.one_of(st.text(max_size=80), st.lists(_PIECES, max_size=10).map("".join))


@settings(max_examples=200, deadline=None)
@given(_TEXTS, st.sampled_from([None, "zh", "en", "de-AT"]))
def test_any_text_gives_evidence_inside_the_original_text(text: str, language: str | None) -> None:
    found = DETECTOR.detect(Content(id="x", text=text, language=language), TextViews(text, NORMALIZER))
    assert len({signal.label for signal in found}) == len(found)
    for signal in found:
        assert 0 < signal.score <= 1
        for evidence in signal.evidence:
            assert 0 <= evidence.start < evidence.end <= len(text)
            assert evidence.digest
            assert evidence.entry in LABELS


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=10))
def test_a_batch_gives_exactly_what_each_text_gives_alone(texts: list[str]) -> None:
    contents = [Content(id=str(i), text=text) for i, text in enumerate(texts)]
    alone = [list(DETECTOR.detect(c, TextViews(c.text, NORMALIZER))) for c in contents]
    batch = DETECTOR.detect_batch(contents, BatchViews(texts, NORMALIZER))
    assert [list(signals) for signals in batch] == alone
