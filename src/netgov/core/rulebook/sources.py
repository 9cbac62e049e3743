"""Source files of a rulebook, as text: the compiler never touches the file system."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LIST_KINDS = ("lexicon", "pattern", "domain")
KINDS = ("regulation", "rule", *LIST_KINDS)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """``kind`` is one of KINDS; ``name`` is the list name for lexicons and patterns."""

    kind: str
    path: str
    text: str
    name: str = ""


def content_version(sources: Iterable[SourceFile], files: Mapping[str, bytes] | None = None) -> str:
    """The rulebook version: a hash of every source and file (models), so equal content
    means equal version."""
    digest = hashlib.sha256()
    parts: list[bytes] = []
    for source in sorted(sources, key=lambda s: (s.kind, s.name, s.path)):
        parts += [p.encode("utf-8") for p in (source.kind, source.name or source.path, source.text)]
    for path, data in sorted((files or {}).items()):
        parts += [b"file", path.encode("utf-8"), data]
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return "sha256:" + digest.hexdigest()[:16]
