"""Lists and items can never disagree: the SQL scope filter returns a decision exactly
when ``authorize`` allows reading it, for any principal, on both backends."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netgov.identity import Activity, Grant, Principal, Resource, Role, authorize, visible_scope
from netgov.store.repositories.decisions import DecisionFilter
from netgov.store.unit_of_work import UnitOfWork
from tests.store.rows import Row, add_places, insert_decisions, migrated

PLATFORMS = ["chirp", "marketly", "other"]
WORLD = ["ex", "ex.north", "ex.north.harbour", "ex.north.harbour.east", "ex.north.harbour.west", "ex.south"]
# Codes a platform might send that only look like the world's: a sibling sharing a prefix,
# other letter case, LIKE wildcards, a trailing dot, the empty string.
LOOKALIKES = ["ex.northwest", "ex.north_harbour", "EX.NORTH.harbour", "Ex.north", "ex.", "ex%", "ex.n%", "", "exa"]

_grants = st.builds(
    Grant,
    role=st.sampled_from(Role),
    jurisdiction=st.none() | st.sampled_from([*WORLD, "EX", "ex.n%", "ex.north_"]),
    platform=st.none() | st.sampled_from(PLATFORMS),
)
_principals = st.none() | st.builds(
    Principal, kind=st.just("staff"), id=st.just("p"), name=st.just("P"), grants=st.tuples(_grants, _grants)
)


def _rows() -> list[Row]:
    places = itertools.product([*WORLD, *LOOKALIKES, None], PLATFORMS)
    return [Row(id=f"d{n:03}", platform=p, jurisdiction=code) for n, (code, p) in enumerate(places)]


def _allowed(principal: Principal | None, row: Row) -> bool:
    resource = Resource(kind="decision", id=row.id, jurisdiction=row.jurisdiction, platform=row.platform)
    return authorize(principal, Activity.DECISION_READ, resource).allowed


def test_the_scope_filter_lists_exactly_what_authorize_allows(database: str) -> None:
    engine, rows = migrated(database), _rows()
    with UnitOfWork(engine, write=True) as uow:
        add_places(uow, *PLATFORMS)
        insert_decisions(uow, rows)
        uow.commit()

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(principal=_principals)
    def check(principal: Principal | None) -> None:
        scope = visible_scope(principal, Activity.DECISION_READ)
        with UnitOfWork(engine, write=False) as uow:
            listed = {row.id for row in uow.decisions.page(scope, DecisionFilter(), limit=len(rows))}
            counted = uow.decisions.count(scope, DecisionFilter())
        assert listed == {row.id for row in rows if _allowed(principal, row)}
        assert counted == len(listed)

    try:
        check()
    finally:
        engine.dispose()
