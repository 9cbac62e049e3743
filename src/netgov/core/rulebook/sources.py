"""Source files of a rulebook, as text: the compiler never touches the file system."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
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


def content_version(sources: Iterable[SourceFile]) -> str:
    """The rulebook version: a hash of every source, so equal text means equal version."""
    digest = hashlib.sha256()
    for source in sorted(sources, key=lambda s: (s.kind, s.name, s.path)):
        for part in (source.kind, source.name or source.path, source.text):
            encoded = part.encode("utf-8")
            digest.update(len(encoded).to_bytes(8, "big"))
            digest.update(encoded)
    return "sha256:" + digest.hexdigest()[:16]
