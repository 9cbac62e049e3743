"""Writing the statement of reasons for a restrictive decision (DSA Art. 17)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from netgov.core.actions import Action
from netgov.core.decision import Automation, LegalGround, RuleHit, Source, StatementOfReasons
from netgov.core.signals import Signal
from netgov.core.taxonomy import Category

_MEASURES = {
    Action.LABEL: "a label was added to the content",
    Action.RESTRICT_VISIBILITY: "the visibility of the content was restricted",
    Action.HOLD_FOR_REVIEW: "the content was withheld until a person reviews it",
    Action.REMOVE: "the content was removed",
    Action.SUSPEND_ACCOUNT: "the account was suspended",
}

# The appeal window DSA Art. 20(1) asks for at least: what "six months" stands for.
SIX_MONTHS_DAYS = 183.0


def redress(appeal_window_days: float = SIX_MONTHS_DAYS) -> tuple[str, ...]:
    """How to seek redress, with the appeal window this installation grants."""
    window = "six months" if appeal_window_days == SIX_MONTHS_DAYS else f"{appeal_window_days:g} days"
    return (
        "Internal complaint: you can appeal this decision to the platform, free of charge, within "
        f"{window}; a person who did not take the decision will review it (DSA Art. 20).",
        "Out-of-court settlement: you can refer the dispute to a certified out-of-court dispute "
        "settlement body (DSA Art. 21).",
        "Judicial redress: you can challenge the decision before the competent court.",
    )


REDRESS = redress()


def write_statement(
    *,
    decision_id: str,
    content_id: str,
    platform: str,
    action: Action,
    category: Category,
    hits: Sequence[RuleHit],
    signals: Sequence[Signal],
    source: Source,
    now: datetime,
    duration_until: datetime | None,
) -> StatementOfReasons:
    grounds = tuple({(h.legal_ground.regulation, h.legal_ground.article): h.legal_ground for h in hits}.values())
    return StatementOfReasons(
        decision_id=decision_id,
        content_id=content_id,
        platform=platform,
        measure=action,
        category=category,
        territorial_scope=tuple(sorted({g.jurisdiction for g in grounds})),
        duration_until=duration_until,
        facts=_facts(hits, signals),
        source=source,
        automated_detection=True,
        automated_decision=Automation.FULLY if action is not Action.HOLD_FOR_REVIEW else Automation.PARTIALLY,
        legal_grounds=grounds,
        explanation=_explanation(action, hits),
        redress=REDRESS,
        issued_at=now,
    )


def write_human_statement(
    *,
    decision_id: str,
    content_id: str,
    platform: str,
    measure: Action,
    category: Category,
    ground: LegalGround,
    facts: str,
    source: Source,
    automated_detection: bool,
    now: datetime,
    duration_until: datetime | None = None,
    appeal_window_days: float = SIX_MONTHS_DAYS,
) -> StatementOfReasons:
    """The statement for a decision a person took (a case, a platform's answer to a notice).

    ``automated_detection`` says whether automated means found the content (an engine hold
    a person then confirmed); the decision itself is never automated here.
    """
    return StatementOfReasons(
        decision_id=decision_id,
        content_id=content_id,
        platform=platform,
        measure=measure,
        category=category,
        territorial_scope=(ground.jurisdiction,),
        duration_until=duration_until,
        facts=facts,
        source=source,
        automated_detection=automated_detection,
        automated_decision=Automation.NOT_AUTOMATED,
        legal_grounds=(ground,),
        explanation=(
            f"A person reviewed the content and found that it falls under {ground.regulation} "
            f"Art. {ground.article} ({ground.article_title}); therefore {_MEASURES.get(measure, measure.value)}."
        ),
        redress=redress(appeal_window_days),
        issued_at=now,
    )


def _facts(hits: Sequence[RuleHit], signals: Sequence[Signal]) -> str:
    used = {key for hit in hits for key in hit.signals}
    parts = []
    for signal in signals:
        if signal.key not in used:
            continue
        entries = sorted({e.entry for e in signal.evidence if e.entry})[:5]
        listed = f" ({', '.join(repr(e) for e in entries)})" if entries else ""
        parts.append(f"the {signal.detector} check {signal.label!r} found {signal.count} match(es){listed}")
    if not parts:
        return "Automated checks found that the content meets the conditions of the rules cited."
    return "Automated checks found: " + "; ".join(parts) + "."


def _explanation(action: Action, hits: Sequence[RuleHit]) -> str:
    measure = _MEASURES.get(action, action.value)
    reasons = [
        f"rule {h.rule!r} ({h.title}) applies {h.legal_ground.regulation} Art. {h.legal_ground.article} "
        f"({h.legal_ground.article_title})"
        for h in hits
    ]
    return f"Because {'; '.join(reasons)}, {measure}. The content is considered illegal under the cited article."
