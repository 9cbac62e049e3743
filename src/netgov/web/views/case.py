"""One case: its state and deadline, the content and evidence, the rule and its article,
the notices a report case merges or the decision an appeal case reviews, referrals, orders,
the timeline, and the forms for what the principal may do next.

The post's text is not on this page: it is personal data, read on the decision's page
through the audited reveal (``views/decision.py``). The evidence shown here is what the
decision stored: list entries, spans and digests, never the matched text itself.
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from netgov.core.decision import Decision
from netgov.errors import NotFoundError, ServiceError
from netgov.governance.referrals import SUGGESTED_AGENCIES
from netgov.identity.principal import Principal
from netgov.service.case_appeals import CaseAppeal, case_appeal
from netgov.service.case_notices import CaseNotices, case_notices
from netgov.service.case_views import CaseDetail, case_detail
from netgov.service.decisions import get_decision
from netgov.service.notice_views import Reporter
from netgov.service.runtime import Runtime
from netgov.web.rendering import Pages, PagesDep
from netgov.web.sessions import ConsoleSession, RuntimeDep, SessionDep
from netgov.web.views.case_offers import Offers, case_offers

router = APIRouter()

# What a successful form did, shown once on the page it redirects to (POST-redirect-GET).
DONE = {
    "taken": "You took the case.",
    "stepped": "The case moved to its next step.",
    "assigned": "The case was assigned.",
    "taken_over": "Your office took the case over.",
    "designated": "The case was designated to the office you chose.",
    "transferred": "The case was transferred.",
    "referred": "The case was referred.",
    "referral_updated": "The referral was updated.",
}


class CaseView(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the page shows: the case, its decision (when readable) and the offers."""

    case: CaseDetail
    decision: Decision | None
    # Why the decision is not shown (not readable by this principal, or gone); None when shown.
    decision_note: str | None
    offers: Offers
    # A report case's notices; an appeal case's appeal and the decision it reviews.
    notices: CaseNotices | None = None
    appeal: CaseAppeal | None = None
    # Who reported, by notice id: only after the reader asked with a reason (audited).
    reporters: dict[str, Reporter] = msgspec.field(default_factory=dict)


@router.get("/cases/{case_id}", name="case")
def case_page(
    request: Request,
    case_id: str,
    pages: PagesDep,
    runtime: RuntimeDep,
    session: SessionDep,
    done: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    check_id(case_id, "case")
    shown = read_case(runtime, session.principal, case_id)
    return render_case(request, pages, session, shown, done=DONE.get(done))


def read_case(runtime: Runtime, principal: Principal, case_id: str) -> CaseView:
    """The case as ``principal`` may see it (403/404 from the service otherwise)."""
    with runtime.uow() as uow:
        detail = case_detail(uow, principal=principal, case_id=case_id, at=runtime.clock(), rulebook=runtime.rulebook)
        decision, note = None, None
        if detail.decision_id is not None:
            try:
                decision = get_decision(uow, principal, detail.decision_id)
            except ServiceError as refused:
                note = str(refused)
        return CaseView(
            case=detail,
            decision=decision,
            decision_note=note,
            offers=case_offers(uow, principal, detail),
            notices=case_notices(uow, principal=principal, case_id=case_id, at=runtime.clock()),
            appeal=case_appeal(
                uow, principal=principal, case_id=case_id, window_days=runtime.settings.appeal_window_days
            ),
        )


def render_case(
    request: Request,
    pages: Pages,
    session: ConsoleSession,
    shown: CaseView,
    *,
    status: int = 200,
    error: ServiceError | None = None,
    done: str | None = None,
) -> Response:
    return pages.render(
        request,
        "case.html",
        status=status,
        session=session,
        view=shown,
        case=shown.case,
        offers=shown.offers,
        error=error,
        done=done,
        agencies=SUGGESTED_AGENCIES,
    )


def check_id(value: str, what: str) -> None:
    # Ids are short printable strings; anything else names nothing (and NUL would upset PostgreSQL).
    if len(value) > 64 or not value.isprintable():
        raise NotFoundError(f"no {what} {value[:64]!r}")
