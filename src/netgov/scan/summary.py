"""What a scan found: actions by category, refused lines, and throughput."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from netgov.scan.records import Outcome


@dataclass
class ScanSummary:
    posts: int = 0
    malformed: int = 0
    by_category_action: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_action: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[int, str]] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.malformed += 1
            if len(self.errors) < 1000:
                self.errors.append((outcome.line, outcome.error))
            return
        self.posts += 1
        action = outcome.action or "allow"
        self.by_action[action] += 1
        if outcome.category is not None:
            self.by_category_action[(outcome.category, action)] += 1

    def as_dict(self) -> dict[str, object]:
        return {
            "posts": self.posts,
            "malformed": self.malformed,
            "by_action": dict(self.by_action),
            "by_category": [
                {"category": c, "action": a, "count": n} for (c, a), n in sorted(self.by_category_action.items())
            ],
        }
