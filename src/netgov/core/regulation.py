"""Regulations and their articles: the legal texts every rule must cite."""

from __future__ import annotations

from datetime import datetime

import msgspec


class Article(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    number: str
    title: str
    text: str
    effective_from: datetime | None = None
    effective_until: datetime | None = None


class Regulation(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    id: str
    title: str
    authority: str
    jurisdiction: str
    version: str
    effective_from: datetime
    effective_until: datetime | None = None
    articles: tuple[Article, ...] = ()

    def article(self, number: str) -> Article | None:
        for article in self.articles:
            if article.number == number:
                return article
        return None

    def period(self, article: Article) -> tuple[datetime, datetime | None]:
        """When ``article`` is in force: while both it and this regulation are, ``[from, until)``."""
        start = max(self.effective_from, article.effective_from or self.effective_from)
        ends = [d for d in (self.effective_until, article.effective_until) if d is not None]
        return start, min(ends) if ends else None

    def in_force(self, article: Article, at: datetime) -> bool:
        start, end = self.period(article)
        return start <= at and (end is None or at < end)


class LegalBasis(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """What a rule cites: a regulation id and one of its article numbers."""

    regulation: str
    article: str

    def __str__(self) -> str:
        return f"{self.regulation} Art. {self.article}"
