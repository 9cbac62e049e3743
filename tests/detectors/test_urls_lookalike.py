"""Lookalikes of protected domains: each method, what it names, and what is never one."""

from __future__ import annotations

import pytest

from netgov.detectors.urls.lookalike import one_edit
from tests.detectors.test_urls import detect, domains, spans

PROTECTED = domains("protected", "protected", "paypal.com", "icbc.com.cn", "ups.com", "microsoft.com", "apple.com")


@pytest.mark.parametrize(
    ("text", "found", "method", "protected", "score"),
    [
        ("log in at p\u0430ypal.com now", "p\u0430ypal.com", "homograph", "paypal.com", 1.0),  # Cyrillic а
        ("log in at https://xn--pypal-4ve.com/", "https://xn--pypal-4ve.com/", "homograph", "paypal.com", 1.0),
        ("log in at paypal.c\u043em", "paypal.c\u043em", "homograph", "paypal.com", 1.0),  # Cyrillic о in the TLD
        ("log in at pàypal.net", "pàypal.net", "homograph", "paypal.com", 1.0),
        ("log in at paypa1.com", "paypa1.com", "leet", "paypal.com", 0.9),
        ("log in at rnicrosoft.com", "rnicrosoft.com", "leet", "microsoft.com", 0.9),
        ("log in at http://paypal.com@evil.example/", "http://paypal.com@evil.example/", "userinfo", "paypal.com", 0.9),
        ("log in at paypall.com", "paypall.com", "typo", "paypal.com", 0.8),
        ("log in at pyapal.com", "pyapal.com", "typo", "paypal.com", 0.8),
        ("log in at paypl.com", "paypl.com", "typo", "paypal.com", 0.8),
        ("log in at appel.com", "appel.com", "typo", "apple.com", 0.7),
        ("log in at paypal-login.com", "paypal-login.com", "combosquat", "paypal.com", 0.7),
        ("log in at secure-paypal.com", "secure-paypal.com", "combosquat", "paypal.com", 0.7),
        (
            "log in at https://paypal.com-secure.example/",
            "https://paypal.com-secure.example/",
            "combosquat",
            "paypal.com",
            0.7,
        ),
        ("log in at paypal.secure-login.net", "paypal.secure-login.net", "combosquat", "paypal.com", 0.7),
        ("log in at paypalsecure.com", "paypalsecure.com", "combosquat", "paypal.com", 0.7),
        ("请登录icbc-verify.com处理", "icbc-verify.com", "combosquat", "icbc.com.cn", 0.7),
        ("log in at paypal.co", "paypal.co", "other suffix", "paypal.com", 0.6),
    ],
)
def test_each_method_names_the_protected_domain(
    text: str, found: str, method: str, protected: str, score: float
) -> None:
    signal = detect(text, PROTECTED)["lookalike"]
    assert spans(signal, text) == [found]
    evidence = signal.evidence[0]
    assert evidence.entry == protected
    assert evidence.detail.startswith(f"lookalike of {protected}: {method}")
    assert signal.score == score


def test_a_homograph_shows_both_spellings() -> None:
    detail = detect("p\u0430ypal.com", PROTECTED)["lookalike"].evidence[0].detail
    assert detail == "lookalike of paypal.com: homograph (xn--pypal-4ve.com, shown as p\u0430ypal.com)"


@pytest.mark.parametrize(
    "text",
    [
        "paypal.com",
        "PAYPAL.COM",
        "www.paypal.com",
        "https://login.paypal.com/signin",
        "https://www.icbc.com.cn/",
        "ups.com/track",
    ],
)
def test_the_protected_domain_and_its_subdomains_are_never_lookalikes(text: str) -> None:
    assert "lookalike" not in detect(text, PROTECTED)


def test_an_allowlisted_lookalike_yields_nothing() -> None:
    allow = domains("allow", "allow", "paypall.com")
    assert detect("paypall.com", PROTECTED, allow) == {}


@pytest.mark.parametrize(
    "text",
    [
        "ops.com and upc.com",  # one edit from a short brand: too many real words
        "meetups.com",  # a short brand inside a word
        "see paypal-client.py",  # a file name: only disguises count there
        "apple.pie",  # not a public suffix
        "paypal.It works",  # a missing space
    ],
)
def test_weak_resemblances_are_not_lookalikes(text: str) -> None:
    protected = domains("protected", "protected", "paypal.com", "ups.com", "apple.com")
    assert "lookalike" not in detect(text, protected)


def test_without_protected_domains_nothing_is_a_lookalike() -> None:
    assert "lookalike" not in detect("p\u0430ypal.com paypa1.com")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("paypal", "paypall", True),
        ("paypal", "paypa", True),
        ("paypal", "paypak", True),
        ("paypal", "pyapal", True),
        ("paypal", "paypal", False),
        ("paypal", "pyaapl", False),
        ("paypal", "paypalll", False),
    ],
)
def test_one_edit_is_damerau_distance_one(a: str, b: str, expected: bool) -> None:
    assert one_edit(a, b) is expected
    assert one_edit(b, a) is expected
