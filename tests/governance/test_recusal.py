"""Recusal: the column's form, the refusal's reason, and routing that never picks the recused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netgov.errors import PermissionDeniedError
from netgov.governance.recusal import is_recused, recused_column, recused_ids, refuse_recused
from netgov.governance.routing import StaffMember, Workload, assign


def _member(staff_id: str, capacity: int = 10, open_cases: int = 0) -> StaffMember:
    return StaffMember(staff_id, "x", frozenset({"r"}), capacity, open_cases)


def test_the_column_lists_ids_between_spaces_and_is_none_for_nobody() -> None:
    assert recused_column(["st_b", "st_a", "st_a"]) == " st_a st_b "
    assert recused_column([]) is None
    assert recused_ids(" st_a st_b ") == {"st_a", "st_b"}
    assert recused_ids(None) == frozenset()


def test_one_id_never_matches_part_of_another() -> None:
    column = recused_column(["st_12"])
    assert is_recused(column, "st_12")
    assert not is_recused(column, "st_1")
    assert not is_recused(column, "st_123")
    assert not is_recused(None, "st_12")
    assert not is_recused(column, None)


def test_an_id_with_a_space_cannot_be_listed() -> None:
    with pytest.raises(ValueError, match="contains a space"):
        recused_column(["st 1"])


def test_the_refusal_names_the_recusal_and_why() -> None:
    with pytest.raises(PermissionDeniedError, match=r"ana is recused from case c1: .* may not take it .*Art\. 20"):
        refuse_recused(" st_1 ", "st_1", who="ana", case_id="c1", doing="take")
    refuse_recused(" st_1 ", "st_2", who="bo", case_id="c1", doing="take")


def test_routing_passes_over_a_recused_member_even_when_least_loaded() -> None:
    staff = [_member("a"), _member("b", open_cases=5)]
    assert assign("x", category="c", role="r", staff=staff, require_certification=False, excluded={"a"}) == "b"
    workload = Workload(staff, require_certification=False)
    assert workload.assign("x", category="c", role="r", excluded={"a"}) == "b"
    # The recused member was only passed over: the next case, without a recusal, is theirs.
    assert workload.assign("x", category="c", role="r") == "a"


def test_nobody_but_the_recused_leaves_the_case_unassigned() -> None:
    workload = Workload([_member("a")], require_certification=False)
    assert workload.assign("x", category="c", role="r", excluded={"a"}) is None
    assert workload.open_cases("a") == 0


OPS = st.lists(st.tuples(st.booleans(), st.frozensets(st.sampled_from("abcd"), max_size=2)), max_size=60)
STAFF = st.lists(
    st.builds(
        _member,
        st.sampled_from("abcd"),
        capacity=st.integers(min_value=1, max_value=4),
        open_cases=st.integers(min_value=0, max_value=3),
    ),
    unique_by=lambda m: m.id,
    max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(STAFF, OPS)
def test_routing_with_recusals_matches_a_scan_and_never_picks_the_recused(
    staff: list[StaffMember], ops: list[tuple[bool, frozenset[str]]]
) -> None:
    workload = Workload(staff, require_certification=False)
    for is_assign, excluded in ops:
        current = workload.snapshot()
        if is_assign:
            expected = assign(
                "x", category="c", role="r", staff=current, require_certification=False, excluded=excluded
            )
            chosen = workload.assign("x", category="c", role="r", excluded=excluded)
            assert chosen == expected
            assert chosen not in excluded
        else:
            releasable = [m.id for m in current if m.open_cases > 0]
            if releasable:
                workload.release(releasable[0])
