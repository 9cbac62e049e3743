"""What an appeal's case is about: who took the decision appealed (recused), and where the
case goes with which legal basis.

The decider is ``rule:<id>`` for the engine (recusing nobody: a case is human work anyway)
or ``staff:<username>`` for a person (recused by staff id). The case goes to the office
that decided, when a case decided (its office now); otherwise to the office covering the
content's jurisdiction, else the platform's seat.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from netgov.core.actions import Severity
from netgov.core.decision import StatementOfReasons
from netgov.core.rulebook.model import Rulebook
from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError
from netgov.governance.case_states import CaseState
from netgov.service.notice_cases import notice_basis
from netgov.store.tables import CaseRow, NoticeItemRow, NoticeRow, StatementRow
from netgov.store.unit_of_work import UnitOfWork

# The legal basis of an appeal case when the decision cites none: the complaint procedure itself.
COMPLAINT_BASIS = ("DSA", "20")


class CaseBasis(msgspec.Struct, frozen=True, kw_only=True):
    jurisdiction: str
    category: Category
    severity: Severity
    regulation: str
    article: str


def recused_for(uow: UnitOfWork, decider: str) -> tuple[str, ...]:
    """The staff ids an appeal against ``decider``'s decision recuses: the person, if one."""
    kind, _, name = decider.partition(":")
    member = uow.identity.staff_by_username(name) if kind == "staff" else None
    return () if member is None else (member.id,)


def statement_basis(
    uow: UnitOfWork, statement: StatementRow, document: StatementOfReasons, rulebook: Rulebook
) -> CaseBasis:
    case = uow.cases.case(statement.case_id) if statement.case_id else None
    ground = document.legal_grounds[0] if document.legal_grounds else None
    if ground is not None:
        regulation, article = ground.regulation, ground.article
    elif case is not None:
        regulation, article = case.regulation, case.article
    else:
        regulation, article = COMPLAINT_BASIS
    return CaseBasis(
        jurisdiction=_case_place(uow, case) if case else _place(uow, statement.jurisdiction, statement.platform_id),
        category=Category(statement.category),
        severity=Severity(case.severity) if case else _rule_severity(rulebook, statement.decided_by),
        regulation=regulation,
        article=article,
    )


def item_basis(
    uow: UnitOfWork, notice: NoticeRow, item: NoticeItemRow, rulebook: Rulebook, *, at: datetime
) -> CaseBasis:
    case = uow.cases.case(item.case_id) if item.case_id else None
    if case is not None:
        return CaseBasis(
            jurisdiction=_case_place(uow, case),
            category=Category(case.category),
            severity=Severity(case.severity),
            regulation=case.regulation,
            article=case.article,
        )
    category = Category(notice.category)
    basis = notice_basis(rulebook, category, at=at)
    return CaseBasis(
        jurisdiction=_place(uow, notice.jurisdiction, item.platform_id or notice.platform_id),
        category=category,
        severity=basis.severity,
        regulation=basis.regulation,
        article=basis.article,
    )


def item_decider(uow: UnitOfWork, notice: NoticeRow, item: NoticeItemRow) -> str:
    """Who decided not to act on the item: whoever recorded its case's outcome, else the platform."""
    if item.case_id is not None:
        for event in reversed(list(uow.cases.events(item.case_id))):
            settling = event.to_state in (CaseState.DECIDED.value, CaseState.CLOSED.value)
            if event.kind == "transition" and settling and '"outcome"' in (event.details or ""):
                return event.actor
    return f"platform:{item.platform_id or notice.platform_id}"


def _case_place(uow: UnitOfWork, case: CaseRow) -> str:
    """Where the case's office sits: an appeal goes back to the office that decided."""
    office = uow.places.office(case.office_id)
    assert office is not None, "cases.office_id is a foreign key"
    return office.jurisdiction_code


def _place(uow: UnitOfWork, jurisdiction: str | None, platform_id: str | None) -> str:
    if jurisdiction is not None and uow.places.jurisdiction(jurisdiction) is not None:
        return jurisdiction
    platform = uow.places.platform(platform_id) if platform_id else None
    if platform is not None and platform.jurisdiction_code is not None:
        return platform.jurisdiction_code
    raise InvalidRequestError(
        "no office can take this appeal: the content has no known jurisdiction and its platform no seat"
    )


def _rule_severity(rulebook: Rulebook, decider: str) -> Severity:
    kind, _, rule_id = decider.partition(":")
    rule = next((rule for rule in rulebook.rules if rule.id == rule_id), None) if kind == "rule" else None
    return Severity.MEDIUM if rule is None else rule.severity
