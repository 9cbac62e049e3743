"""Jurisdiction files: the rules of a node (code, level), reading CSV and JSON, and the
plan that checks a file against the stored tree before anything is written.

Pure: text in, values or a located error out. Every refusal names the file, the CSV line
or JSON item, and the problem, so an operator fixing a thousand-line file goes straight
to the line rather than bisecting the file.

    JurisdictionFileError (InvalidRequestError, 422)   the file is malformed
    JurisdictionConflictError (ConflictError, 409)      a node differs from the stored one
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from netgov.errors import ConflictError, InvalidRequestError

FORMATS = ("csv", "json")
FIELDS = ("code", "name", "parent", "level")
DEFAULT_LEVELS = ("country", "province", "city", "county")
LEVEL_RULE = re.compile(r"[a-z][a-z0-9 _-]{0,39}")
# Dotted segments: a code's prefix is its parent's, so "within a subtree" is a prefix test.
CODE_RULE = re.compile(r"[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*")
MAX_CODE, MAX_NAME = 200, 200


def _located(source: str, where: str | None, problem: str) -> str:
    return f"{source}: {where}: {problem}" if where else f"{source}: {problem}"


class JurisdictionFileError(InvalidRequestError):
    """A jurisdiction or holiday file that cannot be read; says where and what is wrong."""

    def __init__(self, source: str, where: str | None, problem: str) -> None:
        self.source, self.where, self.problem = source, where, problem
        super().__init__(_located(source, where, problem))


class JurisdictionConflictError(ConflictError):
    """A node of the file exists in the tree with other values (or retired)."""

    def __init__(self, source: str, where: str, problem: str) -> None:
        self.source, self.where, self.problem = source, where, problem
        super().__init__(_located(source, where, problem))


def level_problem(level: str) -> str | None:
    """Why ``level`` is not a level name (None when it is): 1-40 characters, lowercase
    letters, digits, spaces, ``_`` and ``-``, starting with a letter."""
    if LEVEL_RULE.fullmatch(level):
        return None
    return f"level {level!r} is not 1-40 characters of a-z, 0-9, space, _ or -, starting with a letter"


def code_problem(code: str) -> str | None:
    """Why ``code`` is not a jurisdiction code (None when it is)."""
    if len(code) <= MAX_CODE and CODE_RULE.fullmatch(code):
        return None
    return f"code {code!r} is not dot-separated segments of a-z, 0-9, _ and - (at most {MAX_CODE} characters)"


def name_problem(name: str) -> str | None:
    if not name.strip():
        return "the name is empty"
    if len(name) > MAX_NAME or not name.isprintable():
        return f"the name must be at most {MAX_NAME} printable characters"
    return None


def default_level(depth: int) -> str:
    """The level of a node ``depth`` steps below a root, when a file does not say."""
    return DEFAULT_LEVELS[depth] if depth < len(DEFAULT_LEVELS) else f"level {depth}"


def as_level(text: str) -> str:
    """Free text (an ISO 3166-2 subdivision type such as "Chain (of islands)") made a level name:
    lowercase, other characters dropped, cut at a word boundary within 40 characters."""
    words = re.sub(r"[^a-z0-9 _-]+", " ", text.lower()).split()
    level = ""
    for word in words:
        longer = f"{level} {word}".strip()
        if len(longer) > 40:
            break
        level = longer
    level = level.lstrip("0123456789 _-")
    return level if level_problem(level) is None else "subdivision"


@dataclass(frozen=True, slots=True)
class NodeSpec:
    """One node as a file gives it; ``where`` locates it ("line 4", "item [3]")."""

    code: str
    name: str
    parent: str | None
    level: str | None
    where: str


def format_of(filename: str, explicit: str | None) -> str:
    if explicit is not None:
        if explicit not in FORMATS:
            raise JurisdictionFileError(filename, None, f"format must be csv or json, not {explicit!r}")
        return explicit
    suffix = filename.rpartition(".")[2].lower()
    if suffix in FORMATS:
        return suffix
    raise JurisdictionFileError(filename, None, "cannot tell the format from the name: end it in .csv or .json")


def parse(text: str, *, source: str, fmt: str) -> tuple[NodeSpec, ...]:
    """The nodes of a CSV (header code,name,parent,level) or JSON (a list of objects) file."""
    nodes = parse_csv(text, source=source) if fmt == "csv" else parse_json(text, source=source)
    if not nodes:
        raise JurisdictionFileError(source, None, "the file lists no jurisdictions")
    return nodes


def csv_records(
    text: str, *, source: str, required: Sequence[str], optional: Sequence[str] = ()
) -> Iterator[tuple[str, dict[str, str]]]:
    """(where, {column: value}) for each non-blank CSV record after the header; the header must
    name every ``required`` column, may name ``optional`` ones, and nothing else."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        header = next(reader, None)
        columns = _header(header, source=source, required=required, optional=optional)
        start = reader.line_num + 1
        for record in reader:
            where = f"line {start}"
            start = reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(columns):
                raise JurisdictionFileError(source, where, f"{len(record)} fields where the header has {len(columns)}")
            yield where, {column: cell.strip() for column, cell in zip(columns, record, strict=True)}
    except csv.Error as error:
        raise JurisdictionFileError(source, f"line {reader.line_num}", f"not valid CSV: {error}") from None


