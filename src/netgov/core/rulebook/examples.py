"""Parsing a rule's inline examples: texts (or content) it must and must not fire on.

examples:
  match:
    - "Send the release fee and receive your prize"
    - text: "WhatsApp me for returns"
      language: en
      account: {age_days: 2, posts_last_minute: 14}
    - text: "Claim your prize at prize-claim.example"
      wave: {window: 1h, posts: 12, accounts: 6}
    - text: "look"
      media: {bank: known-csam, distance: 12, category: PROTECTION_OF_MINORS}
  no_match:
    - "I got scammed last year and reported it"
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from netgov.core.content import Account, Content
from netgov.core.observations import MediaObservation, Observations, Wave
from netgov.core.rule import RuleExample
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.rulebook.fields import Fields
from netgov.core.rulebook.located import Located
from netgov.core.taxonomy import Category

# Examples run at a fixed reference time so that "account.age_days" is reproducible.
EXAMPLE_TIME = datetime(2026, 1, 1, tzinfo=UTC)
_CONTENT_KEYS = ("text", "language", "jurisdiction", "urls", "account", "metadata", "wave", "media")
_ACCOUNT_KEYS = ("age_days", "verified", "prior_strikes", "posts_last_minute", "posts_last_hour")
_WAVE_KEYS = ("window", "posts", "accounts")
_MEDIA_KEYS = ("bank", "entry", "distance", "category", "signal_type", "timestamps")


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
    """``wave:`` and ``media:`` keys: what the caller's ports would have observed."""
    nodes = item.value if item.is_map and isinstance(item.value, dict) else {}
    wave = _wave(nodes["wave"], content, path, problems) if "wave" in nodes else None
    media = _media(nodes["media"], path, problems) if "media" in nodes else None
    if wave is None and media is None:
        return None
    return Observations(waves=(wave,) if wave else (), media=(media,) if media else ())


def _wave(node: Located, content: Content, path: str, problems: list[Diagnostic]) -> Wave | None:
    """``wave: {window: 1h, posts: 12, accounts: 6}``: the example is one post of such a wave."""
    fields = Fields(node, path, "an example wave", problems)
    fields.check_keys(_WAVE_KEYS)
    plain = node.plain() if node.is_map else {}
    posts, accounts = plain.get("posts"), plain.get("accounts")
    if not isinstance(posts, int) or not isinstance(accounts, int):
        fields.error(node, "an example wave needs whole numbers 'posts' and 'accounts'")
        return None
    return Wave(
        cluster="c_example",
        window=fields.text("window"),
        size=posts,
        accounts=accounts,
        first_seen=EXAMPLE_TIME,
        representative=content.id,
    )


def _media(node: Located, path: str, problems: list[Diagnostic]) -> MediaObservation | None:
    """``media: {bank: B, distance: 12, category: C}``: the post's image matched entry
    ``example`` of bank B (``signal_type`` pdq unless given; ``timestamps`` for a video)."""
    fields = Fields(node, path, "an example media match", problems)
    fields.check_keys(_MEDIA_KEYS)
    plain = node.plain() if node.is_map else {}
    distance, category, times = plain.get("distance", 0), plain.get("category"), plain.get("timestamps") or []
    if not isinstance(distance, int) or not 0 <= distance <= 256:
        fields.error(node, "an example media match needs a whole 'distance' from 0 to 256")
        return None
    if category is not None and category not in Category.__members__:
        fields.error(node, f"unknown category {category!r} in an example media match")
        return None
    return MediaObservation(
        media=0,
        signal_type=str(plain.get("signal_type", "pdq")),
        bank=fields.text("bank"),
        entry=str(plain.get("entry", "example")),
        distance=distance,
        category=Category(category) if category is not None else None,
        timestamps=tuple(float(t) for t in times) if isinstance(times, list) else (),
    )
