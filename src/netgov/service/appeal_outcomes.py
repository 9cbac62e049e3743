"""Settling an appeal when its case records an outcome: the consequence ``settle_appeal``.

Upheld, nothing changes but the appeal, which the appellant reads on the statement's page
(or the notice's). Overturned:

- an affected account's appeal reverts the decision (``decision_reverts``): the statement
  is marked reverted, its strikes lifted, and the platform told to restore the content,
  lift the account restriction or remove the label;
- a notifier's appeal means the content should have been acted on: a person's statement of
  reasons for its removal is issued, the platform is told to remove it, and the notice item
  now reads ``action_taken``.

Closed before a decision (withdrawn, a duplicate, out of scope), the appeal is ``closed``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netgov.core.actions import Action
from netgov.core.decision import Source
from netgov.core.taxonomy import Category
from netgov.errors import ConflictError
from netgov.governance.appeals import AppealStatus, Appellant, require_resettle, settled_status
from netgov.governance.cases import CaseSource
from netgov.governance.effects import EffectKind
from netgov.governance.notices import ItemOutcome
from netgov.service.audit_trail import Entry, record
from netgov.service.decision_reverts import Reverted, revert_statement
from netgov.service.platform_effects import NewEffect, emit_effect
from netgov.service.statement_grounds import human_statement
from netgov.service.statements import IssuedStatement, issue_statement
from netgov.store.tables import AppealRow, CaseRow, StatementRow
from netgov.store.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    # Only for types: case_consequences lists this consequence, so it imports this module.
    from netgov.service.case_consequences import Settled


def settle_appeal(uow: UnitOfWork, case: CaseRow, settled: Settled) -> None:
    if case.source != CaseSource.APPEAL.value:
        return
    appeal = uow.redress.appeal(case.source_ref, lock=True)
    if appeal is None:
        return  # an appeal case opened by hand, with no appeal filed through netgov
    current, new = AppealStatus(appeal.status), settled_status(settled.outcome)
    require_resettle(appeal_id=appeal.id, current=current, new=new)
    appeal.status = new.value
    appeal.outcome_reason = settled.reason
    appeal.decided_by = settled.actor.actor
    appeal.decided_at = settled.at
    entry = Entry(
        actor=settled.actor.actor,
        action="appeal.settle",
        object=f"appeal:{appeal.id}",
        reason=settled.reason,
        details={"status": new.value, "case": case.id, "decided_by": appeal.original_decider},
    )
    record(uow, [entry], at=settled.at)
    if new is AppealStatus.OVERTURNED and current is not AppealStatus.OVERTURNED:
        if appeal.appellant == Appellant.AFFECTED_ACCOUNT.value:
            _revert(uow, appeal, case, settled)
        else:
            _act_on_item(uow, appeal, case, settled)


def _revert(uow: UnitOfWork, appeal: AppealRow, case: CaseRow, settled: Settled) -> None:
    statement = uow.session.get(StatementRow, appeal.statement_id, with_for_update=True)
    assert statement is not None, "appeals.statement_id is a foreign key"
    why = Reverted(actor=settled.actor.actor, reason=settled.reason, appeal_id=appeal.id, case_id=case.id)
    revert_statement(uow, statement=statement, why=why, at=settled.at)


def _act_on_item(uow: UnitOfWork, appeal: AppealRow, case: CaseRow, settled: Settled) -> None:
    """The decision not to act was wrong: remove the content, with a person's statement."""
    assert appeal.notice_id is not None, "a notifier's appeal names its notice"
    assert appeal.notice_seq is not None, "a notifier's appeal names its item"
    item = uow.notices.item(appeal.notice_id, appeal.notice_seq, lock=True)
    notice = uow.notices.notice(appeal.notice_id)
    assert item is not None, "the item was appealed"
    assert notice is not None, "appeals.notice_id is a foreign key"
    if uow.places.platform(appeal.platform_id) is None:
        raise ConflictError(f"appeal {appeal.id} names platform {appeal.platform_id!r}, which netgov does not know")
    if settled.policy is None:
        # A programming error, not bad input: every edge passes runtime.statement_policy.
        raise RuntimeError(f"overturning appeal {appeal.id} issues a statement: it needs step_case(policy=...)")
    policy = settled.policy
    statement = human_statement(
        regulations=policy.regulations,
        platform=appeal.platform_id,
        content_id=appeal.content_id,
        measure=Action.REMOVE,
        category=Category(case.category),
        source=Source.TRUSTED_FLAGGER if notice.flagger_id else Source.NOTICE,
        regulation=case.regulation,
        article=case.article,
        facts=settled.reason,
        automated_detection=False,
        at=settled.at,
        decision_id=appeal.id,
        appeal_window_days=policy.appeal_window_days,
    )
    issued = IssuedStatement(
        statement=statement,
        decided_by=settled.actor.actor,
        account_id=item.account_id,
        case_id=case.id,
        notice_id=notice.id,
        jurisdiction=case.jurisdiction_code,
    )
    row = issue_statement(uow, issued=issued, actor=settled.actor.actor, at=settled.at, strike_days=policy.strike_days)
    new = NewEffect(
        platform_id=appeal.platform_id,
        kind=EffectKind.REMOVE,
        reason=f"appeal {appeal.id} overturned the decision not to act on {appeal.content_id}: {settled.reason}",
        actor=settled.actor.actor,
        content_id=appeal.content_id,
        account_id=item.account_id,
        statement_id=row.id,
        case_id=case.id,
        appeal_id=appeal.id,
    )
    emit_effect(uow, new=new, at=settled.at)
    item.outcome = ItemOutcome.ACTION_TAKEN.value
    item.outcome_reason = f"On appeal, the decision not to act was overturned: {settled.reason}"
    item.statement_id = row.id
    item.decided_at = settled.at
