"""The personal-data detector: validated entities, context, masked evidence."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import msgspec
import pytest

from netgov import Engine
from netgov.core.detection import BuildContext, Detector
from netgov.core.signals import Signal
from netgov.core.text import TextViews
from netgov.detectors.pii import PiiFactory
from netgov.detectors.pii.factory import LABELS
from netgov.rulebook.loader import default_normalizer
from tests.factories import NOW, post

SALT = "pepper"


def build(labels: Sequence[str] = tuple(LABELS), **options: str) -> Detector:
    context = BuildContext({}, default_normalizer(), {"pii.salt": SALT, **options})
    built = PiiFactory().build(context, frozenset(labels))
    assert not built.problems
    assert built.detector is not None
    return built.detector


@pytest.fixture(scope="module")
def detector() -> Detector:
    return build()


def signals(detector: Detector, text: str, language: str | None = None) -> dict[str, Signal]:
    found = detector.detect(post(text, language=language), TextViews(text, default_normalizer()))
    return {signal.label: signal for signal in found}


def spans(detector: Detector, text: str, label: str, language: str | None = None) -> list[str]:
    signal = signals(detector, text, language).get(label)
    return [] if signal is None else [text[e.start : e.end] for e in signal.evidence]


def digest(value: str, salt: str = SALT) -> str:
    return hashlib.sha256((salt + value).encode()).hexdigest()[:16]


VALID = [
    ("email", "Mail me: jane.roe@example.com", "jane.roe@example.com", None),
    ("email", "我的邮箱：12345678@qq.com", "12345678@qq.com", "zh"),
    ("phone", "Call +86 138 0013 8000 tonight", "+86 138 0013 8000", None),
    ("phone", "电话：138 0013 8000", "138 0013 8000", "zh"),
    ("phone", "手机号13800138000，微信同号", "13800138000", "zh"),
    ("phone", "Her number is (212) 736-5000", "(212) 736-5000", "en"),
    ("phone", "Ring 020 7946 0958 after six", "020 7946 0958", "en"),
    ("phone", "Tel. 0049 30 1234567", "0049 30 1234567", None),
    ("phone", "Call 1-212-736-5000 now", "1-212-736-5000", "en"),
    ("national_id", "我的身份证号是11010519491231002X", "11010519491231002X", "zh"),
    ("national_id", "身份证：110105 19491231 002X", "110105 19491231 002X", "zh"),
    ("national_id", "His SSN is 536-22-1234", "536-22-1234", None),
    ("national_id", "DNI 12345678Z", "12345678Z", None),
    ("national_id", "NIE X1234567L", "X1234567L", None),
    ("national_id", "Codice fiscale RSSMRA85T10A562S", "RSSMRA85T10A562S", None),
    ("national_id", "NIR 2 95 10 99 126 111 93", "2 95 10 99 126 111 93", None),
    ("national_id", "BSN 111222333", "111222333", None),
    ("national_id", "PESEL 44051401359", "44051401359", None),
    ("national_id", "Personnummer 811218-9876", "811218-9876", None),
    ("national_id", "CPR 211062-5629", "211062-5629", None),
    ("national_id", "HETU 131052-308T", "131052-308T", None),
    ("national_id", "Rijksregisternummer 85.07.30-033.28", "85.07.30-033.28", None),
    ("national_id", "NIF 123456789", "123456789", None),
    ("national_id", "RRN 971013-9019902", "971013-9019902", None),
    ("national_id", "Aadhaar 2345 6789 0124", "2345 6789 0124", None),
    ("payment_card", "Visa 4111 1111 1111 1111", "4111 1111 1111 1111", None),
    ("payment_card", "MC 5555-5555-5555-4444", "5555-5555-5555-4444", None),
    ("payment_card", "2-series 2223003122003222", "2223003122003222", None),
    ("payment_card", "Amex 3782 822463 10005", "3782 822463 10005", None),
    ("payment_card", "Discover 6011 1111 1111 1117", "6011 1111 1111 1117", None),
    ("payment_card", "JCB 3530 1113 3330 0000", "3530 1113 3330 0000", None),
    ("payment_card", "卡号6200000000000005", "6200000000000005", "zh"),
    ("payment_card", "Diners 3056 9309 0259 04", "3056 9309 0259 04", None),
    ("iban", "IBAN DE89 3704 0044 0532 0130 00 thanks", "DE89 3704 0044 0532 0130 00", None),
    ("iban", "汇款账号GB82WEST12345698765432", "GB82WEST12345698765432", "zh"),
    ("ip_address", "His IP: 81.2.69.160:8080", "81.2.69.160", None),
    ("ip_address", "IP地址 2a00:1450:4001:81c::200e", "2a00:1450:4001:81c::200e", "zh"),
    ("crypto_wallet", "BTC 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", None),
    ("crypto_wallet", "P2SH 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", None),
    (
        "crypto_wallet",
        "收款地址 bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "zh",
    ),
    (
        "crypto_wallet",
        "taproot bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        None,
    ),
    (
        "crypto_wallet",
        "ETH 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        None,
    ),
    ("crypto_wallet", "TRC20 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", None),
    ("date_of_birth", "DOB: 31/01/1990", "31/01/1990", None),
    ("date_of_birth", "She was born on 3rd March 1990.", "3rd March 1990", None),
    ("date_of_birth", "出生日期：1990年1月31日", "1990年1月31日", "zh"),
    ("date_of_birth", "他的生日是1990-01-31", "1990-01-31", "zh"),
]


@pytest.mark.parametrize(("label", "text", "value", "language"), VALID)
def test_a_valid_value_is_found_with_its_exact_span(
    detector: Detector, label: str, text: str, value: str, language: str | None
) -> None:
    assert spans(detector, text, label, language) == [value]


INVALID = [
    ("email", "Saved as logo@2x.png"),
    ("email", "Mail me: jane..roe@example.com"),
    ("phone", "Call +86 138 0013 800 tonight"),
    ("phone", "电话：138 0013 800"),
    ("phone", "Call +44 7700 900123"),
    ("national_id", "我的身份证号是110105194912310021"),
    ("national_id", "身份证：11010519491331002X"),
    ("national_id", "His SSN is 666-22-1234"),
    ("national_id", "DNI 12345678A"),
    ("national_id", "NIE X1234567A"),
    ("national_id", "Codice fiscale RSSMRA85T10A562T"),
    ("national_id", "NIR 2 95 10 99 126 111 94"),
    ("national_id", "BSN 111222334"),
    ("national_id", "PESEL 44051401358"),
    ("national_id", "Personnummer 811218-9875"),
    ("national_id", "HETU 131052-308U"),
    ("national_id", "Rijksregisternummer 85.07.30-033.29"),
    ("national_id", "Aadhaar 2345 6789 0125"),
    ("payment_card", "Visa 4111 1111 1111 1112"),
    ("payment_card", "卡号6200000000000006"),
    ("payment_card", "Amex 3782 822463 10006"),
    ("payment_card", "Luhn-valid but no issuer: 9999 9999 9999 9995"),
    ("iban", "IBAN DE89 3704 0044 0532 0130 01"),
    ("iban", "汇款账号GB82WEST12345698765433"),
    ("ip_address", "Router 192.168.1.1, loopback 127.0.0.1, docs 203.0.113.7"),
    ("ip_address", "Not an address 256.1.1.1, version 1.2.3.4.5"),
    ("crypto_wallet", "BTC 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"),
    ("crypto_wallet", "收款地址 bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr"),
    ("crypto_wallet", "ETH 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"),
    ("crypto_wallet", "TRC20 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u"),
    ("date_of_birth", "DOB: 31/02/1990"),
    ("date_of_birth", "生日是1990年13月1日"),
]


@pytest.mark.parametrize(("label", "text"), INVALID)
def test_a_value_that_fails_its_check_is_not_found(detector: Detector, label: str, text: str) -> None:
    assert label not in signals(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "We paid 1.299.000 won, then 12,345,678 and $4,500.00 in 2021 2022.",
        "Order 2024051612 shipped on 2023-05-16 at 14:30:00.",
        "Version 1.2.3.4.5 of the app, build 20240516.",
        "The meeting is on 1990-01-31 in room 3.",
        "库存 123456 件，单价 99.99 元，订单号 2024051612345。",
        "Invoice 111222333 and reference 44051401359",
    ],
)
def test_everyday_numbers_are_not_personal_data(detector: Detector, text: str) -> None:
    assert signals(detector, text) == {}


def test_a_bare_run_of_digits_is_a_phone_number_only_with_a_phone_word(detector: Detector) -> None:
    assert "phone" not in signals(detector, "Ref 2127365000", "en")
    assert spans(detector, "Call 2127365000", "phone", "en") == ["2127365000"]


def test_context_raises_the_score_and_is_named_in_the_detail(detector: Detector) -> None:
    bare = signals(detector, "4111 1111 1111 1111")["payment_card"]
    named = signals(detector, "My credit card: 4111 1111 1111 1111")["payment_card"]
    assert bare.score == pytest.approx(0.6)
    assert named.score == pytest.approx(0.9)
    assert bare.evidence[0].detail == "validator=luhn+issuer:visa; context=none"
    assert named.evidence[0].detail == "validator=luhn+issuer:visa; context='credit card'"


def test_a_doxxing_word_raises_the_score_further(detector: Detector) -> None:
    signal = signals(detector, "开盒：手机号 138 0013 8000", "zh")["phone"]
    assert signal.score == pytest.approx(1.0)
    assert signal.evidence[0].detail == "validator=phonenumbers:CN; context='手机号'; doxx='开盒'"


def test_evidence_holds_the_kind_and_a_salted_digest_never_the_value(detector: Detector) -> None:
    signal = signals(detector, "电话：138 0013 8000", "zh")["phone"]
    evidence = signal.evidence[0]
    assert evidence.entry == "phone"
    assert evidence.digest == digest("+8613800138000")
    encoded = msgspec.json.encode(signal).decode()
    assert not re.search(r"138\D?0013|0013\D?8000|13800138000", encoded)


def test_a_decision_carries_no_digit_run_of_the_value(bundled_engine: Engine) -> None:
    text = "开盒：身份证11010519491231002X，手机13800138000，等着收尸吧"
    decision = bundled_engine.decide(post(text, language="zh"), now=NOW)
    assert decision.action == "remove"
    encoded = msgspec.json.encode(decision).decode()
    assert "11010519491231002" not in encoded
    assert "13800138000" not in encoded
    assert "1949123" not in encoded
    pii = [e for s in decision.signals if s.detector == "pii" for e in s.evidence]
    assert {e.entry for e in pii} == {"national_id", "phone"}
    assert all(e.digest in encoded for e in pii)


def test_the_same_value_gives_the_same_digest_with_the_same_salt(detector: Detector) -> None:
    first = signals(detector, "Call +86 138 0013 8000")["phone"].evidence[0].digest
    second = signals(detector, "手机：13800138000", "zh")["phone"].evidence[0].digest
    other_salt = build(["phone"], **{"pii.salt": "other"})
    third = signals(other_salt, "Call +86 138 0013 8000")["phone"].evidence[0].digest
    assert first == second
    assert third != first


def test_without_a_salt_option_the_salt_is_empty() -> None:
    built = PiiFactory().build(BuildContext({}, default_normalizer()), frozenset({"email"}))
    assert built.detector is not None
    text = "jane.roe@example.com"
    found = built.detector.detect(post(text), TextViews(text, default_normalizer()))
    assert found[0].evidence[0].digest == digest("jane.roe@example.com", salt="")


def test_any_summarises_every_entity_in_one_signal(detector: Detector) -> None:
    text = "Name: J. Doe, DOB: 1990-01-31, SSN 536-22-1234, phone (212) 736-5000, mail j.doe@example.com"
    found = signals(detector, text, "en")
    assert found["any"].count == 4
    assert found["any"].distinct == 4
    assert found["any"].score == max(s.score for label, s in found.items() if label != "any")
    assert set(found) == {"any", "date_of_birth", "national_id", "phone", "email"}
    assert all(s.category == "DATA_PROTECTION_AND_PRIVACY_VIOLATIONS" for s in found.values())


def test_only_the_requested_labels_are_built(detector: Detector) -> None:
    text = "Mail jane.roe@example.com or call +86 138 0013 8000"
    only_email = build(["email"])
    assert set(signals(only_email, text)) == {"email"}
    assert set(signals(detector, text)) == {"email", "phone", "any"}


def test_no_labels_build_no_detector() -> None:
    assert PiiFactory().build(BuildContext({}, default_normalizer()), frozenset()).detector is None


def test_the_content_region_decides_how_a_national_number_is_read(detector: Detector) -> None:
    text = "电话 020 7946 0958"
    chinese = signals(detector, text, "zh")["phone"].evidence[0]
    english = signals(detector, text, "en")["phone"].evidence[0]
    assert chinese.detail.startswith("validator=phonenumbers:CN")
    assert english.detail.startswith("validator=phonenumbers:GB")
    assert chinese.digest == digest("+862079460958")
    assert english.digest == digest("+442079460958")


def test_phone_regions_come_from_the_option() -> None:
    text = "Tel 06 12 34 56 78"
    assert "phone" in signals(build(["phone"]), text)
    assert "phone" not in signals(build(["phone"], **{"pii.phone_regions": "US"}), text)


def test_an_unknown_phone_region_is_a_build_problem() -> None:
    context = BuildContext({}, default_normalizer(), {"pii.phone_regions": "US,XQ"})
    built = PiiFactory().build(context, frozenset({"phone"}))
    assert built.detector is None
    assert "XQ" in built.problems[0].message


def test_a_weak_identity_number_needs_its_own_scheme_name(detector: Detector) -> None:
    assert "national_id" not in signals(detector, "ID 111222333")
    assert spans(detector, "BSN: 111222333", "national_id") == ["111222333"]


def test_a_run_of_numbers_is_split_into_entities(detector: Detector) -> None:
    text = "Card 4111 1111 1111 1111 12/29 and phone +86 138 0013 8000"
    found = signals(detector, text)
    assert spans(detector, text, "payment_card") == ["4111 1111 1111 1111"]
    assert spans(detector, text, "phone") == ["+86 138 0013 8000"]
    assert found["any"].count == 2


def test_full_width_and_traditional_text_is_read_through_the_folded_view(detector: Detector) -> None:
    text = "身份證：１１０１０５１９４９１２３１００２Ｘ"
    assert spans(detector, text, "national_id", "zh") == ["１１０１０５１９４９１２３１００２Ｘ"]
    assert signals(detector, text, "zh")["national_id"].evidence[0].digest == digest("11010519491231002X")


@pytest.mark.parametrize(
    "prefix",
    ["Straße ", "① ", "\u200b\u200b", "ｶﾀｶﾅ ", "😀 ", "㍿ ", "電話："],
)
def test_spans_are_exact_after_characters_that_fold_to_more_or_fewer(detector: Detector, prefix: str) -> None:
    text = f"{prefix}call 138 0013 8000 or mail jane.roe@example.com"
    assert spans(detector, text, "phone", "zh") == ["138 0013 8000"]
    assert spans(detector, text, "email") == ["jane.roe@example.com"]
