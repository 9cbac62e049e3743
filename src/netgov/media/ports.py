"""The port between the media matcher and the hash banks.

``BankIndex`` is implemented over the bank store (netgov.media.banks) with a Hamming
index that takes additions and tombstones without a rebuild; tests and small setups
can use any object with these methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import msgspec

from netgov.core.taxonomy import Category


class BankMatch(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """One bank entry that a hash matched.

    ``distance`` is the Hamming distance for PDQ (0 for exact hashes); ``negative`` marks
    a bank of known false positives, whose matches cancel positive ones; ``rollout`` is
    the bank's matching_enabled_ratio, applied by the matcher per content.
    """

    bank: str
    entry: str
    signal_type: str
    distance: int
    category: Category | None = None
    negative: bool = False
    rollout: float = 1.0


# PDQ distance limit (inclusive) of a bank that sets none: HMA's default, 31 of 256 bits.
DEFAULT_PDQ_THRESHOLD = 31


class BankSettingsLike(Protocol):
    """What a match reports of its bank; both index implementations' settings have it."""

    @property
    def name(self) -> str: ...
    @property
    def category(self) -> Category | None: ...
    @property
    def negative(self) -> bool: ...
    @property
    def rollout(self) -> float: ...


def bank_match(bank: BankSettingsLike, *, entry: str, signal_type: str, distance: int) -> BankMatch:
    return BankMatch(
        bank=bank.name,
        entry=entry,
        signal_type=signal_type,
        distance=distance,
        category=bank.category,
        negative=bank.negative,
        rollout=bank.rollout,
    )


class BankIndex(Protocol):
    def match_pdq(self, hashes: Sequence[str]) -> list[list[BankMatch]]:
        """For each PDQ hash (64 hex digits): matches in enabled banks, each bank within
        its own distance threshold, tombstoned entries excluded."""
        ...

    def match_exact(self, signal_type: str, values: Sequence[str]) -> list[list[BankMatch]]:
        """For each value of an exact signal type (``md5``, ``sha256``): equal entries."""
        ...

    def record_traffic(self, hashes: Sequence[str]) -> None:
        """Remember recent PDQ hashes, so that a bank import can be checked against
        what the platform actually sees (the flood guard)."""
        ...
