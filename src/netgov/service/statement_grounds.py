"""Statements of reasons for decisions people take, grounded in the loaded rulebook.

    sor = human_statement(regulations=runtime.rulebook.regulations, platform="chirp",
                          content_id="p1", measure=Action.REMOVE, category=Category.SCAMS_AND_FRAUD,
                          source=Source.NOTICE, regulation="ex-fraud", article="4",
                          facts="...", automated_detection=False, at=now, decision_id="ntc_...",
                          appeal_window_days=settings.appeal_window_days)
    issue_statement(uow, issued=IssuedStatement(statement=sor, decided_by="staff:ana", ...), ...)

A person's decision must cite an article as an engine rule does (legality): the article is
looked up in the rulebook's regulations, in the version in force when the decision is
taken, and quoted in full so the statement stands on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import msgspec

from netgov.core.actions import Action
from netgov.core.decision import LegalGround, Source, StatementOfReasons
from netgov.core.regulation import Regulation
from netgov.core.statement import SIX_MONTHS_DAYS, write_human_statement
from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError


class StatementPolicy(msgspec.Struct, frozen=True, kw_only=True):
    """What issuing a statement takes from the installation (``Runtime.statement_policy``)."""

    regulations: Sequence[Regulation]
    appeal_window_days: float = SIX_MONTHS_DAYS
    strike_days: float = 365.0


def legal_ground(regulations: Sequence[Regulation], *, regulation: str, article: str, at: datetime) -> LegalGround:
    """The article ``regulation`` Art. ``article`` as in force at ``at``; InvalidRequestError otherwise."""
    versions = [r for r in regulations if r.id == regulation]
    if not versions:
        raise InvalidRequestError(f"regulation {regulation!r} is not in the rulebook")
    cited = [(r, a) for r in versions if (a := r.article(article)) is not None]
    if not cited:
        raise InvalidRequestError(f"regulation {regulation!r} has no article {article!r}")
    in_force = [(r, a) for r, a in cited if r.in_force(a, at)]
    if not in_force:
        raise InvalidRequestError(f"{regulation} Art. {article} is not in force at {at.isoformat()}")
    version, cited_article = max(in_force, key=lambda pair: pair[0].effective_from)
    return LegalGround(
        regulation=version.id,
        regulation_title=version.title,
        version=version.version,
        authority=version.authority,
        jurisdiction=version.jurisdiction,
        article=cited_article.number,
        article_title=cited_article.title,
        article_text=cited_article.text,
    )


def human_statement(
    *,
    regulations: Sequence[Regulation],
    platform: str,
    content_id: str,
    measure: Action,
    category: Category,
    source: Source,
    regulation: str,
    article: str,
    facts: str,
    automated_detection: bool,
    at: datetime,
    decision_id: str,
    duration_until: datetime | None = None,
    appeal_window_days: float = SIX_MONTHS_DAYS,
) -> StatementOfReasons:
    """The statement of reasons for a restrictive decision a person took (never automated)."""
    if not measure.is_restrictive:
        raise InvalidRequestError(f"{measure.value!r} restricts nothing: a statement of reasons needs a measure")
    if not facts.strip():
        raise InvalidRequestError("a statement of reasons needs the facts the decision relies on")
    if duration_until is not None and duration_until <= at:
        raise InvalidRequestError("a measure's end must come after the decision")
    ground = legal_ground(regulations, regulation=regulation, article=article, at=at)
    return write_human_statement(
        decision_id=decision_id,
        content_id=content_id,
        platform=platform,
        measure=measure,
        category=category,
        ground=ground,
        facts=facts.strip(),
        source=source,
        automated_detection=automated_detection,
        now=at,
        duration_until=duration_until,
        appeal_window_days=appeal_window_days,
    )
