"""What a database holds of the demo: nothing yet, the demo world, or a network of its own.

``netgov demo --db URL`` seeds only an empty database, leaves one that already holds the
demo as it is (so scripts may run it again), and refuses any other: the demo's staff,
keys and posts must never land in a real installation.
"""

from __future__ import annotations

from enum import StrEnum

import msgspec
from sqlalchemy import func, select

from netgov.demo.world import demo_world
from netgov.store.tables import CaseRow, DecisionRow, JurisdictionRow, PlatformRow, StatementRow
from netgov.store.unit_of_work import UnitOfWork


class DemoState(StrEnum):
    EMPTY = "empty"
    SEEDED = "seeded"
    FOREIGN = "foreign"


def demo_state(uow: UnitOfWork) -> DemoState:
    if uow.session.scalar(select(func.count()).select_from(JurisdictionRow)) == 0:
        return DemoState.EMPTY
    world = demo_world()
    root = world.jurisdictions[0].code
    platforms = {p.id for p in world.platforms}
    found = set(uow.session.scalars(select(PlatformRow.id).where(PlatformRow.id.in_(platforms))))
    has_root = uow.session.get(JurisdictionRow, root) is not None
    return DemoState.SEEDED if has_root and found == platforms else DemoState.FOREIGN


class Holdings(msgspec.Struct, frozen=True, kw_only=True):
    """What the database holds now: decisions, cases, and statements by measure."""

    decisions: int
    cases: int
    statements: dict[str, int]


def holdings(uow: UnitOfWork) -> Holdings:
    by_measure = select(StatementRow.measure, func.count()).group_by(StatementRow.measure)
    return Holdings(
        decisions=int(uow.session.scalar(select(func.count()).select_from(DecisionRow)) or 0),
        cases=int(uow.session.scalar(select(func.count()).select_from(CaseRow)) or 0),
        statements={str(measure): int(n) for measure, n in uow.session.execute(by_measure)},
    )
