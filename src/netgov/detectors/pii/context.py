"""Context words: what makes a validated number more likely to be someone's personal data.

Words are folded with the rulebook's normaliser when the detector is built, because they
are matched in the folded view. Each label has its words; some identity-number schemes that are only a few
digits with a weak check (a Dutch BSN is any 9 digits passing an 11-test) count only when
their own name is near, so those have words of their own. ``doxx`` words (an address,
"leaked", 人肉, 开盒) say the post is exposing someone, whatever the data is.
"""

from __future__ import annotations

from typing import NamedTuple

import ahocorasick_rs

from netgov.core.text import Normalizer

# Characters searched on each side of a candidate: labels come before the value more
# often than after it ("phone: ...", "电话：...").
BEFORE = 40
AFTER = 20

# One string per key, words separated by "|".
_LISTS: dict[str, str] = {
    "email": "email|e-mail|mail|mailbox|contact|邮箱|邮件|电邮|电子邮件",
    "phone": (
        "call|phone|tel|telephone|mobile|cell|cellphone|whatsapp|text me|sms|number|contact|hotline|dial"
        "|电话|手机|手机号|号码|联系|致电|打给|来电|热线"
    ),
    "national_id": (
        "id|id number|id card|identity|identity card|national id|passport|ssn|social security|dni|nie"
        "|codice fiscale|fiscal code|nir|securite sociale|bsn|pesel|personnummer|cpr|hetu|henkilotunnus"
        "|rijksregisternummer|numero national|nif|aadhaar|rrn|身份证|身份证号|证件号|公民身份|身份号码"
    ),
    "payment_card": (
        "card|credit card|debit card|card number|visa|mastercard|amex|american express|discover|jcb"
        "|unionpay|diners|cvv|cvc|expiry|exp|卡号|信用卡|银行卡|储蓄卡|借记卡|银联|有效期"
    ),
    "iban": "iban|bank account|account|bic|swift|transfer|账户|账号|银行账号|开户行|汇款",
    "ip_address": "ip|ip address|ipv4|ipv6|host|server|vpn|router|ip地址",
    "crypto_wallet": "wallet|btc|bitcoin|eth|ethereum|usdt|trc20|erc20|send to|钱包|地址|比特币|以太坊|收款",
    "date_of_birth": "dob|date of birth|born|birthday|出生日期|出生|生日",
    # Identity-number schemes whose numbers are too easily met by chance to count alone.
    "us.ssn": "ssn|social security",
    "nl.bsn": "bsn|burgerservicenummer|sofinummer",
    "pt.nif": "nif|contribuinte|numero fiscal",
    "pl.pesel": "pesel",
    "se.personnummer": "personnummer|personnr",
    "dk.cpr": "cpr|cpr-nummer|cpr nummer|personnummer",
    "be.nn": "rijksregisternummer|numero national|insz|niss|national number",
    "in.aadhaar": "aadhaar|aadhar|uidai|आधार",
    "kr.rrn": "주민등록번호|resident registration|rrn",
    # Words that say the number right after them is a reference, not personal data.
    "reference": (
        "order|order no|order number|#|no.|invoice|tracking|tracking number|ref|reference|isbn|version|ver"
        "|build|release|订单|订单号|单号|编号|商品编号|快递单号|发票|版本|型号"
    ),
    "doxx": (
        "dox|doxx|doxxed|leak|leaked|exposed|home address|lives at|lives in|住址|家住|家庭地址|住在|人肉|开盒|曝光|扒出"
    ),
}
WORDS: dict[str, tuple[str, ...]] = {key: tuple(words.split("|")) for key, words in _LISTS.items()}


# A reference word counts only right before a number: at most this many characters, none
# of them a letter or digit, in between ("order #", "订单号：", "version ").
REFERENCE_GAP = 3


class Nearby(NamedTuple):
    """A context word found near a candidate: how far from it, and which keys it serves."""

    distance: int
    before: bool
    word: str
    keys: frozenset[str]


class Found(NamedTuple):
    start: int
    end: int
    word: str


class ContextWords:
    """Every word list in one Aho-Corasick automaton: a text with candidates is scanned
    once, and each candidate then looks at the words found around it."""

    def __init__(self, keys: dict[str, frozenset[str]]) -> None:
        self.keys = keys
        self._words = list(keys)
        self._automaton = ahocorasick_rs.AhoCorasick(self._words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    @classmethod
    def build(cls, normalizer: Normalizer) -> ContextWords:
        keys: dict[str, set[str]] = {}
        for key, words in WORDS.items():
            for word in words:
                keys.setdefault(normalizer.folded(word), set()).add(key)
        return cls({word: frozenset(found) for word, found in keys.items()})

    def find(self, text: str) -> list[Found]:
        """The words in ``text``; a Latin word must stand alone ("tel" is not in "hotel"),
        a CJK word need not."""
        found = []
        for index, start, end in self._automaton.find_matches_as_indexes(text):
            word = self._words[index]
            if _alone(text, start, end, word):
                found.append(Found(start, end, word))
        return found


def _alone(text: str, start: int, end: int, word: str) -> bool:
    if word[0].isascii() and word[0].isalnum() and start > 0 and _latin(text[start - 1]):
        return False
    return not (word[-1].isascii() and word[-1].isalnum() and end < len(text) and _latin(text[end]))


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()
