"""Writing a case's history: one timeline line and its audit event, in the same unit of work.

Every change to a case goes through ``note``, so the timeline the case page shows and the
audit chain anyone can verify always tell the same story.
"""

from __future__ import annotations

import json
from datetime import datetime

from netgov.errors import InvalidRequestError, NotFoundError
from netgov.identity.principal import Principal
from netgov.service.audit_trail import Detail, Entry, record
from netgov.store.tables import CaseEventRow, CaseRow, OfficeRow
from netgov.store.unit_of_work import UnitOfWork

REASON_MAX = 2000


def note(
    uow: UnitOfWork,
    case: CaseRow,
    *,
    kind: str,
    action: str,
    actor: Principal,
    reason: str,
    at: datetime,
    **fields: str | None,
) -> CaseEventRow:
    """Append a ``kind`` line to the case's timeline and ``action`` to the audit log.

    ``fields`` are the event's optional columns: from_state, to_state, from_office,
    to_office, staff_id; and details (JSON text) for anything else."""
    details = fields.pop("details", None) or "{}"
    event = CaseEventRow(case_id=case.id, at=at, kind=kind, actor=actor.actor, reason=reason, details=details, **fields)
    uow.cases.add(event)
    audited: dict[str, Detail] = {key: value for key, value in fields.items() if value is not None}
    audited.update(json.loads(details))
    record(
        uow, [Entry(actor=actor.actor, action=action, object=f"case:{case.id}", reason=reason, details=audited)], at=at
    )
    case.updated_at = max(case.updated_at, at)
    return event


def reason_given(reason: str, *, what: str) -> str:
    """The reason, trimmed; InvalidRequestError when there is none (every step needs one)."""
    text = reason.strip()
    if not text:
        raise InvalidRequestError(f"reason: {what} needs a reason; it goes into the timeline and the audit log")
    if len(text) > REASON_MAX:
        raise InvalidRequestError(f"reason: at most {REASON_MAX} characters, not {len(text)}")
    return text


def found_case(uow: UnitOfWork, case_id: str, *, lock: bool) -> tuple[CaseRow, OfficeRow]:
    """The case (locked with ``lock``) and the office holding it; NotFoundError when there is none."""
    case = uow.cases.case(case_id, lock=lock)
    if case is None:
        raise NotFoundError(f"no case {case_id!r}")
    office = uow.places.office(case.office_id)
    assert office is not None, "cases.office_id is a foreign key"
    return case, office
