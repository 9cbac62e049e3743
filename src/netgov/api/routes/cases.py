"""Enforcement cases for staff: the queue, one case, and every step a case can take.

Staff sign in at ``POST /v1/sessions`` and send the token as ``Authorization: Bearer …``;
what each may see and do is decided by the service (``netgov.service.cases``), which
answers a refusal with its reason (403), an unknown case with 404 and a step the procedure
does not allow with 409. Every change is in the case's timeline and the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

import msgspec
from fastapi import APIRouter, Path, Query, Request, Response

from netgov.api.deps import PrincipalDep, RuntimeDep
from netgov.api.schemas.cases import (
    AssignmentCreate,
    CaseCreate,
    CaseDetailPublic,
    CasePagePublic,
    CaseSummaryPublic,
    DeadlinePolicyPublic,
    DeadlinePolicyUpdate,
    OfficeMove,
    ReasonCreate,
    ReferralCreate,
    ReferralPublic,
    ReferralUpdate,
    TransitionCreate,
    Username,
    public,
)
from netgov.api.schemas.openapi import problems
from netgov.core.taxonomy import Category
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.identity.principal import Principal
from netgov.service import case_deadlines, case_views, cases
from netgov.service.case_views import CaseFilter, CaseSort
from netgov.service.runtime import Runtime
from netgov.store.unit_of_work import UnitOfWork

router = APIRouter(prefix="/v1", tags=["cases"])

CaseId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="A case id, e.g. `case_6f1c…`")]
ReferralId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="A referral id, e.g. `ref_…`")]
OfficeQuery = Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="Only this office's cases")]

_STEP = problems(401, 403, 404, 409, 422)


@router.get("/cases", summary="The case queue", responses=problems(401, 422))
def list_cases(
    request: Request,
    principal: PrincipalDep,
    runtime: RuntimeDep,
    office: OfficeQuery = None,
    state: Annotated[list[CaseState] | None, Query(description="Only cases in these states (repeat it)")] = None,
    assignee: Annotated[Username | None, Query(description="`me`, a username, or `none` (unassigned)")] = None,
    category: Annotated[Category | None, Query(description="Only cases of this category")] = None,
    source: Annotated[CaseSource | None, Query(description="Only cases from this source")] = None,
    overdue: Annotated[bool, Query(description="Only open cases whose deadline has passed")] = False,
    sort: Annotated[
        CaseSort, Query(description="Nearest deadline, highest priority, or newest first")
    ] = CaseSort.DEADLINE,
    limit: Annotated[int, Query(ge=1, le=case_views.PAGE_MAX, description="Cases per page")] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Cases to skip (`next_offset` of the last page)")] = 0,
) -> CasePagePublic:
    """The cases you may read (`case.read`) that match the filters, one page; follow `next`
    until it is null. `total` counts every match across pages."""
    where = CaseFilter(
        office=office, states=tuple(state or ()), assignee=assignee, category=category, source=source, overdue=overdue
    )
    with runtime.uow() as uow:
        page = case_views.case_queue(
            uow, principal=principal, filter=where, sort=sort, limit=limit, offset=offset, at=runtime.clock()
        )
    following = None if page.next_offset is None else str(request.url.include_query_params(offset=page.next_offset))
    return CasePagePublic(
        cases=[public(CaseSummaryPublic, case) for case in page.cases],
        total=page.total,
        next_offset=page.next_offset,
        next=following,
    )


@router.post(
    "/cases",
    status_code=201,
    summary="Open a case",
    responses={
        200: {"description": "A case for this source and source_ref existed; it is returned as it is"},
        **problems(401, 403, 422),
    },
)
def create_case(body: CaseCreate, response: Response, principal: PrincipalDep, runtime: RuntimeDep) -> CaseDetailPublic:
    """Open a case by hand; it is routed to the lowest office covering `jurisdiction` and
    its least-loaded eligible member. Idempotent by (`source`, `source_ref`)."""
    with runtime.uow(write=True) as uow:
        opened = cases.open_case_once(uow, actor=principal, new=cases.NewCase(**body.model_dump()), at=runtime.clock())
        uow.commit()
        case_id = opened.case.id
    response.headers["Location"] = f"/v1/cases/{case_id}"
    if not opened.created:
        response.status_code = 200
    return _detail(runtime, principal, case_id)


def _act(
    runtime: Runtime, principal: Principal, case_id: str, service: Callable[..., object], **arguments: object
) -> CaseDetailPublic:
    """Run one case service as ``principal`` now, commit, and answer with the case as it stands."""
    with runtime.uow(write=True) as uow:
        service(uow, actor=principal, case_id=case_id, at=runtime.clock(), **arguments)
        uow.commit()
    return _detail(runtime, principal, case_id)


@router.get("/cases/{case_id}", summary="One case", responses=problems(401, 403, 404, 422))
def get_case(case_id: CaseId, principal: PrincipalDep, runtime: RuntimeDep) -> CaseDetailPublic:
    """The case with its legal basis (the article's text), next steps, timeline, referrals
    and orders. The post's text is not here: read it through the audited decision reveal."""
    return _detail(runtime, principal, case_id)


@router.post("/cases/{case_id}/take", summary="Take a case", responses=_STEP)
def take(case_id: CaseId, principal: PrincipalDep, runtime: RuntimeDep) -> CaseDetailPublic:
    """Assign the case to yourself (staff who may work cases in its office)."""
    return _act(runtime, principal, case_id, cases.take_case)


@router.post("/cases/{case_id}/transitions", summary="Step a case along its procedure", responses=_STEP)
def step(case_id: CaseId, body: TransitionCreate, principal: PrincipalDep, runtime: RuntimeDep) -> CaseDetailPublic:
    """Move the case to `to`; 409 names the steps allowed from its state. `outcome` is
    needed when deciding and when closing before a decision."""
    return _act(
        runtime,
        principal,
        case_id,
        cases.step_case,
        to=body.to,
        reason=body.reason,
        outcome=body.outcome,
        policy=runtime.statement_policy,
    )


@router.post("/cases/{case_id}/assignment", summary="Assign a case", responses=_STEP)
def assign(case_id: CaseId, body: AssignmentCreate, principal: PrincipalDep, runtime: RuntimeDep) -> CaseDetailPublic:
    """Hand the case to `staff` in its office, or by workload without it (`case.assign`)."""
    return _act(runtime, principal, case_id, cases.assign_case, staff=body.staff, reason=body.reason)


@router.post("/cases/{case_id}/take-over", summary="Take a case over to your office", responses=_STEP)
def take_over(case_id: CaseId, body: ReasonCreate, principal: PrincipalDep, runtime: RuntimeDep) -> CaseDetailPublic:
    """Your office, which must sit above the case's, takes the case over."""
    return _act(runtime, principal, case_id, cases.take_over, reason=body.reason)


@router.post("/cases/{case_id}/designation", summary="Designate an office for a case", responses=_STEP)
def designate(case_id: CaseId, body: OfficeMove, principal: PrincipalDep, runtime: RuntimeDep) -> CaseDetailPublic:
    """Send the case to `office` within your subtree (`case.assign` over both offices)."""
    return _act(runtime, principal, case_id, cases.designate, office_id=body.office, reason=body.reason)


@router.post("/cases/{case_id}/transfer", summary="Transfer a case sideways", responses=_STEP)
def transfer(case_id: CaseId, body: OfficeMove, principal: PrincipalDep, runtime: RuntimeDep) -> CaseDetailPublic:
    """Send the case to `office`, one you may assign or work cases in, with a reason."""
    return _act(runtime, principal, case_id, cases.transfer, office_id=body.office, reason=body.reason)


@router.post("/cases/{case_id}/referrals", status_code=201, summary="Refer a case to an agency", responses=_STEP)
def refer(case_id: CaseId, body: ReferralCreate, principal: PrincipalDep, runtime: RuntimeDep) -> ReferralPublic:
    """Refer the case to another agency (police, a data-protection authority...); status `sent`."""
    with runtime.uow(write=True) as uow:
        row = cases.refer(
            uow, actor=principal, case_id=case_id, agency=body.agency, reason=body.reason, at=runtime.clock()
        )
        uow.commit()
        referral_id = row.id
    return _referral(runtime, principal, case_id, referral_id)


@router.patch("/referrals/{referral_id}", summary="Record a referral's progress", responses=_STEP)
def update_referral(
    referral_id: ReferralId, body: ReferralUpdate, principal: PrincipalDep, runtime: RuntimeDep
) -> ReferralPublic:
    """Move the referral to `status` (409 names the allowed ones), with the agency's reference."""
    with runtime.uow(write=True) as uow:
        row = cases.update_referral(
            uow,
            actor=principal,
            referral_id=referral_id,
            status=body.status.value,
            reference=body.reference,
            reason=body.reason,
            at=runtime.clock(),
        )
        uow.commit()
        case_id = row.case_id
    return _referral(runtime, principal, case_id, referral_id)


@router.get("/deadline-policies", summary="The deadline rules in force", responses=problems(401))
def list_deadline_policies(principal: PrincipalDep, runtime: RuntimeDep) -> list[DeadlinePolicyPublic]:
    """Working hours allowed and the warning margin per (category, source); `*` matches any.
    The most specific rule applies; `origin` says whether it is built in or configured."""
    with runtime.uow() as uow:
        rules = case_deadlines.deadline_rules(uow)
        configured = {(row.category, row.source) for row in uow.cases.deadline_policies()}
    return [
        DeadlinePolicyPublic(
            **msgspec.structs.asdict(rule), origin="configured" if rule.key in configured else "built-in"
        )
        for rule in rules.rules
    ]


@router.put("/deadline-policies/{category}/{source}", summary="Set a deadline rule", responses=problems(401, 403, 422))
def put_deadline_policy(
    category: Annotated[Category | Literal["*"], Path(description="A category or `*` (any)")],
    source: Annotated[CaseSource | Literal["*"], Path(description="A case source or `*` (any)")],
    body: DeadlinePolicyUpdate,
    principal: PrincipalDep,
    runtime: RuntimeDep,
) -> DeadlinePolicyPublic:
    """Configure the rule for (category, source); new deadlines use it (a national `case.assign` grant)."""
    with runtime.uow(write=True) as uow:
        rule = case_deadlines.set_deadline_rule(
            uow,
            actor=principal,
            category=str(category),
            source=str(source),
            working_hours=body.working_hours,
            warn_hours=body.warn_hours,
            reason=body.reason,
            at=runtime.clock(),
        )
        uow.commit()
    return DeadlinePolicyPublic(**msgspec.structs.asdict(rule), origin="configured")


def _detail(runtime: Runtime, principal: Principal, case_id: str) -> CaseDetailPublic:
    with runtime.uow() as uow:
        detail = _read(uow, runtime, principal, case_id)
    result: CaseDetailPublic = public(CaseDetailPublic, detail)
    return result


def _read(uow: UnitOfWork, runtime: Runtime, principal: Principal, case_id: str) -> case_views.CaseDetail:
    return case_views.case_detail(
        uow, principal=principal, case_id=case_id, at=runtime.clock(), rulebook=runtime.rulebook
    )


def _referral(runtime: Runtime, principal: Principal, case_id: str, referral_id: str) -> ReferralPublic:
    with runtime.uow() as uow:
        detail = _read(uow, runtime, principal, case_id)
    found = next(referral for referral in detail.referrals if referral.id == referral_id)
    result: ReferralPublic = public(ReferralPublic, found)
    return result