def _header(header: list[str] | None, *, source: str, required: Sequence[str], optional: Sequence[str]) -> list[str]:
    if header is None:
        raise JurisdictionFileError(source, "line 1", f"no header: expected {','.join([*required, *optional])}")
    columns = [cell.strip().lower() for cell in header]
    unknown = [c for c in columns if c not in (*required, *optional)]
    missing = [c for c in required if c not in columns]
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if unknown or missing or twice:
        problem = "; ".join(
            part
            for part in (
                f"unknown column {', '.join(map(repr, unknown))}" if unknown else "",
                f"missing column {', '.join(missing)}" if missing else "",
                f"column {', '.join(twice)} given twice" if twice else "",
            )
            if part
        )
        raise JurisdictionFileError(source, "line 1", f"{problem} (expected {','.join([*required, *optional])})")
    return columns


def parse_csv(text: str, *, source: str) -> tuple[NodeSpec, ...]:
    records = csv_records(text, source=source, required=("code", "name"), optional=("parent", "level"))
    return tuple(_node(values, source=source, where=where) for where, values in records)


def parse_json(text: str, *, source: str) -> tuple[NodeSpec, ...]:
    try:
        items = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as error:
        raise JurisdictionFileError(source, f"line {error.lineno}", f"not valid JSON: {error.msg}") from None
    except RecursionError:
        raise JurisdictionFileError(source, None, "not valid JSON: nested too deeply") from None
    if not isinstance(items, list):
        raise JurisdictionFileError(source, None, "expected a JSON list of objects with code, name, parent, level")
    return tuple(_json_node(item, source=source, where=f"item [{index}]") for index, item in enumerate(items))


def _json_node(item: Any, *, source: str, where: str) -> NodeSpec:
    if not isinstance(item, dict):
        raise JurisdictionFileError(source, where, "expected an object with code, name, parent, level")
    unknown = sorted(str(key) for key in item if key not in FIELDS)
    if unknown:
        raise JurisdictionFileError(source, where, f"unknown field {', '.join(map(repr, unknown))}")
    values: dict[str, str] = {}
    for field in FIELDS:
        value = item.get(field)
        if value is not None and not isinstance(value, str):
            raise JurisdictionFileError(source, where, f"{field} must be a string or null")
        values[field] = "" if value is None else value.strip()
    return _node(values, source=source, where=where)


def _node(values: Mapping[str, str], *, source: str, where: str) -> NodeSpec:
    code, name = values.get("code", ""), values.get("name", "")
    parent, level = values.get("parent") or None, values.get("level") or None
    problem = (
        ("the code is empty" if not code else code_problem(code))
        or name_problem(name)
        or (code_problem(parent) if parent is not None else None)
        or (level_problem(level) if level is not None else None)
    )
    if problem:
        raise JurisdictionFileError(source, where, problem)
    return NodeSpec(code=code, name=name, parent=parent, level=level, where=where)


