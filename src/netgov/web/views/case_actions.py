"""The case page's forms: take, step, assign, take over, designate, transfer, refer and
update a referral. Each is a CSRF-checked POST that calls one service function, commits
and redirects back to the case (POST-redirect-GET, so a reload repeats nothing).

A refusal (an illegal step, a missing reason, someone else's case...) comes back as the
case page with the service's message and its status (403, 404, 409, 422), nothing done.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from netgov.errors import InvalidRequestError, NotAuthenticatedError, NotFoundError, ServiceError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.service.cases import (
    assign_case,
    designate,
    refer,
    step_case,
    take_case,
    take_over,
    transfer,
    update_referral,
)
from netgov.service.runtime import Runtime
from netgov.store.unit_of_work import UnitOfWork
from netgov.web.csrf import CheckedSessionDep
from netgov.web.rendering import Pages, PagesDep, base_path
from netgov.web.sessions import ConsoleSession, RuntimeDep
from netgov.web.views.case import check_id, read_case, render_case

router = APIRouter()

FormText = Annotated[str, Form()]
Action = Callable[[UnitOfWork, datetime], object]


class _Form:
    """What every action needs: the request, its case and the console's parts."""

    def __init__(self, request: Request, case_id: str, pages: Pages, runtime: Runtime, session: ConsoleSession) -> None:
        self.request, self.case_id, self.pages, self.runtime, self.session = request, case_id, pages, runtime, session
        self.actor = session.principal

    def run(self, done: str, action: Action) -> Response:
        """Do ``action`` in one unit of work and redirect to the case; or show the refusal."""
        try:
            with self.runtime.uow(write=True) as uow:
                action(uow, self.runtime.clock())
                uow.commit()
        except NotAuthenticatedError:
            raise
        except ServiceError as refused:
            shown = read_case(self.runtime, self.actor, self.case_id)
            return render_case(self.request, self.pages, self.session, shown, status=refused.status, error=refused)
        target = f"{base_path(self.request)}/cases/{quote(self.case_id, safe='')}?done={done}"
        return RedirectResponse(target, status_code=303)


def _form(request: Request, case_id: str, pages: PagesDep, runtime: RuntimeDep, session: CheckedSessionDep) -> _Form:
    check_id(case_id, "case")
    return _Form(request, case_id, pages, runtime, session)


FormDep = Annotated[_Form, Depends(_form)]


@router.post("/cases/{case_id}/take", name="case_take")
def take(form: FormDep) -> Response:
    return form.run("taken", lambda uow, at: take_case(uow, actor=form.actor, case_id=form.case_id, at=at))


@router.post("/cases/{case_id}/step", name="case_step")
def step(form: FormDep, to: FormText = "", reason: FormText = "", outcome: FormText = "") -> Response:
    def action(uow: UnitOfWork, at: datetime) -> object:
        target, result = _state(to), _outcome(outcome)
        why = text("reason", reason)
        policy = form.runtime.statement_policy
        return step_case(
            uow, actor=form.actor, case_id=form.case_id, to=target, reason=why, outcome=result, at=at, policy=policy
        )

    return form.run("stepped", action)


@router.post("/cases/{case_id}/assign", name="case_assign")
def assign(form: FormDep, staff: FormText = "", reason: FormText = "") -> Response:
    def action(uow: UnitOfWork, at: datetime) -> object:
        member, why = text("staff", staff).strip() or None, text("reason", reason)
        return assign_case(uow, actor=form.actor, case_id=form.case_id, staff=member, reason=why, at=at)

    return form.run("assigned", action)


@router.post("/cases/{case_id}/take-over", name="case_take_over")
def take_over_case(form: FormDep, reason: FormText = "") -> Response:
    def action(uow: UnitOfWork, at: datetime) -> object:
        return take_over(uow, actor=form.actor, case_id=form.case_id, reason=text("reason", reason), at=at)

    return form.run("taken_over", action)


@router.post("/cases/{case_id}/designate", name="case_designate")
def designate_case(form: FormDep, office: FormText = "", reason: FormText = "") -> Response:
    def action(uow: UnitOfWork, at: datetime) -> object:
        target, why = _office(office), text("reason", reason)
        return designate(uow, actor=form.actor, case_id=form.case_id, office_id=target, reason=why, at=at)

    return form.run("designated", action)


@router.post("/cases/{case_id}/transfer", name="case_transfer")
def transfer_case(form: FormDep, office: FormText = "", reason: FormText = "") -> Response:
    def action(uow: UnitOfWork, at: datetime) -> object:
        target, why = _office(office), text("reason", reason)
        return transfer(uow, actor=form.actor, case_id=form.case_id, office_id=target, reason=why, at=at)

    return form.run("transferred", action)


@router.post("/cases/{case_id}/referrals", name="case_refer")
def refer_case(form: FormDep, agency: FormText = "", reason: FormText = "") -> Response:
    def action(uow: UnitOfWork, at: datetime) -> object:
        name, why = text("agency", agency), text("reason", reason)
        return refer(uow, actor=form.actor, case_id=form.case_id, agency=name, reason=why, at=at)

    return form.run("referred", action)


@router.post("/cases/{case_id}/referrals/{referral_id}", name="case_referral")
def update_case_referral(
    form: FormDep, referral_id: str, status: FormText = "", reference: FormText = "", reason: FormText = ""
) -> Response:
    check_id(referral_id, "referral")

    def action(uow: UnitOfWork, at: datetime) -> object:
        given = text("reference", reference).strip() or None
        row = update_referral(
            uow,
            actor=form.actor,
            referral_id=referral_id,
            status=text("status", status),
            reference=given,
            reason=text("reason", reason),
            at=at,
        )
        if row.case_id != form.case_id:
            # Rolled back with the unit of work: a referral is updated from its own case's page.
            raise NotFoundError(f"case {form.case_id} has no referral {referral_id!r}")
        return row

    return form.run("referral_updated", action)


def text(name: str, value: str) -> str:
    """A form field as the services take it; control characters (NUL upsets PostgreSQL)
    are refused here, naming the field, rather than failing in the database."""
    if any(not (ch.isprintable() or ch in "\n\r\t") for ch in value):
        raise InvalidRequestError(f"{name}: text only, without control characters")
    return value


def _state(value: str) -> CaseState:
    try:
        return CaseState(value)
    except ValueError:
        states = ", ".join(state.value for state in CaseState)
        raise InvalidRequestError(f"to: choose the step to take, one of {states}; not {value[:40]!r}") from None


def _outcome(value: str) -> CaseOutcome | None:
    if not value:
        return None
    try:
        return CaseOutcome(value)
    except ValueError:
        outcomes = ", ".join(outcome.value for outcome in CaseOutcome)
        raise InvalidRequestError(f"outcome: one of {outcomes}; not {value[:40]!r}") from None


def _office(value: str) -> str:
    office = text("office", value).strip()
    if not office:
        raise InvalidRequestError("office: choose the office the case goes to")
    return office
