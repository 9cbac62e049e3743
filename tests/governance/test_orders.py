"""Orders as pure rules: the steps an order may take, the effects each kind may report, what
a draft must carry, and when a reminder or an escalation is due."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgov.core.regulation import Article, Regulation
from netgov.errors import ConflictError, InvalidRequestError
from netgov.governance.orders import (
    REMINDER_LEAD,
    TRANSITIONS,
    Effect,
    EffectReport,
    OrderDraft,
    OrderItem,
    OrderKind,
    OrderStatus,
    RequestedAction,
    check_draft,
    check_effect,
    check_step,
    escalation_due,
    is_overdue,
    reminder_due,
    reminder_lead,
)

NOW = datetime(2026, 6, 1, 9, tzinfo=UTC)
LAW = Regulation(
    id="LAW",
    title="A law",
    authority="Parliament",
    jurisdiction="ex",
    version="1",
    effective_from=datetime(2025, 1, 1, tzinfo=UTC),
    articles=(Article(number="4", title="Orders", text="…"),),
)
# A second version whose new article 5 comes into force only in 2027.
LAW_LATER = msgspec.structs.replace(
    LAW,
    version="2",
    articles=(Article(number="5", title="Later", text="…", effective_from=datetime(2027, 1, 1, tzinfo=UTC)),),
)
DRAFT = OrderDraft(
    kind=OrderKind.ACT,
    regulation="LAW",
    article="4",
    provisions=("LAW Art. 4(2)",),
    reasons="illegal goods offered",
    items=(OrderItem(content_id="p1"),),
    territorial_scope=("ex.north",),
    deadline=NOW + timedelta(days=1),
    redress="appeal to the courts",
    action_requested=RequestedAction.REMOVE,
)
JURISDICTIONS = {"ex", "ex.north", "ex.north.harbour", "ex.south"}


def _check(draft: OrderDraft, *, issuing: str = "ex.north") -> None:
    check_draft(draft, at=NOW, issuing_jurisdiction=issuing, jurisdictions=JURISDICTIONS, regulations=[LAW, LAW_LATER])


def test_a_complete_draft_passes() -> None:
    _check(DRAFT)


def test_the_statuses_that_close_an_order_lead_nowhere() -> None:
    closed = [status for status in OrderStatus if not status.open]
    assert sorted(closed) == sorted(["executed", "answered", "not_executed", "withdrawn"])
    assert all(TRANSITIONS[status] == () for status in closed)


@given(st.sampled_from(OrderStatus), st.sampled_from(OrderStatus))
def test_a_step_is_allowed_exactly_when_the_table_lists_it(current: OrderStatus, target: OrderStatus) -> None:
    if target in TRANSITIONS[current]:
        check_step("ord_1", current, target)
    else:
        with pytest.raises(ConflictError, match="ord_1"):
            check_step("ord_1", current, target)


@given(st.lists(st.sampled_from(OrderStatus), max_size=8))
def test_any_sequence_of_attempts_ends_in_a_status_reached_through_the_table(attempts: list[OrderStatus]) -> None:
    status, path = OrderStatus.ISSUED, [OrderStatus.ISSUED]
    for target in attempts:
        try:
            check_step("ord_1", status, target)
        except ConflictError:
            continue
        status = target
        path.append(status)
    assert all(b in TRANSITIONS[a] for a, b in itertools.pairwise(path))
    assert len(path) <= 3


def test_an_article_not_in_force_is_refused_with_the_articles_there_are() -> None:
    with pytest.raises(InvalidRequestError, match=r"article: LAW has no article 5 in force \(articles: 4, 5\)"):
        _check(msgspec.structs.replace(DRAFT, article="5"))


def test_a_scope_may_not_reach_beyond_the_office() -> None:
    with pytest.raises(InvalidRequestError, match=r"ex lies outside the issuing office's jurisdiction ex\.north"):
        _check(msgspec.structs.replace(DRAFT, territorial_scope=("ex",)))
    _check(msgspec.structs.replace(DRAFT, territorial_scope=("ex.north", "ex.north.harbour")))


def test_a_naive_deadline_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="deadline_at: must carry a timezone"):
        _check(msgspec.structs.replace(DRAFT, deadline=datetime(2026, 6, 2, 9)))


@pytest.mark.parametrize(
    ("kind", "effect", "status"),
    [
        (OrderKind.ACT, Effect.REMOVED, OrderStatus.EXECUTED),
        (OrderKind.ACT, Effect.ACCESS_DISABLED, OrderStatus.EXECUTED),
        (OrderKind.ACT, Effect.RESTRICTED, OrderStatus.EXECUTED),
        (OrderKind.INFORMATION, Effect.INFORMATION_PROVIDED, OrderStatus.ANSWERED),
        (OrderKind.INFORMATION, Effect.NOT_EXECUTED, OrderStatus.NOT_EXECUTED),
    ],
)
def test_each_effect_closes_the_order_with_its_status(kind: OrderKind, effect: Effect, status: OrderStatus) -> None:
    report = EffectReport(effect=effect, effect_at=NOW, details="why")
    assert check_effect("ord_1", kind, report, issued_at=NOW - timedelta(hours=1), at=NOW) is status


def test_an_act_order_is_not_answered_with_information() -> None:
    report = EffectReport(effect=Effect.INFORMATION_PROVIDED, effect_at=NOW)
    with pytest.raises(InvalidRequestError, match="effect: an act order's effect is one of removed"):
        check_effect("ord_1", OrderKind.ACT, report, issued_at=NOW - timedelta(hours=1), at=NOW)


def test_the_reminder_lead_is_a_day_or_a_fifth_of_the_time_given() -> None:
    assert reminder_lead(NOW, NOW + timedelta(days=10)) == REMINDER_LEAD
    assert reminder_lead(NOW, NOW + timedelta(hours=10)) == timedelta(hours=2)


@given(
    st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=60)),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=70)),
)
def test_a_reminder_is_due_only_before_the_deadline_within_the_lead(window: timedelta, elapsed: timedelta) -> None:
    deadline, at = NOW + window, NOW + elapsed
    due = reminder_due(OrderStatus.ISSUED, issued_at=NOW, deadline=deadline, reminded_at=None, at=at)
    assert due == (at < deadline and deadline - at <= reminder_lead(NOW, deadline))
    assert not reminder_due(OrderStatus.ISSUED, issued_at=NOW, deadline=deadline, reminded_at=NOW, at=at)
    assert not reminder_due(OrderStatus.EXECUTED, issued_at=NOW, deadline=deadline, reminded_at=None, at=at)
    assert not (due and is_overdue(OrderStatus.ISSUED, deadline=deadline, at=at))


def test_only_open_orders_fall_overdue_and_escalate_once() -> None:
    late = NOW + timedelta(seconds=1)
    assert is_overdue(OrderStatus.ACKNOWLEDGED, deadline=NOW, at=late)
    assert not is_overdue(OrderStatus.ACKNOWLEDGED, deadline=NOW, at=NOW)
    assert not is_overdue(OrderStatus.WITHDRAWN, deadline=NOW, at=late)
    assert escalation_due(OrderStatus.ISSUED, deadline=NOW, escalated_at=None, at=late)
    assert not escalation_due(OrderStatus.ISSUED, deadline=NOW, escalated_at=late, at=late)
