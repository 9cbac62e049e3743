"""Normalising reported URLs: the same page gives the same key, however it was written."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgov.governance.locations import normalise_url

HOSTS = st.from_regex(r"[a-z][a-z0-9-]{0,10}\.(org|example|com)", fullmatch=True)
# Spaces and control characters are left out: a URL's ends are trimmed, as pasted ones need.
PATH_CHARACTERS = st.characters(codec="utf-8", exclude_characters="/?#", exclude_categories=("Zs", "Zl", "Zp", "Cc"))
SEGMENTS = st.lists(st.text(PATH_CHARACTERS, max_size=8), max_size=4)
PARAMS = st.lists(
    st.tuples(st.from_regex(r"[a-z]{1,6}", fullmatch=True), st.from_regex(r"[A-Za-z0-9._~-]{0,6}", fullmatch=True)),
    max_size=5,
)


def url_of(host: str, segments: list[str], params: list[tuple[str, str]], *, fragment: str = "") -> str:
    path = "/" + "/".join(segments)
    query = "&".join(f"{key}={value}" for key, value in params)
    return f"https://{host}{path}" + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


@pytest.mark.parametrize(
    ("given_url", "normal"),
    [
        ("HTTPS://Example.ORG:443/p?utm_source=x&b=2&a=1#top", "https://example.org/p?a=1&b=2"),
        ("http://example.org", "http://example.org/"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        ("https://user:secret@example.org/a", "https://example.org/a"),
        ("https://example.org/a%2fb?x=%7e", "https://example.org/a%2Fb?x=%7E"),
        ("https://bücher.example/ä", "https://xn--bcher-kva.example/%C3%A4"),
        ("https://example.org/Path/Keeps/Case", "https://example.org/Path/Keeps/Case"),
        ("https://example.org/p?fbclid=1&gclid=2&UTM_Medium=3&q=1", "https://example.org/p?q=1"),
        ("https://[2001:db8::1]/a", "https://[2001:db8::1]/a"),
    ],
)
def test_urls_normalise_to_one_form(given_url: str, normal: str) -> None:
    assert normalise_url(given_url) == normal


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("ftp://example.org/a", "http:// or https://"),
        ("example.org/a", "http:// or https://"),
        ("https://", "names no host"),
        ("https://exa mple.org/", "not a valid name"),
        ("https://example.org:99999/", "not a URL"),
        ("https://example.org/" + "a" * 2000, "at most 2000 characters"),
    ],
)
def test_what_is_not_an_http_url_is_refused_with_the_reason(bad: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        normalise_url(bad)


@given(HOSTS, SEGMENTS, PARAMS, st.text(max_size=5))
def test_normalising_twice_changes_nothing(
    host: str, segments: list[str], params: list[tuple[str, str]], frag: str
) -> None:
    once = normalise_url(url_of(host, segments, params, fragment=frag))
    assert normalise_url(once) == once


@given(HOSTS, SEGMENTS, PARAMS)
def test_the_result_is_ascii(host: str, segments: list[str], params: list[tuple[str, str]]) -> None:
    assert normalise_url(url_of(host, segments, params)).isascii()


@given(HOSTS, SEGMENTS, PARAMS, st.randoms(use_true_random=False))
def test_the_order_of_parameters_does_not_matter(
    host: str, segments: list[str], params: list[tuple[str, str]], rng: object
) -> None:
    shuffled = list(params)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert normalise_url(url_of(host, segments, params)) == normalise_url(url_of(host, segments, shuffled))


@given(
    HOSTS, SEGMENTS, PARAMS, st.text(max_size=10), st.sampled_from(["utm_source", "utm_campaign", "fbclid", "gclid"])
)
def test_fragments_and_tracking_parameters_do_not_matter(
    host: str, segments: list[str], params: list[tuple[str, str]], fragment: str, tracker: str
) -> None:
    plain = normalise_url(url_of(host, segments, params))
    tracked = url_of(host, segments, [*params, (tracker, "campaign")], fragment=fragment)
    assert normalise_url(tracked) == plain


@given(HOSTS, SEGMENTS)
def test_the_host_and_scheme_case_do_not_matter(host: str, segments: list[str]) -> None:
    lower = url_of(host, segments, [])
    upper = lower.replace("https://", "HTTPS://").replace(host, host.upper(), 1)
    assert normalise_url(upper) == normalise_url(lower)


@given(st.text(max_size=60))
def test_any_text_is_normalised_or_refused_with_a_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        normalise_url(text)
