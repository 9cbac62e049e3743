"""Pure rules beside the case procedure: outcomes, referral statuses, deadline rules and
where escalations, take-overs and designations may go."""

from __future__ import annotations

import pytest

from netgov.core.taxonomy import Category
from netgov.errors import IllegalTransitionError, InvalidRequestError
from netgov.governance.case_outcomes import (
    APPEAL_DECISION_OUTCOMES,
    APPEAL_EARLY_CLOSE_OUTCOMES,
    DECISION_OUTCOMES,
    EARLY_CLOSE_OUTCOMES,
    CaseOutcome,
    check_outcome,
)
from netgov.governance.case_states import TRANSITIONS, CaseState, require_allowed
from netgov.governance.cases import CaseSource
from netgov.governance.deadline_rules import ANY, DeadlineRule, DeadlineRules, deadline_runs
from netgov.governance.escalation import in_subtree, is_above, parent_office
from netgov.governance.referrals import REFERRAL_TRANSITIONS, ReferralStatus, agency_name, check_referral_step
from netgov.governance.routing import JurisdictionTree, Office, OfficeDirectory

S = CaseState
REPORT = CaseSource.REPORT


@pytest.mark.parametrize("outcome", DECISION_OUTCOMES)
def test_a_decision_records_its_outcome(outcome: CaseOutcome) -> None:
    assert check_outcome(S.UNDER_REVIEW, S.DECIDED, outcome, source=REPORT) is outcome


@pytest.mark.parametrize("state", [S.FILED, S.INVESTIGATING, S.UNDER_REVIEW])
def test_closing_before_a_decision_needs_an_early_close_outcome(state: CaseState) -> None:
    assert check_outcome(state, S.CLOSED, CaseOutcome.WITHDRAWN, source=REPORT) is CaseOutcome.WITHDRAWN
    with pytest.raises(InvalidRequestError, match="none was given"):
        check_outcome(state, S.CLOSED, None, source=REPORT)
    with pytest.raises(InvalidRequestError, match="not violation"):
        check_outcome(state, S.CLOSED, CaseOutcome.VIOLATION, source=REPORT)


def test_closing_after_execution_keeps_the_decision_outcome() -> None:
    assert check_outcome(S.EXECUTED, S.CLOSED, None, source=REPORT) is None
    with pytest.raises(InvalidRequestError, match="takes no outcome"):
        check_outcome(S.EXECUTED, S.CLOSED, CaseOutcome.WITHDRAWN, source=REPORT)


def test_every_outcome_is_reachable_by_some_step() -> None:
    reachable = DECISION_OUTCOMES + EARLY_CLOSE_OUTCOMES + APPEAL_DECISION_OUTCOMES + APPEAL_EARLY_CLOSE_OUTCOMES
    assert set(reachable) == set(CaseOutcome)


@pytest.mark.parametrize("outcome", APPEAL_DECISION_OUTCOMES)
def test_an_appeal_case_is_decided_upheld_or_overturned(outcome: CaseOutcome) -> None:
    assert check_outcome(S.UNDER_REVIEW, S.DECIDED, outcome, source=CaseSource.APPEAL) is outcome


@pytest.mark.parametrize("source", [s for s in CaseSource if s is not CaseSource.APPEAL])
def test_only_an_appeal_case_takes_upheld_or_overturned(source: CaseSource) -> None:
    with pytest.raises(InvalidRequestError, match="needs one of violation"):
        check_outcome(S.UNDER_REVIEW, S.DECIDED, CaseOutcome.OVERTURNED, source=source)


def test_an_appeal_case_is_not_decided_by_violation_nor_closed_as_no_violation() -> None:
    with pytest.raises(InvalidRequestError, match=r"an appeal case .* needs one of upheld, overturned"):
        check_outcome(S.UNDER_REVIEW, S.DECIDED, CaseOutcome.VIOLATION, source=CaseSource.APPEAL)
    with pytest.raises(InvalidRequestError, match="withdrawn, duplicate, out_of_scope; not no_violation"):
        check_outcome(S.FILED, S.CLOSED, CaseOutcome.NO_VIOLATION, source=CaseSource.APPEAL)


