"""Bank settings, entries and tombstones, and the signal types a bank can hold.

Signal type names are ThreatExchange's (``SignalType.get_name()`` in python-threatexchange:
``pdq``, ``video_md5``; ``md5`` and ``sha256`` are netgov's exact file hashes), so a
bank exported from HMA imports here unchanged and back.
"""

from __future__ import annotations

import re
from datetime import datetime

import msgspec

from netgov.core.taxonomy import Category
from netgov.media.banks.errors import BankError
from netgov.media.ports import DEFAULT_PDQ_THRESHOLD

PDQ = "pdq"
# Each signal type and the shape of a valid value (lower-case after normalising).
SIGNAL_TYPES: dict[str, re.Pattern[str]] = {
    PDQ: re.compile(r"[0-9a-f]{64}"),
    "video_md5": re.compile(r"[0-9a-f]{32}"),
    "md5": re.compile(r"[0-9a-f]{32}"),
    "sha256": re.compile(r"[0-9a-f]{64}"),
}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


class BankSettings(msgspec.Struct, frozen=True, kw_only=True):
    """One bank's settings. ``rollout`` is HMA's ``matching_enabled_ratio`` (0..1);
    ``negative`` marks a bank of known false positives whose matches cancel others."""

    name: str
    description: str = ""
    source: str = ""
    category: Category | None = None
    threshold: int = DEFAULT_PDQ_THRESHOLD
    negative: bool = False
    enabled: bool = True
    rollout: float = 1.0
    created_at: datetime | None = None


class Entry(msgspec.Struct, frozen=True, kw_only=True):
    """One hash in a bank, with where it came from (``provenance``) and when."""

    signal_type: str
    value: str
    provenance: str = ""
    added_at: datetime | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.signal_type, self.value)


class Tombstone(msgspec.Struct, frozen=True, kw_only=True):
    """A removed value: it stays removed when the bank's source is imported again."""

    signal_type: str
    value: str
    reason: str = ""
    removed_at: datetime | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.signal_type, self.value)


def normalize_value(signal_type: str, value: str) -> str:
    """Return the canonical (lower-case, trimmed) value, or raise ValueError saying why."""
    pattern = SIGNAL_TYPES.get(signal_type)
    if pattern is None:
        known = ", ".join(sorted(SIGNAL_TYPES))
        raise ValueError(f"unknown signal type {signal_type!r}; known: {known}")
    normal = value.strip().lower()
    if not pattern.fullmatch(normal):
        digits = {"pdq": 64, "video_md5": 32, "md5": 32, "sha256": 64}[signal_type]
        raise ValueError(f"{value!r} is not a valid {signal_type} value ({digits} hex digits)")
    return normal


def check_settings(settings: BankSettings) -> BankSettings:
    """Raise BankError if a setting is out of range; bank names become folder names."""
    if not _NAME.fullmatch(settings.name):
        raise BankError(f"bad bank name {settings.name!r}: use letters, digits, '_', '-' or '.' (max 64)")
    if not 0 <= settings.threshold <= 256:
        raise BankError(f"threshold {settings.threshold} is outside 0..256 bits")
    if not 0.0 <= settings.rollout <= 1.0:
        raise BankError(f"rollout {settings.rollout} is outside 0..1")
    return settings
