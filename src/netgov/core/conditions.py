"""The condition language of rules, as data, and its evaluation.

A condition is a tree: ``All``/``Any``/``Not`` over leaves that test signals
(``SignalTest``) or fields of the content (``FieldTest``). Evaluation is pure and returns
which signals made the condition true, so a decision can cite its evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TypeAlias

from netgov.core.content import Content, MetadataValue
from netgov.core.signals import Signal


@dataclass(frozen=True, slots=True)
class SignalTest:
    """True when a signal of ``detector/label`` passes every threshold."""

    detector: str
    label: str
    min_score: float = 0.0
    min_count: int = 1
    min_distinct: int = 1

    @property
    def key(self) -> str:
        return f"{self.detector}/{self.label}"

    def passes(self, signal: Signal) -> bool:
        return (
            signal.score >= self.min_score and signal.count >= self.min_count and signal.distinct >= self.min_distinct
        )


class Op(StrEnum):
    EQ = "eq"
    NE = "ne"
    LT = "lt"
    LE = "le"
    GT = "gt"
    GE = "ge"
    IN = "in"
    NOT_IN = "not_in"
    EXISTS = "exists"


FieldValue: TypeAlias = MetadataValue | tuple[MetadataValue, ...]


@dataclass(frozen=True, slots=True)
class FieldTest:
    """A predicate on one content field (see ``CONTENT_FIELDS``)."""

    field: str
    op: Op
    value: FieldValue

    def holds(self, content: Content, now: datetime) -> bool:
        actual = read_field(content, self.field, now)
        return compare(actual, self.op, self.value)


@dataclass(frozen=True, slots=True)
class AllOf:
    children: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    children: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: Condition


Condition: TypeAlias = SignalTest | FieldTest | AllOf | AnyOf | Not

CONTENT_FIELDS: Mapping[str, str] = {
    "language": "the content's language code, e.g. en or zh",
    "platform": "the platform id",
    "jurisdiction": "the jurisdiction code the content is attributed to",
    "text_length": "the number of characters in the text",
    "url_count": "the number of URLs given with the content",
    "media_count": "the number of media items",
    "account.age_days": "days since the account was created (absent when unknown)",
    "account.verified": "whether the platform verified the account",
    "account.prior_strikes": "how many earlier enforcement strikes the account has",
    "account.posts_last_minute": "posts by the account in the last minute (absent when unknown)",
    "account.posts_last_hour": "posts by the account in the last hour (absent when unknown)",
    "metadata.<key>": "any value the platform put in the content's metadata",
}


def is_known_field(name: str) -> bool:
    return name in CONTENT_FIELDS or (name.startswith("metadata.") and len(name) > 9)


def read_field(content: Content, name: str, now: datetime) -> MetadataValue:
    match name:
        case "language" | "platform" | "jurisdiction":
            value: MetadataValue = getattr(content, name)
            return value
        case "text_length":
            return len(content.text)
        case "url_count":
            return len(content.urls)
        case "media_count":
            return len(content.media)
    if name.startswith("metadata."):
        return content.metadata.get(name[9:])
    return _read_account_field(content, name, now)


def _read_account_field(content: Content, name: str, now: datetime) -> MetadataValue:
    account = content.account
    if account is None:
        return None
    if name == "account.age_days":
        if account.created_at is None:
            return None
        return (now - account.created_at).total_seconds() / 86400
    if name == "account.verified":
        return account.verified
    if name == "account.prior_strikes":
        return account.prior_strikes
    if name == "account.posts_last_minute":
        return account.posts_last_minute
    if name == "account.posts_last_hour":
        return account.posts_last_hour
    return None


def compare(actual: MetadataValue, op: Op, expected: FieldValue) -> bool:
    if op is Op.EXISTS:
        return (actual is not None) == bool(expected)
    if op is Op.IN or op is Op.NOT_IN:
        members = expected if isinstance(expected, tuple) else (expected,)
        return (actual in members) == (op is Op.IN)
    if op is Op.EQ:
        return actual == expected
    if op is Op.NE:
        return actual != expected
    return _order(actual, op, expected)


def _order(actual: MetadataValue, op: Op, expected: FieldValue) -> bool:
    # A missing or non-numeric value never satisfies an ordering, so "account younger
    # than 7 days" is false, not an error, when the platform did not send the age.
    if not isinstance(actual, int | float) or not isinstance(expected, int | float):
        return False
    if op is Op.LT:
        return actual < expected
    if op is Op.LE:
        return actual <= expected
    if op is Op.GT:
        return actual > expected
    return actual >= expected


def evaluate(
    condition: Condition,
    signals: Mapping[str, Signal],
    content: Content,
    now: datetime,
) -> tuple[bool, frozenset[str]]:
    """Return whether ``condition`` holds and the keys of the signals that made it hold."""
    if isinstance(condition, SignalTest):
        signal = signals.get(condition.key)
        if signal is not None and condition.passes(signal):
            return True, frozenset((condition.key,))
        return False, frozenset()
    if isinstance(condition, FieldTest):
        return condition.holds(content, now), frozenset()
    if isinstance(condition, Not):
        held, _ = evaluate(condition.child, signals, content, now)
        return not held, frozenset()
    return _evaluate_group(condition, signals, content, now)


def _evaluate_group(
    condition: AllOf | AnyOf,
    signals: Mapping[str, Signal],
    content: Content,
    now: datetime,
) -> tuple[bool, frozenset[str]]:
    want_all = isinstance(condition, AllOf)
    used: set[str] = set()
    matched_any = False
    for child in condition.children:
        held, keys = evaluate(child, signals, content, now)
        if held:
            matched_any = True
            used |= keys
        elif want_all:
            return False, frozenset()
    if want_all or matched_any:
        return True, frozenset(used)
    return False, frozenset()


def needs_signal(condition: Condition) -> bool:
    """True when the condition cannot hold without at least one signal present.

    The engine skips such rules entirely on content that produced no signals, which is
    nearly all content: this is what keeps the clean path cheap.
    """
    if isinstance(condition, SignalTest):
        return True
    if isinstance(condition, FieldTest | Not):
        return False
    if isinstance(condition, AllOf):
        return any(needs_signal(c) for c in condition.children)
    return all(needs_signal(c) for c in condition.children)


def signal_keys(condition: Condition) -> frozenset[str]:
    """Every ``detector/label`` the condition refers to, so the plan builds only those."""
    if isinstance(condition, SignalTest):
        return frozenset((condition.key,))
    if isinstance(condition, FieldTest):
        return frozenset()
    if isinstance(condition, Not):
        return signal_keys(condition.child)
    return frozenset().union(*(signal_keys(c) for c in condition.children))
