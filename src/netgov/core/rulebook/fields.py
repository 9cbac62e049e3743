"""Reading typed fields out of a located YAML mapping, collecting problems as it goes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import UTC, date, datetime
from enum import Enum
from typing import TypeVar

from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.rulebook.located import Located

E = TypeVar("E", bound=Enum)


def suggest(word: str, choices: Iterable[str]) -> str:
    options = sorted(choices)
    close = difflib.get_close_matches(word, options, n=1)
    close = close or [o for o in options if word and word.lower() in o.lower()][:1]
    if close:
        return f"; did you mean {close[0]!r}?"
    if len(options) <= 12:
        return f"; use one of: {', '.join(options)}"
    return ""


class Fields:
    """A mapping being read: each getter records a diagnostic instead of raising."""

    def __init__(self, node: Located, path: str, what: str, problems: list[Diagnostic]) -> None:
        self.node = node
        self.path = path
        self.what = what
        self.problems = problems
        self.items: dict[str, Located] = node.value if isinstance(node.value, dict) else {}
        if not isinstance(node.value, dict):
            self.error(node, f"{what} must be a mapping of keys to values")

    def error(self, at: Located, message: str) -> None:
        self.problems.append(Diagnostic(self.path, at.line, at.column, message))

    def check_keys(self, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key, value in self.items.items():
            if key not in allowed:
                self.error(value, f"unknown key {key!r} in {self.what}{suggest(key, allowed)}")

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        node = self.items.get(key)
        if node is None:
            if required:
                self.error(self.node, f"{self.what} is missing {key!r}")
            return default
        if isinstance(node.value, bool) or not isinstance(node.value, str | int | float):
            self.error(node, f"{key!r} must be text")
            return default
        return str(node.value)

    def when(self, key: str, *, required: bool = True) -> datetime | None:
        node = self.items.get(key)
        if node is None or node.value is None:
            if required:
                self.error(node or self.node, f"{self.what} is missing the date {key!r}")
            return None
        return as_datetime(node, key, self)

    def choice(self, key: str, enum: type[E], *, default: E | None = None) -> E | None:
        node = self.items.get(key)
        if node is None:
            if default is None:
                self.error(self.node, f"{self.what} is missing {key!r}")
            return default
        try:
            return enum(node.value)
        except ValueError:
            names = [str(member.value) for member in enum]
            self.error(node, f"unknown {key} {node.value!r}{suggest(str(node.value), names)}")
            return None


def as_datetime(node: Located, key: str, fields: Fields) -> datetime | None:
    value = node.value
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    fields.error(node, f"{key!r} must be a date like 2025-01-31, got {value!r}")
    return None
