"""Recusal: staff who may not work a case, because its work would review their own decision.

An appeal must be decided by someone other than whoever took the decision appealed (DSA
Art. 20(6)). The case keeps the recused staff ids in one text column, space-separated with
a space at each end (`` st_1 st_2 ``), so that one staff id is found by a substring test
that can never match part of another id. Routing skips them and every service that lets
someone work, take, be assigned or move the case refuses them, supervisors included.
"""

from __future__ import annotations

from collections.abc import Iterable

from netgov.errors import PermissionDeniedError


def recused_column(staff_ids: Iterable[str]) -> str | None:
    """The column's value for ``staff_ids``; None when nobody is recused."""
    ids = sorted({staff_id for staff_id in staff_ids if staff_id})
    for staff_id in ids:
        if any(ch.isspace() for ch in staff_id):
            raise ValueError(f"staff id {staff_id!r} contains a space; it cannot be listed as recused")
    return f" {' '.join(ids)} " if ids else None


def recused_ids(column: str | None) -> frozenset[str]:
    return frozenset((column or "").split())


def is_recused(column: str | None, staff_id: str | None) -> bool:
    return staff_id is not None and column is not None and f" {staff_id} " in column


def refuse_recused(column: str | None, staff_id: str | None, *, who: str, case_id: str, doing: str) -> None:
    """PermissionDeniedError naming the recusal when ``staff_id`` is recused from the case."""
    if is_recused(column, staff_id):
        raise PermissionDeniedError(
            f"{who} is recused from case {case_id}: it reviews a decision they took, so they may not {doing} it "
            "(an appeal is decided by someone who did not take the decision, DSA Art. 20(6))"
        )
