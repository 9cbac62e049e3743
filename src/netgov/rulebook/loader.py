"""Reading a rulebook directory and compiling it: the file-system side of the compiler.

DIR/regulations/*.yaml   DIR/rules/*.yaml   DIR/lexicons/*.txt   DIR/patterns/*.txt   DIR/domains/*.txt
"""

from __future__ import annotations

import functools
import os
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import opencc

from netgov.core.detection import DetectorRegistry
from netgov.core.rulebook.compiler import compile_rulebook
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.rulebook.model import Rulebook
from netgov.core.rulebook.sources import SourceFile
from netgov.core.text import Normalizer
from netgov.errors import RulebookError
from netgov.plugins import default_registry

BUNDLED = Path(__file__).parent / "bundled"

_LAYOUT = (
    ("regulations", "regulation", ("*.yaml", "*.yml")),
    ("rules", "rule", ("*.yaml", "*.yml")),
    ("lexicons", "lexicon", ("*.txt",)),
    ("patterns", "pattern", ("*.txt",)),
    ("domains", "domain", ("*.txt",)),
)


def read_sources(directory: Path) -> list[SourceFile]:
    """Every source file under ``directory``, with paths shown relative to it."""
    if not directory.is_dir():
        raise RulebookError([Diagnostic(str(directory), 0, 0, "no such rulebook directory")])
    sources: list[SourceFile] = []
    problems: list[Diagnostic] = []
    for folder, kind, globs in _LAYOUT:
        for pattern in globs:
            for file in sorted((directory / folder).glob(pattern)):
                shown = _shown(file, directory)
                try:
                    text = file.read_text(encoding="utf-8")
                except (UnicodeDecodeError, OSError) as error:
                    problems.append(Diagnostic(shown, 1, 1, f"cannot read the file: {error}"))
                    continue
                sources.append(SourceFile(kind=kind, path=shown, text=text, name=file.stem))
    if problems:
        raise RulebookError(problems)
    if not any(s.kind == "rule" for s in sources):
        raise RulebookError([Diagnostic(str(directory), 0, 0, "no rules found: expected rules/*.yaml")])
    return sources


def _shown(file: Path, directory: Path) -> str:
    if directory == BUNDLED:
        return f"<bundled>/{file.relative_to(directory)}"
    return str(file)


def read_files(directory: Path) -> dict[str, bytes]:
    """Non-text files of the rulebook (``models/NAME/...``), by path relative to it."""
    root = directory / "models"
    if not root.is_dir():
        return {}
    return {str(file.relative_to(directory)): file.read_bytes() for file in sorted(root.rglob("*")) if file.is_file()}


@functools.cache
def default_normalizer() -> Normalizer:
    """One per process: building it scans the BMP once, and its tables only grow."""
    converter = opencc.OpenCC("t2s")
    return Normalizer(converter.convert)


def load_rulebook(
    path: str | Path | None = None,
    *,
    at: datetime | None = None,
    registry: DetectorRegistry | None = None,
    options: Mapping[str, str] | None = None,
) -> Rulebook:
    """Load and compile a rulebook directory (the bundled one when ``path`` is None).

    Raises RulebookError with every problem found, each with file, line and column.
    """
    directory = Path(path) if path is not None else BUNDLED
    return compile_rulebook(
        read_sources(directory),
        registry=registry or default_registry(),
        normalizer=default_normalizer(),
        at=at or datetime.now(UTC),
        options=default_options() if options is None else options,
        files=read_files(directory),
    )


@functools.cache
def default_options() -> Mapping[str, str]:
    """Detector options from the environment: ``NETGOV_PII_SALT`` salts personal-data
    digests. Without it a random salt is drawn once per process, so digests can be
    compared within one run but not across runs; set it to compare across runs."""
    return {"pii.salt": os.environ.get("NETGOV_PII_SALT") or secrets.token_hex(16)}
