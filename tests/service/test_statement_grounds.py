from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from netgov import Rulebook
from netgov.core.actions import Action
from netgov.core.decision import Automation, Source, StatementOfReasons
from netgov.core.statement import REDRESS, redress
from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError
from netgov.service.statement_grounds import human_statement, legal_ground

AT = datetime(2025, 6, 1, tzinfo=UTC)


def _statement(bundled: Rulebook, **changes: Any) -> StatementOfReasons:
    arguments: dict[str, Any] = {
        "regulations": bundled.regulations,
        "platform": "chirp",
        "content_id": "p1",
        "measure": Action.REMOVE,
        "category": Category.SCAMS_AND_FRAUD,
        "source": Source.NOTICE,
        "regulation": "MOSR",
        "article": "7",
        "facts": "The post asks for gift cards in exchange for a prize.",
        "automated_detection": False,
        "at": AT,
        "decision_id": "ntc_1",
    }
    return human_statement(**(arguments | changes))


def test_a_human_statement_quotes_the_article_in_force_and_is_not_automated(bundled: Rulebook) -> None:
    sor = _statement(bundled)
    ground = sor.legal_grounds[0]
    assert (ground.regulation, ground.article, ground.article_title) == ("MOSR", "7", "Fraud and scams")
    assert "fraudulent scheme" in ground.article_text
    assert sor.automated_decision is Automation.NOT_AUTOMATED
    assert sor.territorial_scope == (ground.jurisdiction,)
    assert sor.redress == REDRESS


def test_the_appeal_window_in_the_redress_text_follows_the_setting(bundled: Rulebook) -> None:
    sor = _statement(bundled, appeal_window_days=90.0)
    assert "within 90 days" in sor.redress[0]
    assert "within six months" in redress()[0]


def test_an_engine_hold_confirmed_by_a_person_keeps_automated_detection(bundled: Rulebook) -> None:
    sor = _statement(bundled, automated_detection=True, source=Source.OWN_INITIATIVE)
    assert sor.automated_detection is True
    assert sor.automated_decision is Automation.NOT_AUTOMATED


@pytest.mark.parametrize(
    ("regulation", "article", "named"),
    [("NOPE", "7", "'NOPE'"), ("MOSR", "999", "'999'")],
)
def test_an_article_unknown_to_the_rulebook_is_refused_by_name(
    bundled: Rulebook, regulation: str, article: str, named: str
) -> None:
    with pytest.raises(InvalidRequestError, match=named):
        legal_ground(bundled.regulations, regulation=regulation, article=article, at=AT)


def test_an_article_not_yet_in_force_is_refused(bundled: Rulebook) -> None:
    with pytest.raises(InvalidRequestError, match="not in force"):
        legal_ground(bundled.regulations, regulation="MOSR", article="7", at=datetime(2000, 1, 1, tzinfo=UTC))


def test_allow_is_no_measure_and_needs_no_statement(bundled: Rulebook) -> None:
    with pytest.raises(InvalidRequestError, match="restricts nothing"):
        _statement(bundled, measure=Action.ALLOW)


def test_a_statement_without_facts_is_refused(bundled: Rulebook) -> None:
    with pytest.raises(InvalidRequestError, match="facts"):
        _statement(bundled, facts="  ")


def test_a_measure_ending_before_the_decision_is_refused(bundled: Rulebook) -> None:
    with pytest.raises(InvalidRequestError, match="after the decision"):
        _statement(bundled, duration_until=AT - timedelta(days=1))
