"""A case decided against content issues a person's statement of reasons and tells the
platform to carry it out; a hold found to be no violation is released."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import msgspec
import pytest
from sqlalchemy import select

from netgov.core.content import Account, Content
from netgov.core.decision import Automation, Source, StatementOfReasons
from netgov.errors import InvalidRequestError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.service.cases import step_case
from netgov.service.intake_batch import Item
from netgov.store.tables import CaseRow, PlatformEffectRow, StatementRow, StrikeRow
from tests.service import cases_country
from tests.service.cases_country import Country
from tests.service.support import SCAM, submit

country = cases_country.country
S = CaseState


def _held(country: Country, content_id: str, *, account: str = "u-held") -> str:
    """Submit a scam the engine holds; the held decision's id."""
    content = Content(id=content_id, platform="chirp", text=SCAM, account=Account(id=account))
    (outcome,) = submit(country.world, Item(content=content, jurisdiction=None, actor="platform:chirp"))
    return outcome.decision_id


def _hold_case(country: Country, content_id: str) -> CaseRow:
    decision_id = _held(country, content_id)
    return _case(country, CaseSource.HOLD, content_id, source_ref=decision_id, decision_id=decision_id)


def _case(country: Country, source: CaseSource, content_id: str | None, **fields: Any) -> CaseRow:
    values: dict[str, Any] = {"platform_id": "chirp", "content_id": content_id, "regulation": "MOSR", "article": "7"}
    return country.open(source=source, **(values | fields))


def _decide(country: Country, case_id: str, outcome: CaseOutcome) -> None:
    country.step("officer_east", case_id, S.INVESTIGATING)
    country.step("officer_east", case_id, S.UNDER_REVIEW)
    country.step("officer_east", case_id, S.DECIDED, outcome)


def _statements(country: Country, **where: Any) -> list[StatementRow]:
    query = select(StatementRow).filter_by(**where).order_by(StatementRow.issued_at, StatementRow.id)
    with country.world.runtime.uow() as uow:
        return list(uow.session.scalars(query))


def _effects(country: Country, case_id: str) -> list[str]:
    query = select(PlatformEffectRow.kind).where(PlatformEffectRow.case_id == case_id).order_by(PlatformEffectRow.seq)
    with country.world.runtime.uow() as uow:
        return list(uow.session.scalars(query))


def _strikes(country: Country, statement_id: str) -> list[StrikeRow]:
    with country.world.runtime.uow() as uow:
        return list(uow.session.scalars(select(StrikeRow).where(StrikeRow.statement_id == statement_id)))


def test_a_hold_decided_a_violation_removes_the_content_with_a_persons_statement(country: Country) -> None:
    case = _hold_case(country, f"{country.code}-hold-v")
    _decide(country, case.id, CaseOutcome.VIOLATION)
    (row,) = _statements(country, case_id=case.id)
    assert (row.measure, row.source, row.automated_decision) == ("remove", "own_initiative", "not_automated")
    assert (row.automated_detection, row.decided_by, row.account_id) == (
        True,
        f"staff:{country.name('officer_east')}",
        "u-held",
    )
    sor = msgspec.json.decode(row.document, type=StatementOfReasons)
    assert (sor.legal_grounds[0].regulation, sor.legal_grounds[0].article) == ("MOSR", "7")
    assert sor.automated_decision is Automation.NOT_AUTOMATED
    assert sor.facts == "to decided"
    assert _effects(country, case.id) == ["remove"]
    assert [s.weight for s in _strikes(country, row.id)] == [2]


def test_a_partial_violation_restricts_visibility(country: Country) -> None:
    case = _case(country, CaseSource.REPORT, f"{country.code}-partial")
    _decide(country, case.id, CaseOutcome.PARTIAL_VIOLATION)
    (row,) = _statements(country, case_id=case.id)
    assert (row.measure, row.source, row.automated_detection) == ("restrict_visibility", "notice", False)
    assert _effects(country, case.id) == ["restrict_visibility"]


@pytest.mark.parametrize(
    ("source", "flagged", "expected"),
    [
        (CaseSource.REPORT, True, Source.TRUSTED_FLAGGER),
        (CaseSource.ORDER, False, Source.AUTHORITY_ORDER),
        (CaseSource.INSPECTION, False, Source.OWN_INITIATIVE),
    ],
)
def test_the_statement_names_how_the_content_came_to_be_looked_at(
    country: Country, source: CaseSource, flagged: bool, expected: Source
) -> None:
    case = _case(country, source, f"{country.code}-{source}", trusted_flagger=flagged)
    _decide(country, case.id, CaseOutcome.VIOLATION)
    (row,) = _statements(country, case_id=case.id)
    assert row.source == expected.value


