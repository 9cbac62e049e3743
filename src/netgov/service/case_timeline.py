"""Writing a case's history: one timeline line and its audit event, in the same unit of work.

Every change to a case goes through ``note`` (or, in a batch, a ``Journal``), so the
timeline the case page shows and the audit chain anyone can verify always tell the same story.
"""

from __future__ import annotations

import itertools
import json
from datetime import datetime

from netgov.errors import InvalidRequestError, NotFoundError
from netgov.identity.principal import Principal
from netgov.service.audit_trail import Detail, Entry, record
from netgov.store.tables import CaseRow, OfficeRow
from netgov.store.unit_of_work import UnitOfWork

REASON_MAX = 2000
# The timeline columns a line may leave empty.
_OPTIONAL = ("from_state", "to_state", "from_office", "to_office", "staff_id")


class Journal:
    """Timeline lines and their audit events, held back and written together.

    A batch (the sweep opening hundreds of cases) notes every line here and writes them
    once: one insert of the timeline lines and one append to the audit chain, whose head
    is locked once. The lines keep the order they were noted in, in both places, so the
    timeline and the chain read exactly as if each line had been written on its own.
    """

    def __init__(self) -> None:
        self._lines: list[tuple[dict[str, object], Entry, datetime]] = []

    def __len__(self) -> int:
        return len(self._lines)

    def note(
        self,
        case: CaseRow,
        *,
        kind: str,
        action: str,
        actor: Principal,
        reason: str,
        at: datetime,
        **fields: str | None,
    ) -> None:
        """A ``kind`` line for the case's timeline and ``action`` for the audit log, to be written;
        the case counts as updated at ``at``.

        ``fields`` are the line's optional columns: from_state, to_state, from_office,
        to_office, staff_id; and details (JSON text) for anything else."""
        self.line(case.id, kind=kind, action=action, actor=actor, reason=reason, at=at, **fields)
        case.updated_at = max(case.updated_at, at)

    def line(
        self,
        case_id: str,
        *,
        kind: str,
        action: str,
        actor: Principal,
        reason: str,
        at: datetime,
        **fields: str | None,
    ) -> None:
        """``note`` for a case not loaded as a row (one a batch is about to insert)."""
        details = fields.pop("details", None) or "{}"
        line: dict[str, object] = dict.fromkeys(_OPTIONAL)
        line.update(fields, case_id=case_id, at=at, kind=kind, actor=actor.actor, reason=reason, details=details)
        audited: dict[str, Detail] = {key: value for key, value in fields.items() if value is not None}
        if details != "{}":
            audited.update(json.loads(details))
        entry = Entry(actor=actor.actor, action=action, object=f"case:{case_id}", reason=reason, details=audited)
        self._lines.append((line, entry, at))

    def discard(self, case_id: str) -> None:
        """Forget the lines about a case that was not written after all (another opened it first)."""
        self._lines = [noted for noted in self._lines if noted[0]["case_id"] != case_id]

    def write(self, uow: UnitOfWork) -> None:
        """Write every line noted so far, after the rows they name (their foreign key)."""
        if not self._lines:
            return
        lines, self._lines = self._lines, []
        uow.session.flush()
        uow.cases.add_events([line for line, _, _ in lines])
        # One append per moment (a batch has one): the chain's events carry their line's time.
        for at, group in itertools.groupby(lines, key=lambda noted: noted[2]):
            record(uow, [entry for _, entry, _ in group], at=at)


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
) -> None:
    """Append a ``kind`` line to the case's timeline and ``action`` to the audit log, now
    (``Journal.note`` holds them back for a batch)."""
    journal = Journal()
    journal.note(case, kind=kind, action=action, actor=actor, reason=reason, at=at, **fields)
    journal.write(uow)


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
