"""Parsing a rule's inline examples: texts (or content) it must and must not fire on.

examples:
  match:
    - "Send the release fee and receive your prize"
    - text: "WhatsApp me for returns"
      language: en
      account: {age_days: 2, posts_last_minute: 14}
    - text: "Claim your prize at prize-claim.example"
      wave: {window: 1h, posts: 12, accounts: 6}
  no_match:
    - "I got scammed last year and reported it"
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from netgov.core.content import Account, Content
from netgov.core.observations import Observations, Wave
from netgov.core.rule import RuleExample
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.rulebook.fields import Fields
from netgov.core.rulebook.located import Located

# Examples run at a fixed reference time so that "account.age_days" is reproducible.
EXAMPLE_TIME = datetime(2026, 1, 1, tzinfo=UTC)
_CONTENT_KEYS = ("text", "language", "jurisdiction", "urls", "account", "metadata", "wave")
_ACCOUNT_KEYS = ("age_days", "verified", "prior_strikes", "posts_last_minute", "posts_last_hour")
_WAVE_KEYS = ("window", "posts", "accounts")


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
                observed = _observations(item, content, path, problems)
                examples.append(RuleExample(content, key == "match", item.line, observed))
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
        posts_last_minute=_count(plain.get("posts_last_minute")),
        posts_last_hour=_count(plain.get("posts_last_hour")),
    )


def _count(value: object) -> int | None:
    return int(value) if isinstance(value, int | float) else None


def _observations(item: Located, content: Content, path: str, problems: list[Diagnostic]) -> Observations | None:
    """``wave: {window: 1h, posts: 12, accounts: 6}``: the example is one post of such a wave."""
    node = item.value.get("wave") if item.is_map and isinstance(item.value, dict) else None
    if node is None:
        return None
    fields = Fields(node, path, "an example wave", problems)
    fields.check_keys(_WAVE_KEYS)
    plain = node.plain() if node.is_map else {}
    posts, accounts = plain.get("posts"), plain.get("accounts")
    if not isinstance(posts, int) or not isinstance(accounts, int):
        fields.error(node, "an example wave needs whole numbers 'posts' and 'accounts'")
        return None
    wave = Wave(
        cluster="c_example",
        window=fields.text("window"),
        size=posts,
        accounts=accounts,
        first_seen=EXAMPLE_TIME,
        representative=content.id,
    )
    return Observations(waves=(wave,))
