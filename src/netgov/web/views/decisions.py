"""The decisions list: filters as a GET form, keyset paging, the table alone for HTMX."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from netgov.core.taxonomy import Category
from netgov.service.decisions import list_decisions
from netgov.service.overview import decision_platforms
from netgov.web.filters import PAGE_SIZE, parse_query
from netgov.web.rendering import PagesDep, base_path, is_htmx
from netgov.web.sessions import RuntimeDep, SessionDep

router = APIRouter()


@router.get("/decisions", name="decisions")
def decisions_page(request: Request, pages: PagesDep, runtime: RuntimeDep, session: SessionDep) -> Response:
    query = parse_query(request.query_params)
    with runtime.uow() as uow:
        page = list_decisions(uow, session.principal, query.where(), after=query.cursor(), limit=PAGE_SIZE)
        platforms = decision_platforms(uow, principal=session.principal)
    # Browsers and proxies must not answer a full-page load with a cached fragment, or the reverse.
    headers = {"Vary": "HX-Request, HX-History-Restore-Request"}
    if is_htmx(request):
        # The address bar gets the tidy form of the query, not every empty field the form sent.
        canonical = f"{base_path(request)}/decisions" + (f"?{query.canonical()}" if query.canonical() else "")
        headers["HX-Push-Url"] = canonical
        return pages.render(request, "_decision_results.html", headers=headers, query=query, page=page)
    return pages.render(
        request,
        "decisions.html",
        headers=headers,
        session=session,
        query=query,
        page=page,
        platforms=platforms,
        categories=[category.value for category in Category],
    )
