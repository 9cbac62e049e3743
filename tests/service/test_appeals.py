"""Appeals of the affected account: filed with the token or by the platform, routed to a human
who did not decide, and settled upheld (nothing reverts) or overturned (the decision is
reverted, its strikes lifted, the platform told to undo it)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netgov.core.actions import Action
from netgov.errors import ConflictError, NotFoundError, PermissionDeniedError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.identity.principal import Principal
from netgov.service.api_keys import authenticate_key
from netgov.service.appeal_views import appeal_of_statement, appeal_stats
from netgov.service.appeals import ByAffectedAccount, ByPlatform
from netgov.service.cases import take_case
from netgov.service.permissions import SYSTEM
from tests.service import cases_country
from tests.service.appeal_support import (
    appeal,
    decide,
    effects_of_appeal,
    file,
    staff_id,
    statement,
    stored_statement,
    strikes,
)
from tests.service.cases_country import EAST, Country
from tests.service_world import World

country = cases_country.country
RULE = "rule:scam.fraud-solicitation"


def _token(country: Country, decided_by: str = RULE, **fields: object) -> ByAffectedAccount:
    row = statement(country, decided_by=decided_by, **fields)  # type: ignore[arg-type]
    return ByAffectedAccount(statement_id=row.id, token=row.access_token)


def _platform(world: World, platform: str) -> Principal:
    with world.runtime.uow() as uow:
        return authenticate_key(uow, world.keys[platform]).principal


def test_the_account_appeals_with_its_token_and_a_case_opens_where_the_content_is(country: Country) -> None:
    by = _token(country)
    filed = file(country.world, by, at=country.at)
    assert (filed.status, filed.appellant, filed.original_decider) == ("filed", "affected_account", RULE)
    case = country.case(filed.case_id or "")
    assert (case.source, case.source_ref, case.state) == ("appeal", filed.id, "filed")
    assert case.office_id == country.office("east")
    assert country.username(case.assignee_id) == "officer_east"
    assert case.recused is None  # a rule recuses nobody; the case is human work all the same
    assert (case.regulation, case.article) == ("MOSR", "7")


def test_a_wrong_token_is_answered_as_an_unknown_statement(country: Country) -> None:
    by = _token(country)
    answers = []
    for wrong in (
        ByAffectedAccount(statement_id=by.statement_id, token="x" * 32),
        ByAffectedAccount(statement_id="sor_none", token=by.token),
    ):
        with pytest.raises(NotFoundError) as refused:
            file(country.world, wrong, at=country.at)
        answers.append(str(refused.value))
    assert answers[0] == answers[1]


def test_a_second_appeal_is_refused_naming_the_first(country: Country) -> None:
    by = _token(country)
    first = file(country.world, by, at=country.at)
    with pytest.raises(ConflictError, match=f"already has an open appeal, {first.id}"):
        file(country.world, by, at=country.at)


def test_an_appeal_after_the_window_is_refused_with_the_date_it_closed(country: Country) -> None:
    by = _token(country)
    closes = country.at + timedelta(days=country.world.runtime.settings.appeal_window_days)
    with pytest.raises(ConflictError, match=f"closed on {closes:%Y-%m-%d %H:%M} UTC"):
        file(country.world, by, at=closes + timedelta(seconds=1))
    assert file(country.world, by, at=closes).status == "filed"


def test_an_appeal_needs_its_reasons(country: Country) -> None:
    with pytest.raises(Exception, match="an appeal needs its reasons"):
        file(country.world, _token(country), at=country.at, reason="  ")


def test_a_reviewers_decision_is_appealed_to_someone_else_in_the_same_office(country: Country) -> None:
    country.seat("reviewer_east", "east", EAST)
    decided = country.open(EAST)
    by = _token(country, decided_by=f"staff:{country.name('officer_east')}", case_id=decided.id)
    filed = file(country.world, by, at=country.at)
    case = country.case(filed.case_id or "")
    assert case.office_id == decided.office_id
    assert country.username(case.assignee_id) == "reviewer_east"
    assert case.recused == f" {staff_id(country, 'officer_east')} "
    with pytest.raises(PermissionDeniedError, match="recused"):
        country.run(take_case, "officer_east", case_id=case.id)
    with pytest.raises(PermissionDeniedError, match="recused"):
        decide(country, "officer_east", case.id, CaseOutcome.OVERTURNED)


def test_the_decider_cannot_decide_the_appeal_even_as_supervisor(country: Country) -> None:
    decided = country.open("")
    by = _token(country, decided_by=f"staff:{country.name('supervisor')}", case_id=decided.id)
    case = country.case(file(country.world, by, at=country.at).case_id or "")
    assert case.office_id == country.office("ex")
    assert case.assignee_id is None  # the national office's only member decided
    with pytest.raises(PermissionDeniedError, match="is recused from case"):
        country.step("supervisor", case.id, CaseState.INVESTIGATING)


def test_an_overturn_reverts_the_statement_lifts_its_strikes_and_restores_the_content(country: Country) -> None:
    by = _token(country)
    filed = file(country.world, by, at=country.at)
    country.at += timedelta(days=2)
    decide(country, "officer_east", filed.case_id or "", CaseOutcome.OVERTURNED, "a warning, not a scam")
    settled = appeal(country.world, filed.id)
    assert (settled.status, settled.outcome_reason) == ("overturned", "a warning, not a scam")
    assert (settled.decided_by, settled.decided_at) == (f"staff:{country.name('officer_east')}", country.at)
    reverted = stored_statement(country.world, by.statement_id)
    assert (reverted.status, reverted.reverted_at) == ("reverted", country.at)
    (strike,) = strikes(country.world, by.statement_id)
    assert (strike.lifted_at, strike.lift_reason) == (country.at, "a warning, not a scam")
    (effect,) = effects_of_appeal(country.world, filed.id)
    assert (effect.kind, effect.platform_id, effect.content_id) == ("restore_content", "chirp", reverted.content_id)
    assert (effect.statement_id, effect.account_id, effect.case_id) == (reverted.id, reverted.account_id, filed.case_id)


def test_an_overturned_suspension_lifts_the_account_restriction(country: Country) -> None:
    filed = file(country.world, _token(country, measure=Action.SUSPEND_ACCOUNT), at=country.at)
    decide(country, "officer_east", filed.case_id or "", CaseOutcome.OVERTURNED)
    assert [e.kind for e in effects_of_appeal(country.world, filed.id)] == ["lift_account_restriction"]


def test_an_upheld_appeal_reverts_nothing_and_the_appellant_reads_why(country: Country) -> None:
    by = _token(country)
    filed = file(country.world, by, at=country.at)
    decide(country, "officer_east", filed.case_id or "", CaseOutcome.UPHELD, "the post is the scam itself")
    assert stored_statement(country.world, by.statement_id).status == "active"
    assert effects_of_appeal(country.world, filed.id) == []
    assert all(strike.lifted_at is None for strike in strikes(country.world, by.statement_id))
    with country.world.runtime.uow() as uow:
        seen = appeal_of_statement(uow, by.statement_id)
    assert seen is not None
    assert (seen.status, seen.outcome_reason) == ("upheld", "the post is the scam itself")


def test_a_reverted_statement_cannot_be_appealed_again(country: Country) -> None:
    by = _token(country)
    decide(country, "officer_east", file(country.world, by, at=country.at).case_id or "", CaseOutcome.OVERTURNED)
    with pytest.raises(ConflictError, match="is reverted: only a decision that still stands"):
        file(country.world, by, at=country.at)


def test_an_upheld_appeal_may_be_overturned_on_reconsideration_but_not_back(country: Country) -> None:
    by = _token(country)
    case_id = file(country.world, by, at=country.at).case_id or ""
    decide(country, "officer_east", case_id, CaseOutcome.UPHELD)
    country.step("officer_east", case_id, CaseState.RECONSIDERATION)
    country.step("officer_east", case_id, CaseState.UNDER_REVIEW)
    country.step("officer_east", case_id, CaseState.DECIDED, CaseOutcome.OVERTURNED)
    assert stored_statement(country.world, by.statement_id).status == "reverted"
    country.step("officer_east", case_id, CaseState.RECONSIDERATION)
    country.step("officer_east", case_id, CaseState.UNDER_REVIEW)
    with pytest.raises(ConflictError, match="cannot reinstate"):
        country.step("officer_east", case_id, CaseState.DECIDED, CaseOutcome.UPHELD)


def test_an_appeal_closed_early_is_closed_and_another_may_be_filed(country: Country) -> None:
    by = _token(country)
    first = file(country.world, by, at=country.at)
    country.step("officer_east", first.case_id or "", CaseState.CLOSED, CaseOutcome.WITHDRAWN)
    assert appeal(country.world, first.id).status == "closed"
    assert file(country.world, by, at=country.at).id != first.id


def test_the_platform_appeals_for_its_account_and_no_other_platform_can(country: Country) -> None:
    row = statement(country, decided_by=RULE)
    with pytest.raises(PermissionDeniedError, match="platform chirp"):
        file(country.world, ByPlatform(actor=_platform(country.world, "marketly"), statement_id=row.id), at=country.at)
    filed = file(country.world, ByPlatform(actor=_platform(country.world, "chirp"), statement_id=row.id), at=country.at)
    assert filed.statement_id == row.id


def test_overturns_count_against_the_rule_and_the_reviewer_that_decided(country: Country) -> None:
    rule, reviewer = f"rule:{country.code}.rule", f"staff:{country.name('officer_north')}"
    for decided_by, outcome in [
        (rule, CaseOutcome.OVERTURNED),
        (rule, CaseOutcome.UPHELD),
        (reviewer, CaseOutcome.OVERTURNED),
    ]:
        filed = file(country.world, _token(country, decided_by=decided_by), at=country.at)
        decide(country, "officer_east", filed.case_id or "", outcome)
    file(country.world, _token(country, decided_by=rule), at=country.at)
    with country.world.runtime.uow() as uow:
        rates = {rate.decider: rate for rate in appeal_stats(uow, actor=SYSTEM)}
        seen_by_auditor = {rate.decider for rate in appeal_stats(uow, actor=country.staff("auditor"))}
    assert (rates[rule].appeals, rates[rule].decided, rates[rule].overturned, rates[rule].share) == (3, 2, 1, 0.5)
    assert (rates[reviewer].decided, rates[reviewer].share) == (1, 1.0)
    assert {rule, reviewer} <= seen_by_auditor


def test_a_platform_cannot_read_the_overturn_rates(country: Country) -> None:
    with country.world.runtime.uow() as uow, pytest.raises(PermissionDeniedError):
        appeal_stats(uow, actor=_platform(country.world, "chirp"))
