"""Plain typed factories for tests: rulebooks written to disk, content, times."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path

from netgov import Content, Rulebook, load_rulebook

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)

REGULATION = """\
id: TEST
title: Test Regulation
authority: Test Authority
jurisdiction: TT
version: "1"
effective_from: 2025-01-01
articles:
  - number: "1"
    title: Scams
    text: Scams are illegal.
  - number: "2"
    title: Future article
    text: Enters into force later.
    effective_from: 2030-01-01
"""

LEXICON = "#! category: SCAMS_AND_FRAUD\nfree money\nwire fee\tweight=0.5\n免费领取\n"


def rule_yaml(body: str) -> str:
    return "rules:\n" + textwrap.indent(textwrap.dedent(body), "  ")


def write_rulebook(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path -> text) under ``root``; a default regulation and
    lexicon are written unless already there."""
    defaults = {"regulations/test.yaml": REGULATION, "lexicons/scams.txt": LEXICON}
    for relative, text in {**defaults, **files}.items():
        path = root / relative
        if relative not in files and path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def simple_rule(
    rule_id: str = "t.scam",
    *,
    action: str = "remove",
    mode: str = "enforce",
    article: str = "1",
    when: str = "lexicon: scams",
) -> str:
    return f"""\
- id: {rule_id}
  title: Test rule {rule_id}
  category: SCAMS_AND_FRAUD
  basis: {{regulation: TEST, article: "{article}"}}
  action: {action}
  mode: {mode}
  when:
    {when}
  examples:
    match: ["free money here"]
    no_match: ["nothing to see"]
"""


def load(root: Path, *rules: str, at: datetime = NOW) -> Rulebook:
    body = "".join(rules) if rules else simple_rule()
    write_rulebook(root, {"rules/test.yaml": rule_yaml(body)})
    return load_rulebook(root, at=at)


def post(text: str, **fields: object) -> Content:
    return Content(id=str(fields.pop("id", "c1")), platform="test", text=text, **fields)  # type: ignore[arg-type]