@dataclass(frozen=True, slots=True)
class StoredNode:
    """A node already in the tree, as the plan compares a file's nodes against it."""

    code: str
    name: str
    parent: str | None
    level: str
    retired: bool = False


@dataclass(frozen=True, slots=True)
class ImportPlan:
    create: tuple[NodeSpec, ...]  # parents first, every level filled in
    unchanged: tuple[str, ...]  # identical to the stored node: skipped


def plan_import(nodes: Sequence[NodeSpec], stored: Mapping[str, StoredNode], *, source: str) -> ImportPlan:
    """Check a file against itself and the stored tree, and order it parents first.

    Refuses (naming the line): a code listed twice, an unknown or retired parent, a cycle,
    a code that does not extend its parent's, a node that differs from the stored one."""
    by_code = _unique(nodes, source=source)
    for node in nodes:
        _check_parent(node, by_code, stored, source=source)
    depth: dict[str, int] = {}
    for node in nodes:
        _depth_of(node.code, by_code, stored, depth, source=source)
    create, unchanged = [], []
    for node in sorted(nodes, key=lambda n: (depth[n.code], n.code)):
        if _unchanged(node, stored.get(node.code), source=source):
            unchanged.append(node.code)
        else:
            create.append(replace(node, level=node.level or default_level(depth[node.code])))
    return ImportPlan(create=tuple(create), unchanged=tuple(unchanged))


def _unique(nodes: Sequence[NodeSpec], *, source: str) -> dict[str, NodeSpec]:
    by_code: dict[str, NodeSpec] = {}
    for node in nodes:
        first = by_code.setdefault(node.code, node)
        if first is not node:
            raise JurisdictionFileError(source, node.where, f"{node.code!r} is listed twice (first at {first.where})")
    return by_code


def _check_parent(
    node: NodeSpec, by_code: Mapping[str, NodeSpec], stored: Mapping[str, StoredNode], *, source: str
) -> None:
    parent = node.parent
    if parent is None:
        return
    if parent not in by_code and parent not in stored:
        raise JurisdictionFileError(source, node.where, f"unknown parent {parent!r} (neither in the file nor stored)")
    if parent not in by_code and stored[parent].retired:
        raise JurisdictionFileError(source, node.where, f"the parent {parent!r} is retired: it takes no new children")


def _depth_of(
    code: str, by_code: Mapping[str, NodeSpec], stored: Mapping[str, StoredNode], depth: dict[str, int], *, source: str
) -> int:
    """The node's depth, following parents through the file, then the stored tree."""
    chain: list[str] = []
    current: str | None = code
    while current is not None and current not in depth:
        if current in chain:
            cycle = " -> ".join([*chain[chain.index(current) :], current])
            raise JurisdictionFileError(source, by_code[code].where, f"the parents form a cycle: {cycle}")
        chain.append(current)
        current = by_code[current].parent if current in by_code else stored[current].parent
    base = -1 if current is None else depth[current]
    for offset, node in enumerate(reversed(chain), start=1):
        depth[node] = base + offset
        _check_extends(node, by_code, source=source)
    return depth[code]


def _check_extends(code: str, by_code: Mapping[str, NodeSpec], *, source: str) -> None:
    node = by_code.get(code)
    if node is not None and node.parent is not None and not code.startswith(node.parent + "."):
        raise JurisdictionFileError(
            source, node.where, f"code {code!r} does not extend its parent's code (expected {node.parent}.…)"
        )


def _unchanged(node: NodeSpec, stored: StoredNode | None, *, source: str) -> bool:
    if stored is None:
        return False
    if stored.retired:
        raise JurisdictionConflictError(source, node.where, f"{node.code!r} exists and is retired")
    theirs = (stored.name, stored.parent, stored.level)
    ours = (node.name, node.parent, node.level or stored.level)
    if ours != theirs:
        differs = ", ".join(
            f"{field} {mine!r} (stored: {stored_value!r})"
            for field, mine, stored_value in zip(("name", "parent", "level"), ours, theirs, strict=True)
            if mine != stored_value
        )
        raise JurisdictionConflictError(source, node.where, f"{node.code!r} exists with other values: {differs}")
    return True
