"""Telling notices the outcome of their case: the consequence ``settle_notices``.

When a case records its outcome (``service.cases.step_case``), every notice item on that
case, except those answered with an earlier decision, gets the outcome: ``action_taken``
for a violation (whole or partial), ``no_action`` for anything else; the reasons given with
the step; when; and the statement of reasons issued for the case, if one was (statements
are issued by a consequence that runs before this one). A notice is decided once all its
items are. The office's decision prevails: an item the platform answered after a forward
takes the case's outcome when the case is decided, and a reconsideration that decides again
updates every item again.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.notices import ItemOutcome
from netgov.service.audit_trail import Entry, record
from netgov.service.notice_cases import statement_of
from netgov.service.notice_filing import refresh_status
from netgov.store.tables import CaseRow, NoticeItemRow
from netgov.store.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    # Only for types: case_consequences lists this consequence, so it imports this module.
    from netgov.service.case_consequences import Settled

_ACTED = frozenset({CaseOutcome.VIOLATION, CaseOutcome.PARTIAL_VIOLATION})
# Outcomes that answer a notice; appeal outcomes (upheld, overturned) answer none.
_ANSWERS = _ACTED | {
    CaseOutcome.NO_VIOLATION,
    CaseOutcome.WITHDRAWN,
    CaseOutcome.DUPLICATE,
    CaseOutcome.OUT_OF_SCOPE,
}


def settle_notices(uow: UnitOfWork, case: CaseRow, settled: Settled) -> None:
    if settled.outcome not in _ANSWERS:
        return
    items = [i for i in uow.notices.items_of_case(case.id) if i.outcome != ItemOutcome.EXISTING_DECISION.value]
    if not items:
        return
    outcome = ItemOutcome.ACTION_TAKEN if settled.outcome in _ACTED else ItemOutcome.NO_ACTION
    statement = statement_of(uow, case.id) if outcome is ItemOutcome.ACTION_TAKEN else None
    by_notice: dict[str, list[NoticeItemRow]] = defaultdict(list)
    for item in items:
        item.outcome, item.outcome_reason = outcome.value, settled.reason
        item.statement_id, item.decided_at = statement, settled.at
        by_notice[item.notice_id].append(item)
    uow.session.flush()
    entries = []
    for notice_id in sorted(by_notice):
        notice = uow.notices.notice(notice_id)
        assert notice is not None, "notice_items.notice_id is a foreign key"
        refresh_status(notice, uow.notices.items(notice_id), at=settled.at)
        reason = f"case {case.id} decided {settled.outcome.value}: {outcome.value}"
        entries.append(
            Entry(actor=settled.actor.actor, action="notice.settle", object=f"notice:{notice_id}", reason=reason)
        )
    record(uow, entries, at=settled.at)
