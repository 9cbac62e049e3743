"""A seeded, labelled corpus for the personal-data benchmark.

Everyday posts (English and Chinese, from corpus.py's word lists), a share of which carry
one planted value inside a realistic sentence: a valid value of some kind (with or
without a context word) or one that looks right but fails its check (a wrong check digit,
an impossible date, an out-of-range octet). Every planted value is recorded with its span,
so precision and recall can be computed per kind. Everyday numbers (order numbers,
prices, dates, versions, private IP addresses) are mixed in as distractors. The same seed
gives the same corpus.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import random
import string
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import phonenumbers
from Crypto.Hash import keccak
from stdnum import iban, luhn
from stdnum.cn import ric
from stdnum.es import dni
from stdnum.it import codicefiscale

import corpus as words

Value = tuple[str, str]  # (text, subtype)


@dataclass(frozen=True)
class Planted:
    post: int
    start: int
    end: int
    label: str
    subtype: str
    valid: bool


# Sentences per label: (English with context, English bare, Chinese with context, Chinese bare).
_SENTENCES: dict[str, tuple[str, str, str, str]] = {
    "email": ("you can email her at {v}", "{v}", "她的邮箱是{v}", "{v}"),
    "phone": ("call him on {v} tonight", "{v} after six", "他的手机号：{v}", "{v}"),
    "national_id": ("her ID number is {v}", "{v}", "身份证号{v}", "{v}"),
    "payment_card": ("his credit card {v} still works", "{v} exp 12/29", "卡号{v}，有效期12/29", "{v}"),
    "iban": ("send it to IBAN {v}", "{v}", "汇款账号：{v}", "{v}"),
    "ip_address": ("his home IP is {v}", "{v}", "他的IP地址是{v}", "{v}"),
    "crypto_wallet": ("send BTC to wallet {v}", "{v}", "收款钱包地址{v}", "{v}"),
    "date_of_birth": ("DOB: {v}", "born on {v}", "出生日期：{v}", "生日{v}"),
}


_REGIONS = ("US", "GB", "CN", "DE", "FR", "IN")


def _phone(rng: random.Random, valid: bool) -> Value:
    region = rng.choice(["CN", "CN", "US", "GB", "DE", "FR", "IN"])
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    while True:
        national = str(example.national_number)
        digits = national[:3] + "".join(rng.choices(string.digits, k=len(national) - 3))
        number = phonenumbers.parse(digits, region)
        if phonenumbers.is_valid_number(number):
            break
    style = rng.choice(["international", "national", "e164" if region != "CN" else "bare"])
    if not valid:
        number = phonenumbers.parse(digits[:-1], region)  # one digit short
        if any(phonenumbers.is_valid_number(phonenumbers.parse(digits[:-1], r)) for r in _REGIONS):
            return _phone(rng, valid)
    if style == "international":
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL), region
    if style == "e164":
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), region
    text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return (text.replace(" ", "") if style == "bare" else text), region


def _ric(rng: random.Random, valid: bool) -> str:
    area = rng.choice(["110105", "310101", "440305", "510104", "330106"])
    born = f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = area + born + f"{rng.randint(0, 999):03d}"
    check = ric.calc_check_digit(body + "0")
    if not valid:
        check = rng.choice([c for c in "0123456789X" if c != check])
    return body + check


def _national_id(rng: random.Random, valid: bool) -> Value:
    kind = rng.choice(["cn.ric", "cn.ric", "us.ssn", "es.dni", "it.cf"])
    if kind == "cn.ric":
        return _ric(rng, valid), kind
    if kind == "us.ssn":
        area = rng.randint(1, 665) if valid else rng.choice([0, 666, rng.randint(900, 999)])
        return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}", kind
    if kind == "es.dni":
        body = f"{rng.randint(0, 99_999_999):08d}"
        letter = dni.calc_check_digit(body)
        return body + (letter if valid else rng.choice([c for c in "TRWAGMYFPDXBNJZSQVHLCKE" if c != letter])), kind
    body = "".join(rng.choices(string.ascii_uppercase, k=6)) + f"{rng.randint(40, 99)}"
    body += (
        rng.choice("ABCDEHLMPRST")
        + f"{rng.randint(1, 28):02d}"
        + rng.choice("ABCDEFGHILM")
        + f"{rng.randint(100, 999)}"
    )
    check = codicefiscale.calc_check_digit(body)
    return body + (check if valid else rng.choice([c for c in string.ascii_uppercase if c != check])), kind


_ISSUERS = {"visa": ("4", 16), "mastercard": ("5", 16), "mc2": ("22", 16), "amex": ("37", 15), "unionpay": ("62", 16)}


def _card(rng: random.Random, valid: bool) -> Value:
    issuer = rng.choice(list(_ISSUERS))
    prefix, length = _ISSUERS[issuer]
    if issuer == "mastercard":
        prefix += str(rng.randint(1, 5))
    if issuer == "mc2":
        prefix = str(rng.randint(2221, 2720))
    body = prefix + "".join(rng.choices(string.digits, k=length - len(prefix) - 1))
    check = luhn.calc_check_digit(body)
    digits = body + (check if valid else str((int(check) + rng.randint(1, 9)) % 10))
    if issuer == "amex":
        groups = [digits[:4], digits[4:10], digits[10:]]
    else:
        groups = [digits[i : i + 4] for i in range(0, len(digits), 4)]
    return rng.choice([" ", "-", ""]).join(groups), issuer


def _iban(rng: random.Random, valid: bool) -> Value:
    country = rng.choice(["DE", "GB", "NL"])
    while True:
        number = {"DE": _digits(rng, 18), "GB": "WEST" + _digits(rng, 14), "NL": "ABNA" + _digits(rng, 10)}[country]
        check = iban.calc_check_digits(country + "00" + number)
        if iban.is_valid(country + check + number):  # some countries check the account too
            break
    if not valid:
        check = f"{(int(check) + rng.randint(1, 90)) % 97 + 2:02d}"
    compact = country + check + number
    if rng.random() < 0.5:
        return compact, country
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4)), country


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choices(string.digits, k=count))


def _ip(rng: random.Random, valid: bool) -> Value:
    if rng.random() < 0.25:
        address = ipaddress.IPv6Address(
            f"2a00:1450:{rng.randint(0, 0xFFFF):x}:{rng.randint(1, 0xFFF):x}::{rng.randint(1, 0xFFFF):x}"
        )
        text = str(address)
        return (text if valid else text.replace("::", ":::")), "ipv6"
    while True:
        octets = [rng.randint(1, 223), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)]
        if ipaddress.IPv4Address(".".join(map(str, octets))).is_global:
            break
    if not valid:
        octets[rng.randint(0, 3)] = rng.randint(256, 999)
    return ".".join(map(str, octets)), "ipv4"


_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _base58check(payload: bytes) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    number, text = int.from_bytes(data, "big"), ""
    while number:
        number, digit = divmod(number, 58)
        text = _B58[digit] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def _eip55(address: bytes) -> str:
    lowered = address.hex()
    digest = keccak.new(digest_bits=256, data=lowered.encode()).hexdigest()
    return "0x" + "".join(
        c.upper() if c.isalpha() and int(h, 16) >= 8 else c for c, h in zip(lowered, digest, strict=False)
    )


def _wallet(rng: random.Random, valid: bool) -> Value:
    kind = rng.choice(["btc-p2pkh", "btc-p2sh", "eth"])
    raw = rng.randbytes(20)
    text = _eip55(raw) if kind == "eth" else _base58check((b"\0" if kind == "btc-p2pkh" else b"\5") + raw)
    if kind == "eth" and text[2:].lower() == text[2:]:
        return text, kind  # no letters to checksum: rare; keep it valid
    if not valid:
        position = rng.randrange(3, len(text))
        if kind == "eth":
            # Flip the case of one letter, keeping the address mixed case (an all-lower-case
            # address carries no checksum and is valid).
            letters = [i for i in range(2, len(text)) if text[i].isalpha()]
            upper = [i for i in letters if text[i].isupper()]
            position = rng.choice([i for i in letters if len(upper) > 1 or i not in upper])
            text = text[:position] + text[position].swapcase() + text[position + 1 :]
        else:
            replacement = rng.choice([c for c in _B58 if c != text[position]])
            text = text[:position] + replacement + text[position + 1 :]
    return text, kind


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def _birth(rng: random.Random, valid: bool, chinese: bool) -> Value:
    year, month = rng.randint(1940, 2008), rng.randint(1, 10)
    day = rng.randint(1, 28) if valid else 31 if month in (2, 4, 6, 9) else 32
    if month == 2 and not valid:
        day = 30
    if chinese:
        return rng.choice([f"{year}年{month}月{day}日", f"{year}-{month:02d}-{day:02d}"]), "zh"
    return rng.choice(
        [f"{year}-{month:02d}-{day:02d}", f"{_MONTHS[month - 1]} {day}, {year}", f"{day:02d}/{month:02d}/{year}"]
    ), "en"


def _email(rng: random.Random, valid: bool) -> Value:
    local = rng.choice(["john.doe", "jane_roe", "li.wei", "zhang3", "m.rossi"]) + str(rng.randint(1, 9999))
    if not valid:
        return rng.choice([f"{local}@localhost", f"logo{local}@2x.png", f"{local}..x@example.com"]), "invalid"
    if rng.random() < 0.3:
        return f"{rng.randint(10_000, 9_999_999_999)}@qq.com", "qq"
    return (
        f"{local}@{rng.choice(['example.com', 'gmail.com', '163.com', 'outlook.com', 'mail.example.co.uk'])}",
        "plain",
    )


_GENERATORS: dict[str, Callable[[random.Random, bool], Value]] = {
    "email": _email,
    "phone": _phone,
    "national_id": _national_id,
    "payment_card": _card,
    "iban": _iban,
    "ip_address": _ip,
    "crypto_wallet": _wallet,
}
LABELS = (*_GENERATORS, "date_of_birth")


def generate(
    seed: int, target_bytes: int, plant_rate: float, distractor_rate: float
) -> tuple[list[dict[str, object]], list[Planted]]:
    """Posts (id, text, language) and what was planted in them: ``plant_rate`` of posts
    carry one value, three in four of them valid; ``distractor_rate`` of posts carry an
    everyday number (an order number, a price, a date, a version, a private IP address)
    that is no personal data."""
    rng = random.Random(seed)
    posts: list[dict[str, object]] = []
    planted: list[Planted] = []
    size = 0
    while size < target_bytes:
        chinese = rng.random() < 0.5
        text = words._post(rng) if not chinese else "".join(rng.choices(words.ZH_WORDS, k=rng.randint(5, 30))) + "。"
        if chinese and text[0].isascii():
            text = "今天" + text
        if rng.random() < distractor_rate:
            text += ("" if chinese else " ") + _distractor(rng) + ("。" if chinese else ".")
        if rng.random() < plant_rate:
            text, found = _plant(rng, text, chinese, len(posts))
            planted.append(found)
        posts.append({"id": str(len(posts)), "text": text, "language": "zh" if chinese else "en"})
        size += len(text.encode("utf-8"))
    return posts, planted


# Everyday numbers that are not personal data: any match on them is a false positive.
_DISTRACTORS = (
    "order #{o} shipped",
    "paid ${p:,}.00 for it",
    "update to version {v}",
    "the train leaves at {t}",
    "meeting on {d}",
    "tracking number 9400{o}{o}",
    "ISBN 978-3-16-148410-0",
    "router at 192.168.{a}.{b}",
    "scored {a}-{b} in {y}",
    "订单号{o}",
    "商品编号10001{o}",
    "会议在{d}举行",
    "价格{p}元",
)


def _distractor(rng: random.Random) -> str:
    template = rng.choice(_DISTRACTORS)
    return template.format(
        o=rng.randint(10**9, 10**12),
        p=rng.randint(1000, 9_999_999),
        v=".".join(str(rng.randint(0, 20)) for _ in range(rng.randint(2, 4))),
        t=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00",
        d=f"{rng.randint(2000, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        a=rng.randint(0, 255),
        b=rng.randint(1, 254),
        y=rng.randint(1990, 2030),
    )


def _plant(rng: random.Random, text: str, chinese: bool, index: int) -> tuple[str, Planted]:
    label = rng.choice(LABELS)
    valid = rng.random() < 0.75
    value, subtype = _birth(rng, valid, chinese) if label == "date_of_birth" else _GENERATORS[label](rng, valid)
    templates = _SENTENCES[label]
    with_context = rng.random() < 0.7 or label == "date_of_birth"
    sentence = templates[(2 if chinese else 0) + (0 if with_context else 1)]
    before, after = sentence.split("{v}")
    joiner = "" if chinese else " "
    prefix = text + joiner + before
    return prefix + value + after + ("。" if chinese else "."), Planted(
        index, len(prefix), len(prefix) + len(value), label, subtype, valid
    )


def cached(
    directory: Path, seed: int, target_bytes: int, plant_rate: float, distractor_rate: float
) -> tuple[list[dict[str, object]], list[Planted], Path]:
    """Generate once; the posts file (JSON Lines) is also what the Presidio worker reads."""
    stem = directory / f"pii-{seed}-{target_bytes}-{plant_rate}-{distractor_rate}"
    posts_file, planted_file = stem.with_suffix(".jsonl"), stem.with_suffix(".planted.json")
    if not planted_file.exists():
        posts, planted = generate(seed, target_bytes, plant_rate, distractor_rate)
        directory.mkdir(parents=True, exist_ok=True)
        posts_file.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts), "utf-8")
        planted_file.write_text(json.dumps([asdict(p) for p in planted]), "utf-8")
    posts = [json.loads(line) for line in posts_file.read_text("utf-8").splitlines()]
    planted = [Planted(**item) for item in json.loads(planted_file.read_text("utf-8"))]
    return posts, planted, posts_file
