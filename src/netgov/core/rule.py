"""Rules: conditions over signals, an action, a category and the article that allows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from netgov.core.actions import Action, Mode, Severity
from netgov.core.conditions import Condition
from netgov.core.content import Content
from netgov.core.observations import Observations
from netgov.core.regulation import LegalBasis
from netgov.core.taxonomy import Category


@dataclass(frozen=True, slots=True)
class RuleExample:
    """Content that the rule must (``should_match``) or must not fire on."""

    content: Content
    should_match: bool
    line: int = 0
    # What the wave store would have observed (``wave:`` in the example), if anything.
    observations: Observations | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    category: Category
    basis: LegalBasis
    condition: Condition
    action: Action
    severity: Severity = Severity.MEDIUM
    mode: Mode = Mode.ENFORCE
    description: str = ""
    duration: timedelta | None = None
    examples: tuple[RuleExample, ...] = field(default=())
    source: str = ""
