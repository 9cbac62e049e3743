"""Who may appeal, until when, one at a time, and how overturns count against deciders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgov.errors import ConflictError
from netgov.governance.appeals import (
    AppealStatus,
    overturn_rates,
    refuse_second_appeal,
    require_appealable_item,
    require_appealable_statement,
    require_resettle,
    require_within_window,
    settled_status,
    window_closes,
)
from netgov.governance.case_outcomes import CaseOutcome

DECIDED = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


def test_the_window_is_open_up_to_and_including_its_last_moment() -> None:
    closes = window_closes(DECIDED, 183)
    assert closes == DECIDED + timedelta(days=183)
    require_within_window(what="statement s", decided_at=DECIDED, window_days=183, at=closes)


def test_an_appeal_after_the_window_is_refused_with_the_date_it_closed() -> None:
    late = window_closes(DECIDED, 183) + timedelta(microseconds=1)
    with pytest.raises(ConflictError, match=r"statement s closed on 2026-07-12 12:00 UTC, 183 days after"):
        require_within_window(what="statement s", decided_at=DECIDED, window_days=183, at=late)


@given(st.floats(min_value=0.01, max_value=2000), st.floats(min_value=-5000, max_value=5000))
def test_the_window_refuses_exactly_the_moments_after_it_closes(days: float, offset_days: float) -> None:
    at = DECIDED + timedelta(days=offset_days)
    late = at > window_closes(DECIDED, days)
    try:
        require_within_window(what="x", decided_at=DECIDED, window_days=days, at=at)
        refused = False
    except ConflictError:
        refused = True
    assert refused == late


def test_only_a_statement_that_stands_can_be_appealed() -> None:
    require_appealable_statement(statement_id="s1", status="active")
    with pytest.raises(ConflictError, match="statement s1 is reverted"):
        require_appealable_statement(statement_id="s1", status="reverted")


@pytest.mark.parametrize(("outcome", "shown"), [(None, "not decided yet"), ("action_taken", "decided action_taken")])
def test_a_notifier_appeals_only_a_decision_not_to_act(outcome: str | None, shown: str) -> None:
    require_appealable_item(notice_id="n1", seq=2, outcome="no_action")
    with pytest.raises(ConflictError, match=f"item 2 of notice n1 is {shown}"):
        require_appealable_item(notice_id="n1", seq=2, outcome=outcome)


def test_a_second_appeal_names_the_first() -> None:
    refuse_second_appeal(what="statement s1", open_appeal=None)
    with pytest.raises(ConflictError, match="already has an open appeal, apl_1"):
        refuse_second_appeal(what="statement s1", open_appeal="apl_1")


def test_outcomes_settle_the_appeal() -> None:
    assert settled_status(CaseOutcome.UPHELD) is AppealStatus.UPHELD
    assert settled_status(CaseOutcome.OVERTURNED) is AppealStatus.OVERTURNED
    assert settled_status(CaseOutcome.WITHDRAWN) is AppealStatus.CLOSED
    assert [s for s in AppealStatus if s.open] == [AppealStatus.FILED]


def test_a_reconsideration_may_overturn_but_not_reinstate() -> None:
    require_resettle(appeal_id="a", current=AppealStatus.UPHELD, new=AppealStatus.OVERTURNED)
    with pytest.raises(ConflictError, match="cannot reinstate"):
        require_resettle(appeal_id="a", current=AppealStatus.OVERTURNED, new=AppealStatus.UPHELD)


def test_overturn_rates_count_against_the_decider_of_each_appeal() -> None:
    rates = overturn_rates(
        [
            ("rule:spam.x", "overturned", 3),
            ("rule:spam.x", "upheld", 1),
            ("rule:spam.x", "filed", 2),
            ("staff:ana", "upheld", 2),
            ("staff:bo", "closed", 1),
        ]
    )
    assert [(r.decider, r.appeals, r.decided, r.overturned, r.share) for r in rates] == [
        ("rule:spam.x", 6, 4, 3, 0.75),
        ("staff:ana", 2, 2, 0, 0.0),
        ("staff:bo", 1, 0, 0, None),
    ]
