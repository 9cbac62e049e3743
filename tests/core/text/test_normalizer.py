from __future__ import annotations

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgov.core.text import Normalizer, TextViews

NORMALIZER = Normalizer(opencc.OpenCC("t2s").convert)


@pytest.mark.parametrize(
    ("text", "skeleton"),
    [
        ("Free M0NEY", "freemoney"),
        ("f r e e  m 0 n e y", "freemoney"),
        ("fr.ee", "free"),
        ("р\u0430уp\u0430l", "paypai"),
        ("ｆｒｅｅ", "free"),
        ("sc\u200bam", "scam"),
        ("免費領取", "免费领取"),
        ("café", "cafe"),
        ("𝐟𝐫𝐞𝐞", "free"),
    ],
)
def test_evasions_fold_to_the_same_skeleton(text: str, skeleton: str) -> None:
    assert TextViews(text, NORMALIZER).skeleton == skeleton


def test_the_folded_view_keeps_spaces_and_punctuation() -> None:
    assert TextViews("Ｈｅｌｌｏ, Wörld!", NORMALIZER).folded == "hello, world!"


def test_spans_map_back_to_the_original_characters() -> None:
    views = TextViews("xx ｆ\u200bｒｅｅ yy", NORMALIZER)
    start = views.skeleton.index("free")
    assert views.to_original("skeleton", start, start + 4) == (3, 8)


@given(st.text())
def test_normalisation_never_raises(text: str) -> None:
    views = TextViews(text, NORMALIZER)
    assert isinstance(views.folded, str)
    assert isinstance(views.skeleton, str)


@given(st.text(), st.data())
def test_every_mapped_span_lies_inside_the_original(text: str, data: st.DataObject) -> None:
    views = TextViews(text, NORMALIZER)
    for name in ("folded", "skeleton"):
        view = views.view(name)
        start = data.draw(st.integers(0, len(view)))
        end = data.draw(st.integers(start, len(view)))
        lo, hi = views.to_original(name, start, end)
        assert 0 <= lo <= hi <= len(text)
        if start < end:
            assert lo < hi


@given(st.text())
def test_the_fast_path_agrees_with_the_tables(text: str) -> None:
    assert NORMALIZER.folded(text) == text.translate(NORMALIZER.fold_table)
    assert NORMALIZER.skeletonized(text) == text.translate(NORMALIZER.skeleton_table)


@given(st.text(alphabet=st.sampled_from("abc XYZ 012 ,.!免费領取。！ \u200b а ｆ é")))
def test_the_fast_path_agrees_on_mixed_scripts(text: str) -> None:
    assert NORMALIZER.folded(text) == text.translate(NORMALIZER.fold_table)
    assert NORMALIZER.skeletonized(text) == text.translate(NORMALIZER.skeleton_table)
