"""Parsing ``regulations/*.yaml``: a regulation, its version, dates and articles."""

from __future__ import annotations

from datetime import UTC, datetime

from netgov.core.regulation import Article, Regulation
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.rulebook.fields import Fields
from netgov.core.rulebook.located import Document, Located

_KEYS = (
    "id",
    "title",
    "authority",
    "jurisdiction",
    "version",
    "effective_from",
    "effective_until",
    "articles",
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ARTICLE_KEYS = ("number", "title", "text", "effective_from", "effective_until")


def parse_regulation(document: Document, problems: list[Diagnostic]) -> Regulation | None:
    if document.root is None:
        return None
    start = len(problems)
    fields = Fields(document.root, document.path, "a regulation", problems)
    fields.check_keys(_KEYS)
    articles = _parse_articles(fields, problems)
    regulation_id = fields.text("id")
    effective_from = fields.when("effective_from")
    effective_until = fields.when("effective_until", required=False)
    if effective_from and effective_until and effective_until <= effective_from:
        fields.error(fields.items["effective_until"], "effective_until must be after effective_from")
    regulation = Regulation(
        id=regulation_id,
        title=fields.text("title"),
        authority=fields.text("authority"),
        jurisdiction=fields.text("jurisdiction"),
        version=fields.text("version"),
        effective_from=effective_from or _EPOCH,
        effective_until=effective_until,
        articles=tuple(articles),
    )
    return regulation if len(problems) == start else None


def _parse_articles(fields: Fields, problems: list[Diagnostic]) -> list[Article]:
    node = fields.items.get("articles")
    if node is None or not isinstance(node.value, list) or not node.value:
        fields.error(node or fields.node, "a regulation needs a list of 'articles'")
        return []
    articles: list[Article] = []
    seen: set[str] = set()
    for item in node.value:
        article = _parse_article(item, fields.path, problems)
        if article is None:
            continue
        if article.number in seen:
            fields.error(item, f"article {article.number!r} appears twice")
        seen.add(article.number)
        articles.append(article)
    return articles


def _parse_article(item: Located, path: str, problems: list[Diagnostic]) -> Article | None:
    fields = Fields(item, path, "an article", problems)
    if not item.is_map:
        return None
    fields.check_keys(_ARTICLE_KEYS)
    return Article(
        number=fields.text("number"),
        title=fields.text("title"),
        text=fields.text("text").strip(),
        effective_from=fields.when("effective_from", required=False),
        effective_until=fields.when("effective_until", required=False),
    )