def test_content_the_platform_never_submitted_has_no_known_account(country: Country) -> None:
    case = _case(country, CaseSource.REPORT, f"{country.code}-unknown")
    _decide(country, case.id, CaseOutcome.VIOLATION)
    (row,) = _statements(country, case_id=case.id)
    assert row.account_id is None
    assert _strikes(country, row.id) == []


def test_a_case_about_no_content_issues_nothing(country: Country) -> None:
    case = _case(country, CaseSource.REPORT, None, platform_id=None)
    _decide(country, case.id, CaseOutcome.VIOLATION)
    assert _statements(country, case_id=case.id) == []
    assert _effects(country, case.id) == []


def test_a_hold_closed_as_no_violation_is_released(country: Country) -> None:
    case = _hold_case(country, f"{country.code}-hold-ok")
    country.step("officer_east", case.id, S.CLOSED, CaseOutcome.NO_VIOLATION)
    (hold,) = _statements(country, decision_id=case.decision_id)
    assert (hold.status, hold.reverted_at) == ("reverted", country.at)
    assert _effects(country, case.id) == ["restore_content"]
    assert _statements(country, case_id=case.id) == []


def test_a_report_found_no_violation_tells_the_platform_nothing(country: Country) -> None:
    case = _case(country, CaseSource.REPORT, f"{country.code}-report-ok")
    _decide(country, case.id, CaseOutcome.NO_VIOLATION)
    assert _effects(country, case.id) == []


def test_a_reconsideration_that_finds_no_violation_reverts_the_earlier_decision(country: Country) -> None:
    case = _hold_case(country, f"{country.code}-reconsider")
    _decide(country, case.id, CaseOutcome.VIOLATION)
    country.step("officer_east", case.id, S.RECONSIDERATION)
    country.step("officer_east", case.id, S.UNDER_REVIEW)
    country.step("officer_east", case.id, S.DECIDED, CaseOutcome.NO_VIOLATION)
    (removal,) = _statements(country, case_id=case.id)
    assert removal.status == "reverted"
    assert [s.lifted_at for s in _strikes(country, removal.id)] == [country.at]
    (hold,) = _statements(country, decision_id=case.decision_id)
    assert hold.status == "reverted"
    assert _effects(country, case.id) == ["remove", "restore_content"]


def test_a_reconsideration_that_softens_the_measure_restores_before_restricting(country: Country) -> None:
    case = _case(country, CaseSource.ORDER, f"{country.code}-soften")
    _decide(country, case.id, CaseOutcome.VIOLATION)
    country.at += timedelta(hours=1)
    country.step("officer_east", case.id, S.RECONSIDERATION)
    country.step("officer_east", case.id, S.UNDER_REVIEW)
    country.step("officer_east", case.id, S.DECIDED, CaseOutcome.PARTIAL_VIOLATION)
    assert [(r.measure, r.status) for r in _statements(country, case_id=case.id)] == [
        ("remove", "reverted"),
        ("restrict_visibility", "active"),
    ]
    assert _effects(country, case.id) == ["remove", "restore_content", "restrict_visibility"]


def test_an_article_the_rulebook_lacks_refuses_the_decision_and_writes_nothing(country: Country) -> None:
    case = _case(country, CaseSource.REPORT, f"{country.code}-no-article", regulation="DSA", article="16")
    country.step("officer_east", case.id, S.INVESTIGATING)
    country.step("officer_east", case.id, S.UNDER_REVIEW)
    with pytest.raises(InvalidRequestError, match="'DSA' is not in the rulebook"):
        country.step("officer_east", case.id, S.DECIDED, CaseOutcome.VIOLATION)
    assert country.case(case.id).state == "under_review"
    assert _effects(country, case.id) == []


def test_deciding_against_content_without_the_statement_policy_is_a_programming_error(country: Country) -> None:
    case = _case(country, CaseSource.REPORT, f"{country.code}-no-policy")
    country.step("officer_east", case.id, S.INVESTIGATING)
    country.step("officer_east", case.id, S.UNDER_REVIEW)
    with country.world.runtime.uow(write=True) as uow, pytest.raises(RuntimeError, match="policy"):
        step_case(
            uow,
            actor=country.staff("officer_east"),
            case_id=case.id,
            to=S.DECIDED,
            reason="decided",
            outcome=CaseOutcome.VIOLATION,
            at=country.at,
        )
