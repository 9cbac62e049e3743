"""The validators of the personal-data detector, one by one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn as stdnum_luhn

from netgov.detectors.pii.cards import issuer, luhn
from netgov.detectors.pii.dates import birth_date
from netgov.detectors.pii.identity import identity_matches
from netgov.detectors.pii.network import EmailValidator, ip_address
from netgov.detectors.pii.phones import PhoneValidator
from netgov.detectors.pii.wallets import wallet

DEFAULTS = ("US", "GB", "CN", "DE", "FR", "IN")


@pytest.mark.parametrize(
    ("address", "validator"),
    [
        ("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "base58check:bitcoin-p2pkh"),
        ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "base58check:bitcoin-p2sh"),
        ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "base58check:tron"),
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bech32:bitcoin-segwit-v0"),
        ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bech32:bitcoin-segwit-v0"),
        ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "bech32m:bitcoin-segwit-v1"),
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "eip55:ethereum"),
        ("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "eip55:ethereum"),
        ("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "hex:ethereum"),
    ],
)
def test_a_wallet_address_passes_its_checksum(address: str, validator: str) -> None:
    found = wallet(address)
    assert found is not None
    assert found[1] == validator


@pytest.mark.parametrize(
    "address",
    [
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3",  # Base58Check checksum
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",  # bech32 checksum
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8f3t4",  # mixed case
        # a version-1 program with a bech32 (not bech32m) checksum, from BIP 350
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",  # EIP-55 case
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe",  # too short
    ],
)
def test_a_wallet_address_that_fails_its_checksum_is_refused(address: str) -> None:
    assert wallet(address) is None


@pytest.mark.parametrize(
    ("digits", "name"),
    [
        ("4111111111111111", "visa"),
        ("5555555555554444", "mastercard"),
        ("2223003122003222", "mastercard"),
        ("378282246310005", "amex"),
        ("6011111111111117", "discover"),
        ("3530111333300000", "jcb"),
        ("6200000000000005", "unionpay"),
        ("30569309025904", "diners"),
        ("9999999999999995", None),
        ("41111111111111", None),  # Visa has no 14-digit cards
    ],
)
def test_card_issuers_by_prefix_and_length(digits: str, name: str | None) -> None:
    assert issuer(digits) == name


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("1990-01-31", "1990-01-31"),
        ("1990年1月31日", "1990-01-31"),
        ("31/01/1990", "1990-01-31"),
        ("03/04/1990", "1990-04-03"),  # day first when both readings are dates
        ("12/31/1990", "1990-12-31"),  # month first when only that is a date
        ("01.02.85", "1985-02-01"),
        ("01.02.25", "2025-02-01"),
        ("march 3, 1990", "1990-03-03"),
        ("3rd of march 1990", "1990-03-03"),
        ("1990-02-30", None),
        ("1850-01-01", None),
    ],
)
def test_dates_of_birth_are_real_calendar_dates(written: str, iso: str | None) -> None:
    assert birth_date(written) == iso


@pytest.mark.parametrize(
    ("written", "scheme", "needs_context"),
    [
        ("11010519491231002x", "cn.ric", False),
        ("44030519801105885x", None, False),  # wrong check digit
        ("536-22-1234", "us.ssn", False),
        ("536221234", "us.ssn", True),
        ("111222333", "nl.bsn", True),
        ("131052-308t", "fi.hetu", False),
        ("010594y123w", "fi.hetu", False),
        ("811218-9876", "se.personnummer", False),
        ("85.07.30-033.28", "be.nn", False),
        ("971013-9019902", "kr.rrn", False),
    ],
)
def test_identity_numbers_by_writing(written: str, scheme: str | None, needs_context: bool) -> None:
    found = [(w.scheme, w.needs_context) for w in identity_matches(written)]
    if scheme is None:
        assert found == []
    else:
        assert (scheme, needs_context) in found


def test_a_chinese_id_counts_whatever_year_its_county_was_created() -> None:
    # Nanshan district (440305) dates from 1990; people born earlier registered there too.
    assert [w.scheme for w in identity_matches("440305196507225303")] == ["cn.ric"]


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("+86 138 0013 8000", "+8613800138000"),
        ("0086 138 0013 8000", "+8613800138000"),
        ("(212) 736-5000", "+12127365000"),
        ("1-212-736-5000", "+12127365000"),
        ("020 7946 0958", "+442079460958"),
        ("98765 43210", "+919876543210"),
        ("030 1234567", "+49301234567"),
    ],
)
def test_phone_numbers_are_normalised_to_e164(written: str, e164: str) -> None:
    digits = "".join(c for c in written if c.isdigit())
    phone = PhoneValidator(DEFAULTS).validate(written, digits, DEFAULTS)
    assert phone is not None
    assert phone.e164 == e164


@pytest.mark.parametrize("written", ["2023-05-16", "2021 2022", "666-71-6779", "1.299.000", "+44 7700 900123"])
def test_numbers_a_region_does_not_write_that_way_are_not_phones(written: str) -> None:
    digits = "".join(c for c in written if c.isdigit())
    assert PhoneValidator(DEFAULTS).validate(written, digits, DEFAULTS) is None


@pytest.mark.parametrize(
    ("text", "before", "after", "normalised"),
    [
        ("81.2.69.160", " ", ":", "81.2.69.160"),
        ("2a00:1450:4001:81c::200e", " ", ".", "2a00:1450:4001:81c::200e"),
        ("10.0.0.1", " ", "", None),
        ("127.0.0.1", " ", "", None),
        ("203.0.113.7", " ", "", None),
        ("1.2.3.4", " ", ".5", None),
        ("1.2.3.4", "v", "", None),
    ],
)
def test_only_global_standalone_ip_addresses_count(text: str, before: str, after: str, normalised: str | None) -> None:
    found = ip_address(text, before, after)
    assert (found[0] if found else None) == normalised


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("jane.roe@example.com", (0, "jane.roe@example.com")),
        ("...me@example.org", (3, "me@example.org")),
        ("12345678@qq.com", (0, "12345678@qq.com")),
        ("logo@2x.png", None),
        ("a..b@example.com", None),
        ("me@-bad.com", None),
    ],
)
def test_email_addresses_need_a_real_top_level_domain(text: str, found: tuple[int, str] | None) -> None:
    assert EmailValidator().validate(text) == found


@given(st.text(alphabet="0123456789", min_size=2, max_size=19))
def test_the_luhn_check_agrees_with_python_stdnum(digits: str) -> None:
    assert luhn(digits) == stdnum_luhn.is_valid(digits)