def test_require_allowed_agrees_with_the_table() -> None:
    for source, targets in TRANSITIONS.items():
        for target in CaseState:
            if target in targets:
                require_allowed("c", source, target)
            else:
                with pytest.raises(IllegalTransitionError, match=f"Allowed from {source}"):
                    require_allowed("c", source, target)


def test_deadlines_run_until_a_decision_and_again_in_reconsideration() -> None:
    assert [s for s in CaseState if deadline_runs(s)] == [S.FILED, S.INVESTIGATING, S.UNDER_REVIEW, S.RECONSIDERATION]


def test_referral_statuses_end_in_concluded_or_declined() -> None:
    check_referral_step("r", ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED)
    with pytest.raises(IllegalTransitionError, match="it is final"):
        check_referral_step("r", ReferralStatus.CONCLUDED, ReferralStatus.IN_PROGRESS)
    finals = {status for status, nexts in REFERRAL_TRANSITIONS.items() if not nexts}
    assert finals == {ReferralStatus.CONCLUDED, ReferralStatus.DECLINED}


def test_an_agency_name_is_trimmed_and_bounded() -> None:
    assert agency_name("  police ") == "police"
    with pytest.raises(InvalidRequestError, match="at most 80"):
        agency_name("x" * 81)


def test_the_most_specific_deadline_rule_wins() -> None:
    rules = DeadlineRules(
        [
            DeadlineRule(category=ANY, source="report", working_hours=30, warn_hours=5),
            DeadlineRule(category="SCAMS_AND_FRAUD", source="report", working_hours=10, warn_hours=2),
        ]
    )
    assert rules.rule_for("SCAMS_AND_FRAUD", "report").working_hours == 10
    assert rules.rule_for("VIOLENCE", "report").working_hours == 16  # the built-in category rule beats (*, report)
    assert rules.rule_for("ANIMAL_WELFARE", "report").working_hours == 30
    assert rules.rule_for("ANIMAL_WELFARE", "hold").working_hours == 40
    assert rules.rule_for(Category.PROTECTION_OF_MINORS.value, "order").working_hours == 8


def test_a_deadline_rule_names_a_known_category_and_source() -> None:
    with pytest.raises(InvalidRequestError, match="category"):
        DeadlineRule(category="SPAM", source=ANY, working_hours=1, warn_hours=0)
    with pytest.raises(InvalidRequestError, match="source"):
        DeadlineRule(category=ANY, source="rumour", working_hours=1, warn_hours=0)
    with pytest.raises(InvalidRequestError, match="working_hours"):
        DeadlineRule(category=ANY, source=ANY, working_hours=float("nan"), warn_hours=0)


TREE = JurisdictionTree([("ex", None), ("ex.n", "ex"), ("ex.n.h", "ex.n"), ("ex.n.h.w", "ex.n.h"), ("ex.s", "ex")])
OFFICES = OfficeDirectory(
    TREE, [Office("o-ex", "ex"), Office("o-h", "ex.n.h"), Office("o-w", "ex.n.h.w"), Office("o-s", "ex.s")]
)


def test_a_breach_escalates_to_the_nearest_office_above() -> None:
    routed = parent_office(OFFICES, "o-w")
    assert routed is not None
    assert routed.office == "o-h"
    above_harbour = parent_office(OFFICES, "o-h")  # ex.n has no office: up to the national one
    assert above_harbour is not None
    assert above_harbour.office == "o-ex"
    assert parent_office(OFFICES, "o-ex") is None


def test_above_means_a_strict_ancestor_and_subtrees_include_their_root() -> None:
    assert is_above(OFFICES, "o-ex", "o-w")
    assert not is_above(OFFICES, "o-w", "o-w")
    assert not is_above(OFFICES, "o-s", "o-w")
    assert in_subtree(OFFICES, "o-w", "ex.n")
    assert in_subtree(OFFICES, "o-h", "ex.n.h")
    assert not in_subtree(OFFICES, "o-s", "ex.n")
