"""The errors netgov raises, rooted at one class so that every edge can map them.

    NetgovError
    ├── RulebookError          the rulebook cannot be loaded; carries every Diagnostic
    ├── ContentError           an input item is not valid Content (bad JSON, wrong field)
    ├── TrainingError          classifier training data cannot be used (netgov.classifier.data)
    └── DetectorError          a detector is misconfigured or registered twice
        ├── DuplicateDetectorError
        └── ModelError         a model artifact is malformed (netgov.detectors.classifier.model)

Edges translate these: the CLI prints them and exits with status 1 or 2, the API (a later
issue) maps them to 4xx statuses. Anything else escaping is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netgov.core.rulebook.diagnostics import Diagnostic


class NetgovError(Exception):
    """Root of every error that netgov raises on purpose."""


class RulebookError(NetgovError):
    """The rulebook has errors; ``diagnostics`` lists all of them, not just the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        lines = [d.render() for d in self.diagnostics]
        count = len(self.diagnostics)
        super().__init__(f"{count} error{'s' if count != 1 else ''} in the rulebook:\n" + "\n".join(lines))


class ContentError(NetgovError):
    """An input item could not be turned into Content."""


class DetectorError(NetgovError):
    """A detector could not be built or registered."""


class DuplicateDetectorError(DetectorError):
    """Two detectors claimed the same name; names must be unique across all plug-ins."""
