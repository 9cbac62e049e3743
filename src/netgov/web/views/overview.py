"""The home page: how many decisions, by action and by category, the user may read, and
the orders that need attention (overdue ones for regulators, open ones for platforms)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from netgov.service.order_views import orders_panel
from netgov.service.overview import overview
from netgov.web.rendering import PagesDep
from netgov.web.sessions import RuntimeDep, SessionDep

router = APIRouter()


@router.get("/", name="overview")
def overview_page(request: Request, pages: PagesDep, runtime: RuntimeDep, session: SessionDep) -> Response:
    with runtime.uow() as uow:
        figures = overview(uow, principal=session.principal)
        orders = orders_panel(uow, session.principal, at=runtime.clock())
    return pages.render(request, "overview.html", session=session, figures=figures, orders=orders)
