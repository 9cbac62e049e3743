"""Trusted flaggers in the console: the public list (DSA Art. 22(5)) with each flagger's
office, expertise, term, status and accuracy; for ``flagger.manage``, the grant form and a
revoke form per flagger of an office one manages.

Granting answers with the page and the flagger's submission key, shown this once (only its
digest is stored): the answer is not a redirect, so the key is in no address and no history.
Revoking asks for a reason, which the flagger is told when it sends the key again.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any

import msgspec
from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError, ServiceError
from netgov.governance.flaggers import FlaggerGrant
from netgov.identity.authorization import Resource, authorize
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.flaggers import Granted, grant_flagger, list_flaggers, revoke_flagger
from netgov.service.runtime import Runtime
from netgov.store.tables import OfficeRow
from netgov.web.csrf import CheckedSessionDep
from netgov.web.rendering import Pages, PagesDep, base_path
from netgov.web.sessions import ConsoleSession, RuntimeDep, SessionDep
from netgov.web.views.case import check_id
from netgov.web.views.case_actions import text

router = APIRouter()

FIELD_LIMIT = 2000
DONE = {"revoked": "The trusted-flagger status was revoked; the flagger is told why when it next sends its key."}


class GrantForm(msgspec.Struct, kw_only=True):
    """The grant form as typed: ``expires_on`` a date (the status ends at its start, UTC)."""

    name: str = ""
    office: str = ""
    expertise: list[str] = msgspec.field(default_factory=list)
    expires_on: str = ""
    contact: str = ""

    def to_grant(self) -> FlaggerGrant:
        for name in ("name", "office", "expires_on", "contact"):
            value: str = getattr(self, name)
            if len(value) > FIELD_LIMIT:
                raise InvalidRequestError(f"{name}: at most {FIELD_LIMIT} characters")
            text(name, value)
        return FlaggerGrant(
            name=self.name,
            expertise=tuple(_category(value) for value in self.expertise),
            expires_at=_day(self.expires_on),
            contact=self.contact.strip() or None,
        )


@router.get("/flaggers", name="flaggers")
def flaggers_page(request: Request, pages: PagesDep, runtime: RuntimeDep, session: SessionDep) -> Response:
    done = DONE.get(request.query_params.get("done", ""))
    return _page(request, pages, runtime, session, form=GrantForm(), done=done)


@router.post("/flaggers", name="flagger_grant")
async def grant(request: Request, pages: PagesDep, runtime: RuntimeDep, session: CheckedSessionDep) -> Response:
    submitted = await request.form()
    values = {name: submitted.get(name, "") for name in ("name", "office", "expires_on", "contact")}
    form = GrantForm(
        **{name: value for name, value in values.items() if isinstance(value, str)},
        expertise=[value for value in submitted.getlist("expertise") if isinstance(value, str)],
    )
    # The database work runs in the thread pool, as a plain (sync) route's would.
    return await run_in_threadpool(_grant, request, pages, runtime, session, form)


@router.post("/flaggers/{flagger_id}/revocation", name="flagger_revoke")
def revoke(
    request: Request,
    flagger_id: str,
    pages: PagesDep,
    runtime: RuntimeDep,
    session: CheckedSessionDep,
    reason: Annotated[str, Form()] = "",
) -> Response:
    check_id(flagger_id, "trusted flagger")
    try:
        why = text("reason", reason)
        with runtime.uow(write=True) as uow:
            revoke_flagger(uow, actor=session.principal, flagger_id=flagger_id, reason=why, at=runtime.clock())
    except ServiceError as refused:
        if refused.status in (403, 404):
            raise
        return _page(request, pages, runtime, session, form=GrantForm(), error=refused)
    return RedirectResponse(f"{base_path(request)}/flaggers?done=revoked", status_code=303)


def _grant(request: Request, pages: Pages, runtime: Runtime, session: ConsoleSession, form: GrantForm) -> Response:
    try:
        with runtime.uow(write=True) as uow:
            granted = grant_flagger(
                uow, actor=session.principal, grant=form.to_grant(), office=form.office or None, at=runtime.clock()
            )
    except ServiceError as refused:
        if refused.status in (403, 404):
            raise
        return _page(request, pages, runtime, session, form=form, error=refused)
    return _page(request, pages, runtime, session, form=GrantForm(), granted=granted)


def _page(
    request: Request,
    pages: Pages,
    runtime: Runtime,
    session: ConsoleSession,
    *,
    form: GrantForm,
    error: ServiceError | None = None,
    granted: Granted | None = None,
    done: str | None = None,
) -> Response:
    principal, now = session.principal, runtime.clock()
    with runtime.uow() as uow:
        flaggers = list_flaggers(uow, actor=principal, at=now)
        offices = {office.id: office for office in uow.places.offices()}
        member = uow.identity.staff_by_username(principal.id) if principal.kind == "staff" else None
    managed = [office for office in offices.values() if _manages(principal, office)]
    context: dict[str, Any] = {
        "flaggers": flaggers,
        "offices": offices,
        "managed": {office.id for office in managed},
        "grant_offices": sorted(managed, key=lambda office: office.jurisdiction_code),
        "categories": [category.value for category in Category],
        "form": form,
        "seat": member.office_id if member is not None else None,
        "error": error,
        "granted": granted,
        "done": done,
        "today": now.date().isoformat(),
    }
    return pages.render(request, "flaggers.html", status=error.status if error else 200, session=session, **context)


def _manages(principal: Principal, office: OfficeRow) -> bool:
    # As ``service.flaggers`` asks: flagger.manage over the granting office's jurisdiction.
    where = Resource(kind="trusted_flagger", jurisdiction=office.jurisdiction_code)
    return bool(authorize(principal, Activity.FLAGGER_MANAGE, where))


def _category(value: str) -> Category:
    try:
        return Category(value)
    except ValueError:
        raise InvalidRequestError(f"expertise: {value[:60]!r} is not a category of the taxonomy") from None


def _day(value: str) -> datetime:
    try:
        return datetime.combine(date.fromisoformat(value.strip()), time(), tzinfo=UTC)
    except ValueError:
        raise InvalidRequestError("expires_on: give the day the status ends, e.g. 2027-06-01") from None
