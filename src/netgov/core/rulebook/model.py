"""The Rulebook: validated regulations, rules and lists, with the Plan compiled from them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from netgov.core.lists import EntryList
from netgov.core.plan import Plan
from netgov.core.regulation import Regulation
from netgov.core.rule import Rule
from netgov.core.rulebook.diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class Rulebook:
    version: str
    regulations: tuple[Regulation, ...]
    rules: tuple[Rule, ...]
    lists: Mapping[str, Mapping[str, EntryList]]
    plan: Plan
    warnings: tuple[Diagnostic, ...] = ()

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def regulation_versions(self, regulation_id: str) -> tuple[Regulation, ...]:
        return tuple(r for r in self.regulations if r.id == regulation_id)
