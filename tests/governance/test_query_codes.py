"""Query codes: random, typable, forgiving when typed back, and stored only as a hash."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from netgov.governance.query_codes import ALPHABET, canonical_code, code_hash, lookup_hash, new_query_code

SHAPE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}")


def test_a_new_code_is_four_groups_of_four_unambiguous_characters() -> None:
    code = new_query_code()
    assert SHAPE.fullmatch(code), code
    assert not set(code) & set("ILOU")


def test_codes_do_not_repeat() -> None:
    assert len({new_query_code() for _ in range(1000)}) == 1000


def test_a_code_typed_back_loosely_is_the_same_code() -> None:
    code = new_query_code()
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert canonical_code(f"  {typed} ") == code


@given(st.text(max_size=80))
def test_text_is_a_code_only_in_the_issued_shape(text: str) -> None:
    canonical = canonical_code(text)
    assert canonical is None or SHAPE.fullmatch(canonical)


def test_the_hash_is_of_the_canonical_form() -> None:
    code = new_query_code()
    assert lookup_hash(code.lower()) == code_hash(code)
    assert len(code_hash(code)) == 64


@given(st.text(max_size=80))
def test_a_malformed_code_hashes_to_nothing_an_issued_code_could(text: str) -> None:
    if canonical_code(text) is None:
        issued = {code_hash(new_query_code()) for _ in range(3)}
        assert lookup_hash(text) not in issued
        assert len(lookup_hash(text)) == 64


def test_the_alphabet_has_32_distinct_characters() -> None:
    assert len(set(ALPHABET)) == 32
