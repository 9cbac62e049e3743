"""Parsing ``rules/*.yaml``: each rule, its legal basis, its condition and its examples."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import timedelta

from netgov.core.actions import Action, Mode, Severity
from netgov.core.conditions import AnyOf
from netgov.core.regulation import LegalBasis, Regulation
from netgov.core.rule import Rule, RuleExample
from netgov.core.rulebook.condition_parser import ConditionParser
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.rulebook.examples import parse_examples
from netgov.core.rulebook.fields import Fields, suggest
from netgov.core.rulebook.located import Document, Located
from netgov.core.taxonomy import Category

_RULE_KEYS = (
    "id", "title", "description", "category", "basis", "when", "action",
    "severity", "mode", "duration", "examples",
)  # fmt: skip
_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
_DURATION = re.compile(r"^(\d+)\s*([hdw])$")
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}


class RuleParser:
    def __init__(
        self,
        *,
        regulations: Mapping[str, Sequence[Regulation]],
        catalog: Mapping[str, frozenset[str]],
        problems: list[Diagnostic],
    ) -> None:
        self.regulations = regulations
        self.catalog = catalog
        self.problems = problems

    def parse_document(self, document: Document) -> list[tuple[Rule, Located]]:
        if document.root is None:
            return []
        top = Fields(document.root, document.path, "a rules file", self.problems)
        top.check_keys(("rules",))
        node = top.items.get("rules")
        if node is None or not isinstance(node.value, list):
            top.error(node or document.root, "a rules file needs a list under 'rules:'")
            return []
        parsed = [(self.parse_rule(item, document.path), item) for item in node.value]
        return [(rule, item) for rule, item in parsed if rule is not None]

    def parse_rule(self, node: Located, path: str) -> Rule | None:
        start = len(self.problems)
        fields = Fields(node, path, "a rule", self.problems)
        if not node.is_map:
            return None
        fields.check_keys(_RULE_KEYS)
        rule_id = self._id(fields)
        basis = self._basis(fields)
        condition = None
        when = fields.items.get("when")
        if when is None:
            fields.error(node, "a rule needs a 'when:' condition")
        else:
            condition = ConditionParser(path, self.catalog, self.problems).parse(when)
        rule = Rule(
            id=rule_id,
            title=fields.text("title"),
            description=fields.text("description", required=False).strip(),
            category=fields.choice("category", Category) or Category.OTHER_VIOLATION_TC,
            basis=basis or LegalBasis(regulation="", article=""),
            condition=condition or _NEVER,
            action=fields.choice("action", Action) or Action.ALLOW,
            severity=fields.choice("severity", Severity, default=Severity.MEDIUM) or Severity.MEDIUM,
            mode=fields.choice("mode", Mode, default=Mode.ENFORCE) or Mode.ENFORCE,
            duration=self._duration(fields),
            examples=tuple(self._examples(fields)),
            source=f"{path}:{node.line}:{node.column}",
        )
        return rule if len(self.problems) == start else None

    def _id(self, fields: Fields) -> str:
        rule_id = fields.text("id")
        if rule_id and not _ID.match(rule_id):
            fields.error(fields.items["id"], f"rule id {rule_id!r} may only use a-z, 0-9, '.', '_' and '-'")
        return rule_id

    def _basis(self, fields: Fields) -> LegalBasis | None:
        node = fields.items.get("basis")
        if node is None:
            fields.error(
                fields.node,
                "a rule needs a legal 'basis' (regulation and article): no rule, no action",
            )
            return None
        basis = Fields(node, fields.path, "a basis", self.problems)
        if not node.is_map:
            return None
        basis.check_keys(("regulation", "article"))
        regulation, article = basis.text("regulation"), basis.text("article")
        versions = self.regulations.get(regulation)
        if regulation and versions is None:
            basis.error(node, f"unknown regulation {regulation!r}{suggest(regulation, self.regulations)}")
            return None
        numbers = {a.number for version in versions or () for a in version.articles}
        if article and article not in numbers:
            where = basis.items.get("article", node)
            basis.error(
                where,
                f"regulation {regulation!r} has no article {article!r}{suggest(article, numbers)}",
            )
            return None
        return LegalBasis(regulation=regulation, article=article)

    def _duration(self, fields: Fields) -> timedelta | None:
        raw = fields.text("duration", required=False)
        if not raw:
            return None
        found = _DURATION.match(raw.strip())
        if not found:
            fields.error(fields.items["duration"], f"duration must look like 12h, 30d or 2w, got {raw!r}")
            return None
        return timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})

    def _examples(self, fields: Fields) -> list[RuleExample]:
        node = fields.items.get("examples")
        if node is None:
            fields.error(fields.node, "a rule needs 'examples' with 'match' and 'no_match' lists")
            return []
        return parse_examples(node, fields.path, self.problems)


_NEVER = AnyOf(())
