"""Entry lists: lexicons and pattern lists, one entry a line, kept in their own files.

    #! category: SCAMS_AND_FRAUD        header directives start with "#!"
    # a comment
    free money                          an entry
    guaranteed returns<TAB>weight=0.5 lang=en

An entry's options follow a TAB: ``weight`` (0 < w <= 1, default 1), ``lang`` (the entry
applies only to content in that language or of unknown language) and ``id`` (a name for
the entry in evidence; patterns default to their line number).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.taxonomy import Category


@dataclass(frozen=True, slots=True)
class ListEntry:
    text: str
    line: int
    weight: float = 1.0
    language: str | None = None
    id: str = ""


@dataclass(frozen=True, slots=True)
class EntryList:
    kind: str
    name: str
    path: str
    entries: tuple[ListEntry, ...]
    category: Category | None = None
    options: Mapping[str, str] = field(default_factory=dict)


_ENTRY_OPTIONS = ("weight", "lang", "id")
HEADER_OPTIONS = ("category", "description", "view", "role")


def parse_entry_list(kind: str, name: str, path: str, text: str) -> tuple[EntryList, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    entries: list[ListEntry] = []
    header: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if line.startswith("#!"):
            _parse_header(line, number, path, header, problems)
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        # Domain lists take hosts files as they come, where a TAB separates address and name.
        entry = ListEntry(line.strip(), number) if kind == "domain" else _parse_entry(line, number, path, problems)
        if entry is not None:
            entries.append(entry)
    category = _header_category(header, path, problems)
    return EntryList(kind, name, path, tuple(entries), category, header), problems


def _parse_header(line: str, number: int, path: str, header: dict[str, str], problems: list[Diagnostic]) -> None:
    key, sep, value = line[2:].partition(":")
    key = key.strip()
    if not sep or key not in HEADER_OPTIONS:
        known = ", ".join(HEADER_OPTIONS)
        problems.append(Diagnostic(path, number, 1, f"unknown header {key!r}; use one of: {known}"))
        return
    header[key] = value.strip()


def _header_category(header: Mapping[str, str], path: str, problems: list[Diagnostic]) -> Category | None:
    value = header.get("category")
    if value is None:
        return None
    try:
        return Category(value)
    except ValueError:
        problems.append(Diagnostic(path, 1, 1, f"unknown category {value!r}"))
        return None


def _parse_entry(line: str, number: int, path: str, problems: list[Diagnostic]) -> ListEntry | None:
    text, _, rest = line.partition("\t")
    if text.startswith("\\#"):
        text = text[1:]
    text = text.strip()
    if not rest.strip():
        return ListEntry(text, number)
    options: dict[str, str] = {}
    column = len(text) + 2
    for token in rest.split():
        key, sep, value = token.partition("=")
        if not sep or key not in _ENTRY_OPTIONS:
            problems.append(
                Diagnostic(
                    path,
                    number,
                    column,
                    f"unknown entry option {token!r}; use weight=, lang= or id=",
                )
            )
            return None
        options[key] = value
    weight = _parse_weight(options.get("weight"), path, number, column, problems)
    if weight is None:
        return None
    return ListEntry(text, number, weight, options.get("lang"), options.get("id", ""))


def _parse_weight(raw: str | None, path: str, number: int, column: int, problems: list[Diagnostic]) -> float | None:
    if raw is None:
        return 1.0
    try:
        weight = float(raw)
    except ValueError:
        weight = -1.0
    if not 0 < weight <= 1:
        problems.append(Diagnostic(path, number, column, f"weight must be a number in (0, 1], got {raw!r}"))
        return None
    return weight
