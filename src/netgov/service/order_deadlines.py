"""Orders against the clock: deadlines in an office's working hours, where an overdue order
escalates to, and the sweep step that reminds platforms and escalates overdue orders.

``sweep_orders`` runs inside the periodic sweep (``netgov sweep``, and ``netgov serve`` on a
timer). It reminds each open order once when its reminder lead is reached
(``netgov.governance.orders.reminder_lead``: 24 hours, or a fifth of the time the order gave
if that is less), and escalates each open order once when its deadline has passed: to the
office above the issuing one, whose staff see it on their overview with the issuing office's.
Both steps are audited; an order issued from a case adds a line to the case's timeline.
The sweep's caller commits.
"""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Protocol

from netgov.governance.calendar import WorkingCalendar
from netgov.governance.orders import (
    REMINDER_LEAD,
    OrderStatus,
    escalation_due,
    reminder_due,
)
from netgov.service.audit_trail import Entry, record
from netgov.service.case_routing import CaseNetwork
from netgov.service.permissions import SYSTEM
from netgov.store.tables import CaseEventRow, OfficeRow, OrderRow
from netgov.store.unit_of_work import UnitOfWork


def office_calendar(uow: UnitOfWork, office: OfficeRow) -> WorkingCalendar:
    """The office's working hours, with the holidays of its jurisdiction and every one above it."""
    codes = ancestry(uow, office.jurisdiction_code)
    return WorkingCalendar.office_hours(
        office.timezone,
        opens=time.fromisoformat(office.opens),
        closes=time.fromisoformat(office.closes),
        weekdays=[int(day) for day in office.weekdays.split(",") if day.strip()],
        holidays=[holiday.day for holiday in uow.places.holidays(codes)],
    )


def ancestry(uow: UnitOfWork, code: str) -> list[str]:
    """``code`` and the codes above it, nearest first."""
    codes: list[str] = []
    current: str | None = code
    while current is not None and current not in codes:
        codes.append(current)
        row = uow.places.jurisdiction(current)
        current = None if row is None else row.parent_code
    return codes


def office_above(uow: UnitOfWork, office: OfficeRow, network: CaseNetwork | None = None) -> OfficeRow | None:
    """The office of the nearest jurisdiction above ``office``'s that has one on an active node
    (an office left on a retired node takes no new work); None at the top. The route cases
    escalate by (``CaseNetwork.above``), so an order and its case escalate to the same office."""
    return (network or CaseNetwork.load(uow)).above(office)


class SweepTick(Protocol):
    """What the sweep tells its steps (``netgov.service.sweep.Tick``)."""

    @property
    def at(self) -> datetime: ...

    @property
    def batch(self) -> int: ...


def remind_and_escalate_orders(uow: UnitOfWork, tick: SweepTick) -> dict[str, int]:
    """The sweep's step for orders: one batch of reminders and one of escalations."""
    return sweep_orders(uow, at=tick.at, limit=tick.batch)


def sweep_orders(uow: UnitOfWork, *, at: datetime, limit: int = 500) -> dict[str, int]:
    """Remind and escalate what is due at ``at`` (at most ``limit`` of each); counts of each.
    Run again, it does only what is left."""
    return {"orders_reminded": _remind(uow, at, limit), "orders_escalated": _escalate(uow, at, limit)}


def _remind(uow: UnitOfWork, at: datetime, limit: int) -> int:
    due = [
        row
        for row in uow.orders.open_due_within(at, REMINDER_LEAD)
        if reminder_due(
            OrderStatus(row.status), issued_at=row.issued_at, deadline=row.deadline_at, reminded_at=None, at=at
        )
    ][:limit]
    for row in due:
        row.reminded_at = at
        hours = (row.deadline_at - at).total_seconds() / 3600
        reason = f"reminded {row.platform_id}: the deadline {row.deadline_at.isoformat()} is {hours:.1f} h away"
        _audit(uow, row, "order.remind", reason, at, details={"deadline_at": row.deadline_at.isoformat()})
    uow.session.flush()
    return len(due)


def _escalate(uow: UnitOfWork, at: datetime, limit: int) -> int:
    rows = uow.orders.overdue_unescalated(at, limit=limit)
    due = [
        row
        for row in rows
        if escalation_due(OrderStatus(row.status), deadline=row.deadline_at, escalated_at=row.escalated_at, at=at)
    ]
    network = CaseNetwork.load(uow) if due else None
    for row in due:
        row.escalated_at = at
        office = uow.places.office(row.office_id)
        above = None if office is None else office_above(uow, office, network)
        to = f"escalated to {above.name}" if above else "no office above the issuing one; it stays on its overview"
        reason = f"the deadline {row.deadline_at.isoformat()} passed while the order was {row.status}; {to}"
        details = {"to_office": above.id if above else None, "deadline_at": row.deadline_at.isoformat()}
        _audit(uow, row, "order.escalate", reason, at, details=details)
        note_on_case(uow, row, kind="order_escalated", actor=SYSTEM.actor, reason=reason, at=at)
    uow.session.flush()
    return len(due)


def _audit(
    uow: UnitOfWork, row: OrderRow, action: str, reason: str, at: datetime, *, details: dict[str, str | None]
) -> None:
    entry = Entry(actor=SYSTEM.actor, action=action, object=f"order:{row.id}", reason=reason, details=details)
    record(uow, [entry], at=at)


def note_on_case(uow: UnitOfWork, row: OrderRow, *, kind: str, actor: str, reason: str, at: datetime) -> None:
    """A line on the timeline of the case the order was issued from, if any."""
    if row.case_id is None:
        return
    details = json.dumps({"order": row.id, "platform": row.platform_id, "status": row.status})
    uow.cases.add(CaseEventRow(case_id=row.case_id, at=at, kind=kind, actor=actor, reason=reason, details=details))
