"""Factories for the bank tests: settings, PDQ values and near neighbours."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from netgov.media.banks import BankSettings, Entry

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def pdq(seed: int) -> str:
    return random.Random(seed).getrandbits(256).to_bytes(32, "big").hex()


def near(value: str, bits: int, seed: int = 0) -> str:
    number = int(value, 16)
    for bit in random.Random(seed).sample(range(256), bits):
        number ^= 1 << bit
    return number.to_bytes(32, "big").hex()


def bank(name: str = "scams", **settings: object) -> BankSettings:
    return BankSettings(name=name, created_at=NOW, **settings)  # type: ignore[arg-type]


def entry(value: str, signal_type: str = "pdq", provenance: str = "test") -> Entry:
    return Entry(signal_type=signal_type, value=value, provenance=provenance, added_at=NOW)
