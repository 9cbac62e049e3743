"""What a case's outcome sets off beyond the case: notices answered, statements issued,
effects sent to the platform, appeals settled.

``step_case`` calls ``apply_consequences`` in the same unit of work whenever a step records
an outcome (a decision, or a close before one), so the case and everything it causes
commit together or not at all. Each consequence looks at the case and does nothing when
the case is none of its business.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

import msgspec

from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.identity.principal import Principal
from netgov.service.appeal_outcomes import settle_appeal
from netgov.service.case_statements import issue_case_statement
from netgov.service.notice_outcomes import settle_notices
from netgov.service.statement_grounds import StatementPolicy
from netgov.store.tables import CaseRow
from netgov.store.unit_of_work import UnitOfWork


class Settled(msgspec.Struct, frozen=True, kw_only=True):
    """The step that recorded the outcome: who, when, why, and the state it led to."""

    outcome: CaseOutcome
    to_state: CaseState
    actor: Principal
    reason: str
    at: datetime
    # The rulebook's articles and the redress settings, for the statement a decision issues;
    # a step without it cannot decide against content (``step_case(policy=runtime.statement_policy)``).
    policy: StatementPolicy | None = None


Consequence = Callable[[UnitOfWork, CaseRow, Settled], None]

# Run in this order: a notice's answer may cite the statement issued just before it; an
# appeal is settled (and what it overturns reverted or acted on) before notices are answered.
CONSEQUENCES: Sequence[Consequence] = (issue_case_statement, settle_appeal, settle_notices)


def apply_consequences(uow: UnitOfWork, case: CaseRow, settled: Settled) -> None:
    for consequence in CONSEQUENCES:
        consequence(uow, case, settled)
