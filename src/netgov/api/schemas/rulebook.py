"""The public rulebook as the API shows it: regulations with their articles and versions,
rules with a readable condition and the text of the article they rely on."""

from __future__ import annotations

from datetime import datetime

import msgspec
from pydantic import BaseModel, Field

from netgov.core.actions import Action, Mode, Severity
from netgov.core.conditions import AllOf, AnyOf, Condition, FieldTest, Not, SignalTest, signal_keys
from netgov.core.regulation import Article, Regulation
from netgov.core.rule import Rule
from netgov.core.rulebook.model import Rulebook
from netgov.core.taxonomy import Category


class ArticlePublic(BaseModel):
    number: str
    title: str
    text: str
    effective_from: datetime | None = None
    effective_until: datetime | None = None
    in_force: bool = Field(description="Whether the article (and its regulation) is in force now")


class RegulationVersion(BaseModel):
    version: str
    title: str
    authority: str
    jurisdiction: str
    effective_from: datetime
    effective_until: datetime | None = None
    articles: list[ArticlePublic]


class RegulationSummary(BaseModel):
    id: str
    title: str = Field(description="The title of the newest version")
    authority: str
    jurisdiction: str
    versions: list[str] = Field(description="Every version in the rulebook, oldest first")
    in_force: str | None = Field(description="The version in force now, if any")


class RegulationDetail(RegulationSummary):
    history: list[RegulationVersion] = Field(description="Each version with its articles, oldest first")


class RegulationList(BaseModel):
    rulebook_version: str
    regulations: list[RegulationSummary]


class Citation(BaseModel):
    """The article a rule cites, as one version of its regulation words it."""

    regulation_title: str
    version: str
    authority: str
    jurisdiction: str
    article_title: str
    article_text: str
    in_force: bool


class LegalBasisPublic(BaseModel):
    regulation: str
    article: str
    citations: list[Citation] = Field(default=[], description="The article in each version of the regulation")


class RuleSummary(BaseModel):
    id: str
    title: str
    category: Category
    action: Action
    severity: Severity
    mode: Mode
    basis: str = Field(description="Regulation and article, e.g. `MOSR Art. 7`")


class RuleDetail(RuleSummary):
    description: str
    condition: str = Field(description="The rule's condition in words")
    signals: list[str] = Field(description="Every `detector/label` the condition tests")
    duration_seconds: float | None = Field(description="How long the action lasts, when the rule limits it")
    defined_at: str = Field(description="The rule's source file and line")
    legal_basis: LegalBasisPublic


class RuleList(BaseModel):
    rulebook_version: str
    rules: list[RuleSummary]


class RulebookVersionPublic(BaseModel):
    version: str
    first_used_at: datetime
    rules: int
    regulations: int
    active: bool = Field(description="Whether this service decides with this version now")


class RulebookVersions(BaseModel):
    active: str
    versions: list[RulebookVersionPublic] = Field(description="Newest first")


def regulation_summary(versions: tuple[Regulation, ...], at: datetime) -> RegulationSummary:
    ordered = sorted(versions, key=lambda r: r.effective_from)
    newest = ordered[-1]
    current = [
        r.version for r in ordered if r.effective_from <= at and (r.effective_until is None or at < r.effective_until)
    ]
    return RegulationSummary(
        id=newest.id,
        title=newest.title,
        authority=newest.authority,
        jurisdiction=newest.jurisdiction,
        versions=[r.version for r in ordered],
        in_force=current[-1] if current else None,
    )


def regulation_detail(versions: tuple[Regulation, ...], at: datetime) -> RegulationDetail:
    history = [
        RegulationVersion(
            version=r.version,
            title=r.title,
            authority=r.authority,
            jurisdiction=r.jurisdiction,
            effective_from=r.effective_from,
            effective_until=r.effective_until,
            articles=[_article(r, article, at) for article in r.articles],
        )
        for r in versions
    ]
    return RegulationDetail(**regulation_summary(versions, at).model_dump(), history=history)


def _article(regulation: Regulation, article: Article, at: datetime) -> ArticlePublic:
    return ArticlePublic(
        number=article.number,
        title=article.title,
        text=article.text,
        effective_from=article.effective_from,
        effective_until=article.effective_until,
        in_force=regulation.in_force(article, at),
    )


def rule_summary(rule: Rule) -> RuleSummary:
    return RuleSummary(
        id=rule.id,
        title=rule.title,
        category=rule.category,
        action=rule.action,
        severity=rule.severity,
        mode=rule.mode,
        basis=str(rule.basis),
    )


def rule_detail(rule: Rule, rulebook: Rulebook, at: datetime) -> RuleDetail:
    citations = [
        Citation(
            regulation_title=regulation.title,
            version=regulation.version,
            authority=regulation.authority,
            jurisdiction=regulation.jurisdiction,
            article_title=article.title,
            article_text=article.text,
            in_force=regulation.in_force(article, at),
        )
        for regulation in rulebook.regulation_versions(rule.basis.regulation)
        if (article := regulation.article(rule.basis.article)) is not None
    ]
    return RuleDetail(
        **rule_summary(rule).model_dump(),
        description=rule.description,
        condition=describe(rule.condition),
        signals=sorted(signal_keys(rule.condition)),
        duration_seconds=None if rule.duration is None else rule.duration.total_seconds(),
        defined_at=rule.source,
        legal_basis=LegalBasisPublic(regulation=rule.basis.regulation, article=rule.basis.article, citations=citations),
    )


def describe(condition: Condition) -> str:
    """The condition in the words of the rule language: ``all of (…)``, ``lexicon illegal-goods-en``."""
    if isinstance(condition, SignalTest):
        limits = [
            f"score ≥ {condition.min_score:g}" if condition.min_score else "",
            f"count ≥ {condition.min_count}" if condition.min_count > 1 else "",
            f"distinct ≥ {condition.min_distinct}" if condition.min_distinct > 1 else "",
        ]
        shown = ", ".join(limit for limit in limits if limit)
        return f"{condition.detector} {condition.label}" + (f" ({shown})" if shown else "")
    if isinstance(condition, FieldTest):
        return f"{condition.field} {condition.op.value} {msgspec.json.encode(condition.value).decode()}"
    if isinstance(condition, Not):
        return f"not ({describe(condition.child)})"
    word = "all of" if isinstance(condition, AllOf) else "any of"
    assert isinstance(condition, AllOf | AnyOf)
    return f"{word} (" + "; ".join(describe(child) for child in condition.children) + ")"
