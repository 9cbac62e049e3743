"""Parsing a rule's ``when:`` block into a Condition tree.

when:
  any:
    - lexicon: scam-phrases-en        # any registered detector family as the key,
      min_distinct: 2                 # or the long form  signal: lexicon/scam-phrases-en
    - all:
        - field: account.age_days
          lt: 7
        - not: {field: account.verified, eq: true}
"""

from __future__ import annotations

from collections.abc import Mapping

from netgov.core.conditions import (
    CONTENT_FIELDS,
    AllOf,
    AnyOf,
    Condition,
    FieldTest,
    FieldValue,
    Not,
    Op,
    SignalTest,
    is_known_field,
)
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.rulebook.fields import Fields, suggest
from netgov.core.rulebook.located import Located

_THRESHOLDS = ("min_score", "min_count", "min_distinct")
_OPS = tuple(op.value for op in Op)


class ConditionParser:
    def __init__(self, path: str, catalog: Mapping[str, frozenset[str]], problems: list[Diagnostic]) -> None:
        self.path = path
        self.catalog = catalog
        self.problems = problems

    def error(self, at: Located, message: str) -> None:
        self.problems.append(Diagnostic(self.path, at.line, at.column, message))

    def parse(self, node: Located) -> Condition | None:
        fields = Fields(node, self.path, "a condition", self.problems)
        if not node.is_map:
            return None
        keys = set(fields.items)
        for group in ("all", "any"):
            if group in keys:
                return self._group(group, fields)
        if "not" in keys:
            return self._not(fields)
        if "field" in keys:
            return self._field(fields)
        return self._signal(fields)

    def _group(self, group: str, fields: Fields) -> Condition | None:
        fields.check_keys((group,))
        node = fields.items[group]
        if not isinstance(node.value, list) or not node.value:
            self.error(node, f"{group!r} needs a non-empty list of conditions")
            return None
        children = [self.parse(child) for child in node.value]
        if any(child is None for child in children):
            return None
        kept = tuple(c for c in children if c is not None)
        return AllOf(kept) if group == "all" else AnyOf(kept)

    def _not(self, fields: Fields) -> Condition | None:
        fields.check_keys(("not",))
        child = self.parse(fields.items["not"])
        return Not(child) if child is not None else None

    def _field(self, fields: Fields) -> Condition | None:
        fields.check_keys(("field", *_OPS))
        name = fields.text("field")
        if not is_known_field(name):
            self.error(
                fields.items["field"],
                f"unknown content field {name!r}{suggest(name, CONTENT_FIELDS)}",
            )
            return None
        ops = [key for key in fields.items if key in _OPS]
        if len(ops) != 1:
            self.error(fields.node, f"a field condition needs exactly one comparison: {', '.join(_OPS)}")
            return None
        node = fields.items[ops[0]]
        value = node.plain()
        if isinstance(value, list):
            value = tuple(value)
        if isinstance(value, dict):
            self.error(node, "compare with a value or a list of values, not a mapping")
            return None
        return FieldTest(name, Op(ops[0]), _as_field_value(value))

    def _signal(self, fields: Fields) -> Condition | None:
        families = [key for key in fields.items if key == "signal" or key in self.catalog]
        if len(families) != 1:
            self._explain_unknown(fields)
            return None
        key = families[0]
        fields.check_keys((key, *_THRESHOLDS))
        reference = fields.text(key)
        detector, label = reference.partition("/")[::2] if key == "signal" else (key, reference)
        if not self._known(detector, label, fields.items[key]):
            return None
        limits = self._thresholds(fields)
        return SignalTest(
            detector,
            label,
            min_score=float(limits.get("min_score", 0.0)),
            min_count=int(limits.get("min_count", 1)),
            min_distinct=int(limits.get("min_distinct", 1)),
        )

    def _explain_unknown(self, fields: Fields) -> None:
        choices = ["all", "any", "not", "field", "signal", *self.catalog]
        for key, node in fields.items.items():
            if key not in _THRESHOLDS:
                self.error(node, f"unknown detector or condition {key!r}{suggest(key, choices)}")
                return
        self.error(
            fields.node,
            "a condition needs a detector (e.g. 'lexicon: NAME'), 'field', 'all', 'any' or 'not'",
        )

    def _known(self, detector: str, label: str, at: Located) -> bool:
        labels = self.catalog.get(detector)
        if labels is None:
            self.error(at, f"unknown detector {detector!r}{suggest(detector, self.catalog)}")
            return False
        if label not in labels:
            self.error(at, f"the {detector} detector has no {label!r}{suggest(label, labels)}")
            return False
        return True

    def _thresholds(self, fields: Fields) -> dict[str, float | int]:
        values: dict[str, float | int] = {}
        for key in _THRESHOLDS:
            node = fields.items.get(key)
            if node is None:
                continue
            number = node.value
            valid = isinstance(number, int | float) and not isinstance(number, bool) and number >= 0
            if key == "min_score":
                valid = valid and float(number) <= 1
            elif valid and not isinstance(number, int):
                valid = False
            if not valid:
                limit = "a number from 0 to 1" if key == "min_score" else "a whole number of 0 or more"
                self.error(node, f"{key} must be {limit}, got {number!r}")
                continue
            values[key] = float(number) if key == "min_score" else int(number)
        return values


def _as_field_value(value: object) -> FieldValue:
    if isinstance(value, tuple):
        return tuple(_scalar(v) for v in value)
    return _scalar(value)


def _scalar(value: object) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
