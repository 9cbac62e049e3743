"""The demo's casework: every held post becomes a case, and one case is worked to an order.

    story = seed_casework(runtime, now=now)

The sweep opens the cases, exactly as `netgov serve` does every minute, so the queues fill
through routing and deadlines like a live installation's. Then a county officer works
the most urgent case on Chirp to a decision and orders Chirp to remove the post, so the
console's queue, case page, timeline, order pages and the platform's order list all have
something to show from the first minute.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import msgspec

from netgov.errors import NetgovError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.orders import OrderItem, OrderKind, RequestedAction
from netgov.identity.principal import Principal
from netgov.service.case_views import CaseFilter, CaseSort, case_queue
from netgov.service.cases import step_case, take_case
from netgov.service.orders import OrderRequest, issue_order
from netgov.service.runtime import Runtime
from netgov.service.staff import principal_of
from netgov.service.sweep import run_sweep
from netgov.store.unit_of_work import UnitOfWork

# The officers who may work the story's case, most likely first: the first with a filed case
# of the platform's in their office's queue works it.
OFFICERS = ("officer_harbour_east", "officer_harbour_west", "officer_harbour", "officer_north", "officer_south")
PLATFORM = "chirp"
# The steps take a few minutes each, as an officer's would; the audit log shows them in order.
STEP = timedelta(minutes=7)


class Casework(msgspec.Struct, frozen=True, kw_only=True):
    cases: int
    worked_case: str | None
    officer: str | None
    order: str | None


def seed_casework(runtime: Runtime, *, now: datetime) -> Casework:
    """Open a case for every held decision, then work one of Chirp's to an order."""
    opened = 0
    while True:
        report = run_sweep(runtime.database, rulebook=runtime.rulebook, at=now)
        if report.failed:
            raise RuntimeError(f"the sweep failed while seeding the demo: {', '.join(report.failed)}")
        batch = report.counts.get("cases_opened", 0)
        opened += batch
        if batch == 0:
            break
    for username in OFFICERS:
        with runtime.uow() as uow:
            officer, case_id = _first_case(uow, username, now)
        if case_id is not None:
            order_id = _work(runtime, officer, case_id, now)
            return Casework(cases=opened, worked_case=case_id, officer=username, order=order_id)
    return Casework(cases=opened, worked_case=None, officer=None, order=None)


def _first_case(uow: UnitOfWork, username: str, now: datetime) -> tuple[Principal, str | None]:
    """The officer, and the most urgent filed case of the platform's in their office's queue."""
    staff = uow.identity.staff_by_username(username)
    if staff is None or staff.office_id is None:
        raise RuntimeError(f"the demo world has no seated staff account {username!r}")
    officer = principal_of(uow, staff)
    wanted = CaseFilter(office=staff.office_id, states=(CaseState.FILED,))
    page = case_queue(uow, principal=officer, filter=wanted, sort=CaseSort.PRIORITY, limit=100, at=now)
    case = next((c for c in page.cases if c.platform_id == PLATFORM and c.content_id), None)
    return officer, None if case is None else case.id


def _work(runtime: Runtime, officer: Principal, case_id: str, now: datetime) -> str | None:
    """Take the case, step it to a decision and order the platform to remove the post."""
    with runtime.uow(write=True) as uow:
        at = now + STEP
        take_case(uow, actor=officer, case_id=case_id, at=at, reason="the most urgent case in the office's queue")
        steps = (
            (CaseState.INVESTIGATING, "checked the post against the cited article", None),
            (CaseState.UNDER_REVIEW, "evidence complete: the post and the rule's evidence spans", None),
            (CaseState.DECIDED, "the post is the scam the article prohibits", CaseOutcome.VIOLATION),
        )
        for to, reason, outcome in steps:
            at += STEP
            policy = runtime.statement_policy
            step_case(uow, actor=officer, case_id=case_id, to=to, reason=reason, outcome=outcome, at=at, policy=policy)
        uow.commit()
    with runtime.uow(write=True) as uow:
        return _order(uow, runtime, officer, case_id, at + STEP)


def _order(uow: UnitOfWork, runtime: Runtime, officer: Principal, case_id: str, at: datetime) -> str | None:
    case = uow.cases.case(case_id)
    if case is None or case.content_id is None:
        return None
    request = OrderRequest(
        platform=PLATFORM,
        kind=OrderKind.ACT,
        regulation=case.regulation,
        article=case.article,
        provisions=(f"{case.regulation} Art. {case.article}",),
        reasons=f"Case {case.id} found that the post breaches {case.regulation} Art. {case.article}.",
        items=(OrderItem(content_id=case.content_id),),
        action_requested=RequestedAction.REMOVE,
        deadline_hours=24,
        case_id=case.id,
    )
    try:
        row = issue_order(uow, actor=officer, request=request, regulations=runtime.rulebook.regulations, at=at)
    except NetgovError:
        # A demo rulebook without the case's regulation cannot back an order; the case stays decided.
        return None
    return row.id
