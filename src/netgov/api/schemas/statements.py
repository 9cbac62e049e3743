"""The bodies of the statements API: one statement of reasons as its readers see it, and pages."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from netgov.core.actions import Action
from netgov.core.decision import Automation, Source
from netgov.core.taxonomy import Category
from netgov.service.statement_reads import StatementView


class LegalGroundPublic(BaseModel):
    regulation: str
    regulation_title: str
    version: str
    authority: str
    jurisdiction: str
    article: str
    article_title: str
    article_text: str = Field(description="The article's full text, so the statement stands on its own")


class StatementPublic(BaseModel):
    id: str
    platform: str
    content_id: str
    account_id: str | None = Field(description="The affected account, when known; to the platform only")
    decision_id: str | None = Field(description="The engine decision it explains, if it was one")
    case_id: str | None = Field(description="The case whose decision it explains, if any")
    notice_id: str | None = Field(description="The notice the platform acted on, if any")
    measure: Action = Field(description="What was done")
    category: Category
    territorial_scope: list[str] = Field(description="Jurisdictions the measure applies in")
    ends_at: datetime | None = Field(description="When a temporary measure ends; null: indefinite")
    facts: str = Field(description="The facts and circumstances relied on")
    explanation: str
    source: Source = Field(description="Own initiative, a notice, a trusted flagger's notice, or an authority order")
    automated_detection: bool = Field(description="Whether automated means found the content")
    automated_decision: Automation = Field(description="Whether the decision was taken by automated means")
    legal_grounds: list[LegalGroundPublic]
    redress: list[str] = Field(description="How to appeal: internal complaint, out-of-court settlement, court")
    issued_at: datetime
    status: str = Field(description="active, or reverted once the decision was overturned or released")
    reverted_at: datetime | None
    portal_url: str | None = Field(
        description="The page the affected account opens (with its token); given to the platform only"
    )

    @classmethod
    def of(cls, found: StatementView) -> StatementPublic:
        fields = {name: getattr(found, name) for name in found.__struct_fields__}
        grounds = [LegalGroundPublic(**{n: getattr(g, n) for n in g.__struct_fields__}) for g in found.legal_grounds]
        return cls(**(fields | {"legal_grounds": grounds}))


class StatementList(BaseModel):
    statements: list[StatementPublic] = Field(description="Newest first")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last")
    total: int = Field(description="Statements matching the filters, across pages")
