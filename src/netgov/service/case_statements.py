"""What a case's decision on content sets off: the consequence ``issue_case_statement``.

A case from a hold, a report, an order or an inspection that names a platform's content and
is decided against it (violation: removal; partial violation: restricted visibility) issues
the statement of reasons of that decision, a person's, citing the case's article, and tells
the platform to carry it out (``service.platform_effects``). A hold found to be no violation
is released: the engine's hold statement is reverted and the platform restores the content.

A case decided again after a reconsideration replaces its earlier decision: the earlier
statements are reverted (their strikes lifted) before the new decision takes effect, and a
new finding of no violation tells the platform to undo what the earlier one asked for.
Appeal cases are not handled here: their outcome settles the decision appealed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from netgov.core.actions import Action
from netgov.core.decision import Source
from netgov.core.taxonomy import Category
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.governance.effects import EffectKind, effect_for
from netgov.service.decision_reverts import Reverted, withdraw_statement
from netgov.service.platform_effects import NewEffect, emit_effect
from netgov.service.statement_grounds import StatementPolicy, human_statement
from netgov.service.statements import IssuedStatement, issue_statement
from netgov.store.tables import CaseRow, ContentRow, NoticeItemRow, StatementRow
from netgov.store.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    # Only for types: case_consequences lists this consequence, so it imports this module.
    from netgov.service.case_consequences import Settled

_MEASURES = {CaseOutcome.VIOLATION: Action.REMOVE, CaseOutcome.PARTIAL_VIOLATION: Action.RESTRICT_VISIBILITY}
_SOURCES = {
    CaseSource.HOLD: Source.OWN_INITIATIVE,
    CaseSource.INSPECTION: Source.OWN_INITIATIVE,
    CaseSource.REPORT: Source.NOTICE,
    CaseSource.ORDER: Source.AUTHORITY_ORDER,
}


def issue_case_statement(uow: UnitOfWork, case: CaseRow, settled: Settled) -> None:
    source = CaseSource(case.source)
    if source not in _SOURCES or case.platform_id is None or case.content_id is None:
        return
    measure = _MEASURES.get(settled.outcome) if settled.to_state is CaseState.DECIDED else None
    released = settled.outcome is CaseOutcome.NO_VIOLATION
    if measure is None and not released:
        return
    earlier = _supersede(uow, case, settled)
    if released and source is CaseSource.HOLD:
        earlier += _release_hold(uow, case, settled)
    carried_out = effect_for(measure) if measure is not None else None
    _undo(uow, case, settled, [row for row in earlier if effect_for(Action(row.measure)) is not carried_out])
    if measure is not None:
        _decide_against(uow, case, settled, measure)


def _decide_against(uow: UnitOfWork, case: CaseRow, settled: Settled, measure: Action) -> None:
    assert case.platform_id is not None, "checked by the caller"
    assert case.content_id is not None, "checked by the caller"
    policy = _policy(settled, case)
    statement = human_statement(
        regulations=policy.regulations,
        platform=case.platform_id,
        content_id=case.content_id,
        measure=measure,
        category=Category(case.category),
        source=_source(case),
        regulation=case.regulation,
        article=case.article,
        facts=settled.reason,
        automated_detection=case.source == CaseSource.HOLD.value,
        at=settled.at,
        decision_id=case.id,
        appeal_window_days=policy.appeal_window_days,
    )
    issued = IssuedStatement(
        statement=statement,
        decided_by=settled.actor.actor,
        account_id=_account(uow, case),
        case_id=case.id,
        jurisdiction=case.jurisdiction_code,
    )
    row = issue_statement(uow, issued=issued, actor=settled.actor.actor, at=settled.at, strike_days=policy.strike_days)
    kind = effect_for(measure)
    assert kind is not None, "every measure of a case has its effect"
    reason = f"case {case.id} decided {settled.outcome.value}: {measure.value}"
    _emit(uow, case, settled, kind, row, reason)


def _policy(settled: Settled, case: CaseRow) -> StatementPolicy:
    if settled.policy is None:
        # A programming error, not bad input: every edge passes runtime.statement_policy.
        raise RuntimeError(f"deciding case {case.id} against content needs step_case(policy=...)")
    return settled.policy


def _source(case: CaseRow) -> Source:
    if case.source == CaseSource.REPORT.value and case.trusted_flagger:
        return Source.TRUSTED_FLAGGER
    return _SOURCES[CaseSource(case.source)]


def _account(uow: UnitOfWork, case: CaseRow) -> str | None:
    """The account that posted the content: as the platform submitted it, else as a notice named it."""
    stored = select(ContentRow.account_id).where(
        ContentRow.platform_id == case.platform_id, ContentRow.content_id == case.content_id
    )
    account = uow.session.scalars(stored).first()
    if account is not None:
        return account
    noticed = select(NoticeItemRow.account_id).where(
        NoticeItemRow.case_id == case.id, NoticeItemRow.account_id.is_not(None)
    )
    return uow.session.scalars(noticed.order_by(NoticeItemRow.submitted_at, NoticeItemRow.notice_id).limit(1)).first()


def _supersede(uow: UnitOfWork, case: CaseRow, settled: Settled) -> list[StatementRow]:
    """Revert the statements of the case's earlier decisions (a reconsideration decides anew)."""
    query = select(StatementRow).where(StatementRow.case_id == case.id, StatementRow.status == "active")
    return _revert(uow, list(uow.session.scalars(query)), settled, why=f"case {case.id} was decided again")


def _release_hold(uow: UnitOfWork, case: CaseRow, settled: Settled) -> list[StatementRow]:
    query = select(StatementRow).where(StatementRow.decision_id == case.decision_id, StatementRow.status == "active")
    held = list(uow.session.scalars(query)) if case.decision_id is not None else []
    return _revert(uow, held, settled, why=f"case {case.id} found no violation: the hold is released")


def _revert(uow: UnitOfWork, rows: list[StatementRow], settled: Settled, *, why: str) -> list[StatementRow]:
    found = Reverted(actor=settled.actor.actor, reason=why)
    return [row for row in rows if withdraw_statement(uow, statement=row, why=found, at=settled.at)]


def _undo(uow: UnitOfWork, case: CaseRow, settled: Settled, reverted: list[StatementRow]) -> None:
    """Tell the platform to undo each kind of measure the reverted statements asked for, once."""
    undone: dict[EffectKind, StatementRow] = {}
    for row in reverted:
        kind = _restoring(Action(row.measure))
        if kind is not None:
            undone[kind] = row
    reason = f"case {case.id} decided {settled.outcome.value}: undo the earlier measure"
    for kind, row in undone.items():
        _emit(uow, case, settled, kind, row, reason)


def _restoring(measure: Action) -> EffectKind | None:
    # A hold's effect is a removal (the platform withholds the content): undone by a restore.
    kind = effect_for(measure)
    return kind.reverting if kind is not None else None


def _emit(uow: UnitOfWork, case: CaseRow, settled: Settled, kind: EffectKind, row: StatementRow, reason: str) -> None:
    assert case.platform_id is not None, "checked by the caller"
    new = NewEffect(
        platform_id=case.platform_id,
        kind=kind,
        reason=reason,
        actor=settled.actor.actor,
        content_id=case.content_id,
        account_id=row.account_id,
        statement_id=row.id,
        case_id=case.id,
    )
    emit_effect(uow, new=new, at=settled.at)
