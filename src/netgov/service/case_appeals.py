"""What an appeal case reviews, as its reviewer reads it on the case page.

    shown = case_appeal(uow, principal=reviewer, case_id="case_…", window_days=183)
    shown.statement.measure, shown.appeal.reason, shown.recused[0].name

Whoever may read the case (``case.read``) reads the appeal (who appeals, the appellant's
reasons, when, within which window), the decision appealed (the statement of reasons, or
the notice item a notifier appeals) and who took it, and who is recused from the case for
having taken it. The appellant is named by kind only: the affected account by its id on
the platform, a notifier not at all (their name stays with the notice, behind its reason).
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from netgov.governance.appeals import window_closes
from netgov.governance.cases import CaseSource
from netgov.governance.recusal import recused_ids
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.appeal_views import AppealView, appeal_view
from netgov.service.case_routing import case_resource
from netgov.service.case_timeline import found_case
from netgov.service.permissions import require
from netgov.service.statement_reads import StatementView, view
from netgov.store.tables import StatementRow
from netgov.store.unit_of_work import UnitOfWork


class AppealedItem(msgspec.Struct, frozen=True, kw_only=True):
    """A notice item whose decision not to act a notifier appeals."""

    notice_id: str
    seq: int
    location: str
    outcome: str | None
    reasons: str | None
    decided_at: datetime | None


class Recused(msgspec.Struct, frozen=True, kw_only=True):
    username: str
    name: str


class CaseAppeal(msgspec.Struct, frozen=True, kw_only=True):
    appeal: AppealView
    # The statement an affected account appeals, or the item a notifier appeals.
    statement: StatementView | None
    item: AppealedItem | None
    decided_by: str  # "staff:<username>", "rule:<id>" or "platform:<id>"
    decided_at: datetime | None
    window_closes: datetime | None
    recused: list[Recused]


def case_appeal(uow: UnitOfWork, *, principal: Principal, case_id: str, window_days: float) -> CaseAppeal | None:
    """The appeal the case decides, when ``principal`` may read the case; None for a case that
    is not an appeal (or an appeal case opened by hand, with no appeal filed through netgov)."""
    case, office = found_case(uow, case_id, lock=False)
    require(principal, Activity.CASE_READ, case_resource(office, case.id))
    if case.source != CaseSource.APPEAL.value:
        return None
    appeal = uow.redress.appeal(case.source_ref)
    if appeal is None:
        return None
    statement = uow.session.get(StatementRow, appeal.statement_id) if appeal.statement_id else None
    item = _item(uow, appeal.notice_id, appeal.notice_seq)
    decided_at = statement.issued_at if statement is not None else (item.decided_at if item else None)
    names = uow.cases.staff_names(sorted(recused_ids(case.recused)))
    return CaseAppeal(
        appeal=appeal_view(appeal),
        statement=None if statement is None else view(statement, link=False, public_url=""),
        item=item,
        decided_by=appeal.original_decider,
        decided_at=decided_at,
        window_closes=None if decided_at is None else window_closes(decided_at, window_days),
        recused=[Recused(username=username, name=name) for username, name in sorted(names.values())],
    )


def _item(uow: UnitOfWork, notice_id: str | None, seq: int | None) -> AppealedItem | None:
    if notice_id is None or seq is None:
        return None
    row = uow.notices.item(notice_id, seq)
    if row is None:
        return None
    return AppealedItem(
        notice_id=notice_id,
        seq=seq,
        location=row.url or row.content_id or row.target,
        outcome=row.outcome,
        reasons=row.outcome_reason,
        decided_at=row.decided_at,
    )
