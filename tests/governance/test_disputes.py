"""Out-of-court disputes: 90 days, 180 when complex; overdue is computed; one outcome."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgov.errors import ConflictError
from netgov.governance.disputes import DisputeOutcome, deadline, is_overdue, require_open

FILED = datetime(2026, 3, 1, tzinfo=UTC)


def test_a_dispute_is_due_in_90_days_and_a_complex_one_in_180() -> None:
    assert deadline(FILED, complex=False) == datetime(2026, 5, 30, tzinfo=UTC)
    assert deadline(FILED, complex=True) == datetime(2026, 8, 28, tzinfo=UTC)


def test_overdue_only_while_open_and_past_the_deadline() -> None:
    due = deadline(FILED, complex=False)
    assert not is_overdue(deadline_at=due, closed_at=None, at=due)
    assert is_overdue(deadline_at=due, closed_at=None, at=due + timedelta(seconds=1))
    assert not is_overdue(deadline_at=due, closed_at=due + timedelta(days=9), at=due + timedelta(days=10))


@given(st.booleans(), st.integers(min_value=-400, max_value=400))
def test_overdue_is_exactly_open_and_later_than_the_deadline(complex: bool, days: int) -> None:
    due = deadline(FILED, complex=complex)
    at = FILED + timedelta(days=days)
    assert is_overdue(deadline_at=due, closed_at=None, at=at) == (days > (180 if complex else 90))


def test_only_a_finding_for_the_recipient_reverts() -> None:
    assert [o for o in DisputeOutcome if o.reverts] == [DisputeOutcome.IN_FAVOUR_OF_RECIPIENT]


def test_an_outcome_is_recorded_once() -> None:
    require_open(dispute_id="d1", outcome=None)
    with pytest.raises(ConflictError, match="already has its outcome"):
        require_open(dispute_id="d1", outcome="settled")
