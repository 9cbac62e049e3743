"""Parsing a rule's inline examples: texts (or content) it must and must not fire on.

examples:
  match:
    - "Send the release fee and receive your prize"
    - text: "WhatsApp me for returns"
      language: en
      account: {age_days: 2}
  no_match:
    - "I got scammed last year and reported it"
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from netgov.core.content import Account, Content
from netgov.core.rule import RuleExample
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.rulebook.fields import Fields
from netgov.core.rulebook.located import Located

# Examples run at a fixed reference time so that "account.age_days" is reproducible.
EXAMPLE_TIME = datetime(2026, 1, 1, tzinfo=UTC)
_CONTENT_KEYS = ("text", "language", "jurisdiction", "urls", "account", "metadata")
_ACCOUNT_KEYS = ("age_days", "verified", "prior_strikes")


def parse_examples(node: Located, path: str, problems: list[Diagnostic]) -> list[RuleExample]:
    fields = Fields(node, path, "examples", problems)
    fields.check_keys(("match", "no_match"))
    examples: list[RuleExample] = []
    for key in ("match", "no_match"):
        items = fields.items.get(key)
        if items is None or not isinstance(items.value, list) or not items.value:
            fields.error(items or node, f"examples need a non-empty '{key}' list")
            continue
        for item in items.value:
            content = _content(item, path, problems)
            if content is not None:
                examples.append(RuleExample(content, key == "match", item.line))
    return examples


def _content(item: Located, path: str, problems: list[Diagnostic]) -> Content | None:
    if isinstance(item.value, str):
        return Content(id=f"example:{item.line}", text=item.value)
    fields = Fields(item, path, "an example", problems)
    if not item.is_map:
        return None
    fields.check_keys(_CONTENT_KEYS)
    plain = item.plain()
    urls = plain.get("urls") or []
    metadata = plain.get("metadata") or {}
    return Content(
        id=f"example:{item.line}",
        text=fields.text("text", required=False),
        language=fields.text("language", required=False) or None,
        jurisdiction=fields.text("jurisdiction", required=False) or None,
        urls=tuple(str(u) for u in urls),
        account=_account(fields.items.get("account"), path, problems),
        metadata={str(k): v for k, v in metadata.items()} if isinstance(metadata, dict) else {},
    )


def _account(node: Located | None, path: str, problems: list[Diagnostic]) -> Account | None:
    if node is None:
        return None
    fields = Fields(node, path, "an example account", problems)
    fields.check_keys(_ACCOUNT_KEYS)
    plain = node.plain() if node.is_map else {}
    age = plain.get("age_days")
    created = EXAMPLE_TIME - timedelta(days=float(age)) if isinstance(age, int | float) else None
    return Account(
        id="example",
        created_at=created,
        verified=bool(plain.get("verified", False)),
        prior_strikes=int(plain.get("prior_strikes", 0)),
    )
