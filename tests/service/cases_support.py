"""Plain helpers for case tests over the test world itself (the sweep tests, the console's):
open a case, step it, read its rows, timeline and audit actions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from netgov.core.actions import Severity
from netgov.core.taxonomy import Category
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.identity.principal import Principal
from netgov.service.cases import open_case, step_case
from netgov.service.permissions import SYSTEM
from netgov.store.tables import CaseEventRow, CaseRow
from tests.service_world import World

_refs = iter(range(1, 1_000_000))


def opened(
    world: World,
    jurisdiction: str = "ex.north.harbour.east",
    *,
    actor: Principal = SYSTEM,
    at: datetime | None = None,
    **fields: Any,
) -> CaseRow:
    """A case opened and committed, from a report with a fresh reference unless told otherwise."""
    values: dict[str, Any] = {
        "source": CaseSource.REPORT,
        "source_ref": f"notice-{next(_refs)}",
        "category": Category.SCAMS_AND_FRAUD,
        "severity": Severity.MEDIUM,
        "regulation": "dsa",
        "article": "16",
    }
    values.update(fields)
    with world.runtime.uow(write=True) as uow:
        case = open_case(uow, actor=actor, jurisdiction=jurisdiction, at=at or world.clock(), **values)
        uow.commit()
    return case


def case_row(world: World, case_id: str) -> CaseRow:
    with world.runtime.uow() as uow:
        row = uow.cases.case(case_id)
        assert row is not None
        return row


def timeline(world: World, case_id: str) -> list[CaseEventRow]:
    with world.runtime.uow() as uow:
        return list(uow.cases.events(case_id))


def username_of(world: World, staff_id: str | None) -> str | None:
    if staff_id is None:
        return None
    with world.runtime.uow() as uow:
        row = uow.identity.staff(staff_id)
        assert row is not None
        return row.username


def step(world: World, actor: Principal, case_id: str, to: CaseState, outcome: CaseOutcome | None = None) -> CaseRow:
    with world.runtime.uow(write=True) as uow:
        policy = world.runtime.statement_policy
        why, at = f"to {to}", world.clock()
        case = step_case(uow, actor=actor, case_id=case_id, to=to, reason=why, outcome=outcome, at=at, policy=policy)
        uow.commit()
    return case


def audited(world: World, case_id: str) -> list[str]:
    """The audit actions about the case, in chain order."""
    with world.runtime.uow() as uow:
        return [e.action for e in uow.audit.events() if e.object == f"case:{case_id}"]
