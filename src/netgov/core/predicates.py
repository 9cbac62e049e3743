"""Conditions compiled into plain functions, for the check that runs on every post.

``conditions.evaluate`` walks the tree and collects the signals that made it hold, which
a decision needs only when a rule fires. The engine first asks the compiled predicate,
which answers the yes/no question without building anything; only rules that hold are
evaluated again to name their signals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from netgov.core.conditions import AllOf, Condition, FieldTest, Not, SignalTest, compare, read_field
from netgov.core.content import Content, MetadataValue
from netgov.core.signals import Signal

Predicate = Callable[[Mapping[str, Signal], Content, datetime], bool]


def compile_predicate(condition: Condition) -> Predicate:
    if isinstance(condition, SignalTest):
        return _signal_predicate(condition)
    if isinstance(condition, FieldTest):
        return _field_predicate(condition)
    if isinstance(condition, Not):
        inner = compile_predicate(condition.child)
        return lambda signals, content, now: not inner(signals, content, now)
    children = tuple(compile_predicate(child) for child in condition.children)
    return _all(children) if isinstance(condition, AllOf) else _any(children)


def _signal_predicate(test: SignalTest) -> Predicate:
    key, passes = test.key, test.passes

    def holds(signals: Mapping[str, Signal], content: Content, now: datetime) -> bool:
        signal = signals.get(key)
        return signal is not None and passes(signal)

    return holds


def _field_predicate(test: FieldTest) -> Predicate:
    op, expected = test.op, test.value
    reader = _reader(test.field)
    return lambda signals, content, now: compare(reader(content, now), op, expected)


Reader = Callable[[Content, datetime], MetadataValue]


def _reader(name: str) -> Reader:
    """A function reading one field, chosen once instead of by name on every post."""
    direct: dict[str, Reader] = {
        "language": lambda content, now: content.language,
        "platform": lambda content, now: content.platform,
        "jurisdiction": lambda content, now: content.jurisdiction,
        "text_length": lambda content, now: len(content.text),
        "url_count": lambda content, now: len(content.urls),
        "media_count": lambda content, now: len(content.media),
    }
    if name in direct:
        return direct[name]
    if name.startswith("metadata."):
        key = name[9:]
        return lambda content, now: content.metadata.get(key)
    # Account fields: nothing to read without an account, the usual case.
    return lambda content, now: None if content.account is None else read_field(content, name, now)


def _all(children: tuple[Predicate, ...]) -> Predicate:
    # Plain loops, not all()/any() over a generator: this runs for every post.
    def holds(signals: Mapping[str, Signal], content: Content, now: datetime) -> bool:
        for child in children:  # noqa: SIM110
            if not child(signals, content, now):
                return False
        return True

    return holds


def _any(children: tuple[Predicate, ...]) -> Predicate:
    def holds(signals: Mapping[str, Signal], content: Content, now: datetime) -> bool:
        for child in children:  # noqa: SIM110
            if child(signals, content, now):
                return True
        return False

    return holds
