"""What staff read about cases: an office's queue and one case with its whole history.

Both are msgspec structs built from rows, so the API, the console and the CLI show the same
fields. Neither carries the post's text: reading it is the audited reveal of
``netgov.service.decisions.read_content``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import msgspec

from netgov.core.rulebook.model import Rulebook
from netgov.errors import InvalidRequestError
from netgov.governance.calendar import WorkingCalendar
from netgov.governance.case_outcomes import outcomes_for
from netgov.governance.case_states import CaseState, allowed_from
from netgov.governance.cases import CaseSource
from netgov.governance.deadline_rules import DeadlineRules, deadline_runs
from netgov.governance.deadlines import DeadlineStatus, deadline_status
from netgov.governance.referrals import REFERRAL_TRANSITIONS, ReferralStatus
from netgov.identity.authorization import Scope, visible_scope
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.case_deadlines import deadline_rules, office_calendar
from netgov.service.case_documents import (
    CaseDetail,
    CaseEvent,
    CaseFilter,
    CaseOrder,
    CasePage,
    CaseReferral,
    CaseSummary,
    NextStep,
)
from netgov.service.case_routing import case_resource
from netgov.service.case_timeline import found_case
from netgov.service.permissions import SYSTEM, require
from netgov.store.repositories.cases import CaseQuery, CaseSort
from netgov.store.tables import CaseEventRow, CaseRow, OfficeRow, ReferralRow
from netgov.store.unit_of_work import UnitOfWork

__all__ = [
    "CaseDetail",
    "CaseEvent",
    "CaseFilter",
    "CaseOrder",
    "CasePage",
    "CaseReferral",
    "CaseSort",
    "CaseSummary",
    "NextStep",
    "case_detail",
    "case_queue",
]

PAGE_MAX = 200


def case_queue(
    uow: UnitOfWork,
    *,
    principal: Principal | None,
    filter: CaseFilter,
    sort: CaseSort,
    limit: int,
    offset: int = 0,
    at: datetime,
) -> CasePage:
    """The cases ``principal`` may read (``case.read``) that match ``filter``, one page."""
    if not 1 <= limit <= PAGE_MAX:
        raise InvalidRequestError(f"limit: between 1 and {PAGE_MAX}, not {limit}")
    if offset < 0:
        raise InvalidRequestError(f"offset: zero or more, not {offset}")
    scope = _scope(uow, principal)
    query = _query(uow, principal, filter, at)
    rows = uow.cases.page(scope, query, sort=sort, offset=offset, limit=limit + 1)
    more = len(rows) > limit
    summaries = _Summaries(uow, at).of(rows[:limit])
    return CasePage(cases=summaries, total=uow.cases.count(scope, query), next_offset=offset + limit if more else None)


def case_detail(
    uow: UnitOfWork, *, principal: Principal | None, case_id: str, at: datetime, rulebook: Rulebook | None = None
) -> CaseDetail:
    """One case (``case.read`` on it) with its legal basis, timeline, referrals and orders."""
    case, office = found_case(uow, case_id, lock=False)
    require(principal, Activity.CASE_READ, case_resource(office, case.id))
    events = uow.cases.events(case.id)
    names = _Summaries(uow, at)
    summary = names.of([case])[0]
    title, text = _article(rulebook, case.regulation, case.article)
    return CaseDetail(
        **msgspec.structs.asdict(summary),
        regulation=case.regulation,
        article=case.article,
        article_title=title,
        article_text=text,
        rule_id=case.rule_id,
        decision_id=case.decision_id,
        source_ref=case.source_ref,
        summary=case.summary,
        outcome=case.outcome,
        updated_at=case.updated_at,
        warned_at=case.warned_at,
        closed_at=case.closed_at,
        next_steps=[
            NextStep(to=step, outcomes=[o.value for o in outcomes_for(summary.state, step, source=summary.source)])
            for step in allowed_from(summary.state)
        ],
        timeline=_timeline(events, names.staff({e.staff_id for e in events if e.staff_id})),
        referrals=[_referral(row) for row in uow.cases.referrals(case.id)],
        orders=[CaseOrder(id=order_id, status=status) for order_id, status in uow.cases.orders_of_case(case.id)],
    )


def _scope(uow: UnitOfWork, principal: Principal | None) -> Scope:
    if principal is SYSTEM:
        # The operator at the machine reads every case: every root's subtree.
        return Scope(jurisdictions=tuple(row.code for row in uow.places.jurisdictions() if row.parent_code is None))
    return visible_scope(principal, Activity.CASE_READ)


def _query(uow: UnitOfWork, principal: Principal | None, where: CaseFilter, at: datetime) -> CaseQuery:
    assignee_id, unassigned = None, False
    if where.assignee == "none":
        unassigned = True
    elif where.assignee is not None:
        me = where.assignee == "me"
        username = (
            (principal.id if principal is not None and principal.kind == "staff" else None) if me else where.assignee
        )
        member = None if username is None else uow.identity.staff_by_username(username)
        # An unknown username (or "me" for a platform key, which is assigned no cases) matches
        # no case, rather than revealing which usernames exist.
        assignee_id = member.id if member is not None else "-"
    return CaseQuery(
        office=where.office,
        states=tuple(state.value for state in where.states),
        assignee_id=assignee_id,
        unassigned=unassigned,
        category=None if where.category is None else where.category.value,
        source=None if where.source is None else where.source.value,
        overdue_at=at if where.overdue else None,
    )


class _Summaries:
    """Builds summaries, reading each office, calendar and staff name once."""

    def __init__(self, uow: UnitOfWork, at: datetime) -> None:
        self._uow, self._at = uow, at
        self._offices: dict[str, OfficeRow] = {}
        self._calendars: dict[str, WorkingCalendar] = {}
        self._rules: DeadlineRules | None = None

    def staff(self, ids: set[str]) -> dict[str, tuple[str, str]]:
        return self._uow.cases.staff_names(sorted(ids))

    def of(self, rows: Sequence[CaseRow]) -> list[CaseSummary]:
        names = self.staff({row.assignee_id for row in rows if row.assignee_id})
        return [self._summary(row, names.get(row.assignee_id or "")) for row in rows]

    def _summary(self, row: CaseRow, assignee: tuple[str, str] | None) -> CaseSummary:
        office = self._office(row.office_id)
        return CaseSummary(
            id=row.id,
            state=CaseState(row.state),
            source=CaseSource(row.source),
            category=row.category,
            severity=row.severity,
            priority=row.priority,
            trusted_flagger=row.trusted_flagger,
            office_id=office.id,
            office_name=office.name,
            jurisdiction=row.jurisdiction_code,
            assignee=assignee[0] if assignee else None,
            assignee_name=assignee[1] if assignee else None,
            opened_at=row.opened_at,
            deadline_at=row.deadline_at,
            deadline_status=self._status(row, office),
            escalations=row.escalations,
            platform_id=row.platform_id,
            content_id=row.content_id,
        )

    def _office(self, office_id: str) -> OfficeRow:
        if office_id not in self._offices:
            office = self._uow.places.office(office_id)
            assert office is not None, "cases.office_id is a foreign key"
            self._offices[office_id] = office
        return self._offices[office_id]

    def _status(self, row: CaseRow, office: OfficeRow) -> DeadlineStatus | None:
        if row.deadline_at is None or not deadline_runs(CaseState(row.state)):
            return None
        if office.id not in self._calendars:
            self._calendars[office.id] = office_calendar(self._uow, office)
        self._rules = self._rules or deadline_rules(self._uow)
        warn = self._rules.rule_for(row.category, row.source).warn_hours
        calendar = self._calendars[office.id]
        return deadline_status(row.deadline_at, now=self._at, warn_before_hours=warn, calendar=calendar)


def _timeline(events: Sequence[CaseEventRow], names: dict[str, tuple[str, str]]) -> list[CaseEvent]:
    return [
        CaseEvent(
            at=event.at,
            kind=event.kind,
            actor=event.actor,
            reason=event.reason,
            from_state=event.from_state,
            to_state=event.to_state,
            from_office=event.from_office,
            to_office=event.to_office,
            staff=names.get(event.staff_id, (event.staff_id,))[0] if event.staff_id else None,
            details=json.loads(event.details or "{}"),
        )
        for event in events
    ]


def _referral(row: ReferralRow) -> CaseReferral:
    status = ReferralStatus(row.status)
    return CaseReferral(
        id=row.id,
        agency=row.agency,
        status=status,
        reference=row.reference,
        reason=row.reason,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        allowed_next=list(REFERRAL_TRANSITIONS[status]),
    )


def _article(rulebook: Rulebook | None, regulation: str, number: str) -> tuple[str | None, str | None]:
    if rulebook is None:
        return None, None
    for version in reversed(rulebook.regulation_versions(regulation)):
        article = version.article(number)
        if article is not None:
            return article.title, article.text
    return None, None
