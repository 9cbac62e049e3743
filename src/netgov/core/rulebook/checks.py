"""Running every rule's inline examples against the compiled plan."""

from __future__ import annotations

from dataclasses import dataclass

from netgov.core.conditions import evaluate
from netgov.core.rule import Rule, RuleExample
from netgov.core.rulebook.examples import EXAMPLE_TIME
from netgov.core.rulebook.model import Rulebook


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: Rule
    example: RuleExample

    def render(self) -> str:
        path = self.rule.source.rsplit(":", 2)[0]
        expected = "should match but did not" if self.example.should_match else "should not match but did"
        text = self.example.content.text
        return f"{path}:{self.example.line}:1: error: example of rule {self.rule.id!r} {expected}: {text!r}"


def run_examples(rulebook: Rulebook) -> tuple[int, list[ExampleFailure]]:
    """Return how many examples ran and which failed.

    Examples test the rule's condition, whatever the dates of its article: a rule whose
    article enters into force next year can be checked today.
    """
    plan = rulebook.plan
    failures: list[ExampleFailure] = []
    count = 0
    for rule in rulebook.rules:
        for example in rule.examples:
            count += 1
            signals = {s.key: s for s in plan.detect(example.content, example.observations)}
            held, _ = evaluate(rule.condition, signals, example.content, EXAMPLE_TIME)
            if held != example.should_match:
                failures.append(ExampleFailure(rule, example))
    return count, failures
