"""Payment card numbers: the Luhn check digit plus a known issuer's prefix and length.

Luhn alone accepts one random number in ten; requiring an issuer's prefix range and one of
its lengths, and the way cards are written (one block, or blocks of four, or Amex's
4-6-5), leaves few order numbers or phone numbers that pass by chance.
"""

from __future__ import annotations

# (issuer, (low, high) prefix ranges compared on as many leading digits as they have, lengths)
_ISSUERS: tuple[tuple[str, tuple[tuple[str, str], ...], frozenset[int]], ...] = (
    ("visa", (("4", "4"),), frozenset({13, 16, 19})),
    ("mastercard", (("51", "55"), ("2221", "2720")), frozenset({16})),
    ("amex", (("34", "34"), ("37", "37")), frozenset({15})),
    ("unionpay", (("62", "62"), ("81", "81")), frozenset(range(16, 20))),
    ("discover", (("6011", "6011"), ("644", "649"), ("65", "65")), frozenset(range(16, 20))),
    ("jcb", (("3528", "3589"),), frozenset(range(16, 20))),
    ("diners", (("300", "305"), ("3095", "3095"), ("36", "36"), ("38", "39")), frozenset(range(14, 20))),
)


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # a digit doubled, digits summed


def luhn(digits: str) -> bool:
    """The Luhn check (python-stdnum's ``luhn.is_valid`` gives the same answer, slower)."""
    total = sum(map(int, digits[-1::-2])) + sum(_DOUBLED[int(digit)] for digit in digits[-2::-2])
    return total % 10 == 0


def issuer(digits: str) -> str | None:
    """The issuer whose prefix range and length fit ``digits``, if any."""
    for name, ranges, lengths in _ISSUERS:
        if len(digits) in lengths and any(low <= digits[: len(low)] <= high for low, high in ranges):
            return name
    return None


def card_validator(written: str, digits: str, groups: list[str], separators: list[str]) -> str | None:
    """``validator=`` text for a valid card number written as ``groups``, else None."""
    if not 13 <= len(digits) <= 19 or written.startswith(("+", "(")) or not _written_like_a_card(groups, separators):
        return None
    name = issuer(digits)
    if name is None or not luhn(digits):
        return None
    return f"luhn+issuer:{name}"


def _written_like_a_card(groups: list[str], separators: list[str]) -> bool:
    if len(groups) == 1:
        return True
    if len(set(separators)) != 1 or separators[0] not in (" ", "-"):
        return False
    sizes = [len(group) for group in groups]
    if sizes in ([4, 6, 5], [4, 6, 4]):
        return True
    return all(size == 4 for size in sizes[:-1]) and 1 <= sizes[-1] <= 4
