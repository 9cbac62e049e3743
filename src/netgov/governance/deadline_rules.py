"""Deadline rules: working hours allowed, and the warning margin, per category and source.

A rule names a category and a source, either of which may be ``*`` (any). The rule for a
case is the most specific one: (category, source), then (category, *), then (*, source),
then (*, *). Configured rules override the built-in ones with the same key; the built-in
(*, *) rule means every case gets a deadline.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import msgspec

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource

ANY = "*"


class DeadlineRule(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    category: str  # a Category value or "*"
    source: str  # a CaseSource value or "*"
    working_hours: float
    warn_hours: float

    def __post_init__(self) -> None:
        if self.category != ANY and self.category not in Category._value2member_map_:
            raise InvalidRequestError(f"category: {self.category!r} is not a category nor {ANY!r}")
        if self.source != ANY and self.source not in CaseSource._value2member_map_:
            sources = ", ".join(CaseSource)
            raise InvalidRequestError(f"source: {self.source!r} is not one of {sources} nor {ANY!r}")
        if not math.isfinite(self.working_hours) or self.working_hours <= 0:
            raise InvalidRequestError(f"working_hours: must be a positive number, not {self.working_hours}")
        if not math.isfinite(self.warn_hours) or not 0 <= self.warn_hours < self.working_hours:
            raise InvalidRequestError(
                f"warn_hours: must be zero or more and less than working_hours ({self.working_hours:g}), "
                f"not {self.warn_hours}"
            )

    @property
    def key(self) -> tuple[str, str]:
        return self.category, self.source


BUILT_IN = (
    DeadlineRule(category=ANY, source=ANY, working_hours=40, warn_hours=8),
    # An order carries the authority's own deadline; the case behind it must move faster.
    DeadlineRule(category=ANY, source="order", working_hours=24, warn_hours=4),
    # Harm to children, to life or to public safety cannot wait a working week.
    DeadlineRule(category=Category.PROTECTION_OF_MINORS, source=ANY, working_hours=8, warn_hours=2),
    DeadlineRule(category=Category.SELF_HARM, source=ANY, working_hours=8, warn_hours=2),
    DeadlineRule(category=Category.RISK_FOR_PUBLIC_SECURITY, source=ANY, working_hours=8, warn_hours=2),
    DeadlineRule(category=Category.VIOLENCE, source=ANY, working_hours=16, warn_hours=4),
)
"""The defaults until an operator configures otherwise (``netgov deadlines set``)."""


class DeadlineRules:
    """The built-in rules overridden by ``configured`` (same key: the configured one wins)."""

    def __init__(self, configured: Iterable[DeadlineRule] = (), *, built_in: Iterable[DeadlineRule] = BUILT_IN):
        self._rules = {rule.key: rule for rule in (*built_in, *configured)}
        if (ANY, ANY) not in self._rules:
            raise InvalidRequestError("the deadline rules need a (*, *) rule, so that every case gets a deadline")

    def rule_for(self, category: str, source: str) -> DeadlineRule:
        for key in ((category, source), (category, ANY), (ANY, source), (ANY, ANY)):
            rule = self._rules.get(key)
            if rule is not None:
                return rule
        raise AssertionError("unreachable: the (*, *) rule always exists")

    @property
    def rules(self) -> tuple[DeadlineRule, ...]:
        """Every rule in force, most general first."""
        return tuple(sorted(self._rules.values(), key=lambda r: (r.category != ANY, r.source != ANY, r.key)))


RUNNING_STATES = frozenset(
    {CaseState.FILED, CaseState.INVESTIGATING, CaseState.UNDER_REVIEW, CaseState.RECONSIDERATION}
)
"""The states in which a case's deadline runs: until it is decided. After a decision the
case waits on others (serving, the platform's execution), which have deadlines of their own
(orders); a reconsideration starts a fresh deadline."""


def deadline_runs(state: CaseState) -> bool:
    return state in RUNNING_STATES
