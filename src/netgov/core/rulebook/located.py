"""YAML parsed into values that remember where they were written.

PyYAML's composer gives nodes with marks; we turn them into ``Located`` values so every
later check can point at the exact line and column, which is what makes a rulebook
error message usable by someone who is not a programmer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

import yaml

from netgov.core.rulebook.diagnostics import Diagnostic

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# YAML values are dynamic by nature; the readers in fields.py check each one they use.
Plain: TypeAlias = Any


@dataclass(frozen=True, slots=True)
class Located:
    """A value (scalar, list of Located, or dict of str to Located) and its position."""

    value: Plain
    line: int
    column: int

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    def plain(self) -> Plain:
        """The value with positions stripped, recursively."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    root: Located | None


def parse_yaml(path: str, text: str) -> tuple[Document, list[Diagnostic]]:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or str(error)
        return Document(path, None), [Diagnostic(path, line, column, f"invalid YAML: {problem}")]
    except yaml.YAMLError as error:
        return Document(path, None), [Diagnostic(path, 1, 1, f"invalid YAML: {error}")]
    if node is None:
        return Document(path, None), [Diagnostic(path, 1, 1, "the file is empty")]
    problems: list[Diagnostic] = []
    return Document(path, _convert(node, path, problems)), problems


def _convert(node: yaml.Node, path: str, problems: list[Diagnostic]) -> Located:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Located] = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, path, problems)
            name = str(key.value)
            if name in mapping:
                problems.append(Diagnostic(path, key.line, key.column, f"the key {name!r} appears twice"))
            mapping[name] = _convert(value_node, path, problems)
        return Located(mapping, line, column)
    if isinstance(node, yaml.SequenceNode):
        return Located([_convert(child, path, problems) for child in node.value], line, column)
    return Located(_scalar(node), line, column)


def _scalar(node: yaml.Node) -> Plain:
    constructor = yaml.constructor.SafeConstructor()
    return constructor.construct_object(node, deep=True)
