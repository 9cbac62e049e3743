"""The case queue: the cases a principal may read, filtered, sorted and paged.

Filters are a GET form, so a filtered queue has an address; HTMX swaps the table alone.
The sort lives in the same query string: the column headers link to the filtered queue in
the other order, and the form carries the current order in a hidden field (which the
HTMX answer refreshes out of band, so a filter change keeps the order just chosen).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import msgspec
from fastapi import APIRouter, Request
from starlette.datastructures import QueryParams
from starlette.responses import Response

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError, PermissionDeniedError
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.identity.authorization import authorize
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.case_routing import case_resource
from netgov.service.case_views import CaseFilter, CaseSort, case_queue
from netgov.store.unit_of_work import UnitOfWork
from netgov.web.navigation import may_somewhere
from netgov.web.rendering import PagesDep, base_path, is_htmx
from netgov.web.sessions import RuntimeDep, SessionDep

router = APIRouter()

PAGE_SIZE = 50
OFFSET_MAX = 10**6
ASSIGNEES = {"": "anyone", "me": "me", "none": "nobody (unassigned)"}
SORTS = (CaseSort.DEADLINE, CaseSort.PRIORITY)


class QueueQuery(msgspec.Struct, frozen=True, kw_only=True):
    """The form's values as typed, empty meaning "any"."""

    office: str = ""
    states: tuple[str, ...] = ()
    assignee: str = ""
    category: str = ""
    source: str = ""
    overdue: bool = False
    sort: str = CaseSort.DEADLINE.value
    offset: int = 0

    def where(self) -> CaseFilter:
        return CaseFilter(
            office=self.office or None,
            states=tuple(CaseState(state) for state in self.states),
            assignee=self.assignee or None,
            category=Category(self.category) if self.category else None,
            source=CaseSource(self.source) if self.source else None,
            overdue=self.overdue,
        )

    def filtered(self) -> bool:
        return bool(self._filters())

    def query_string(self, *, sort: str | None = None, offset: int = 0) -> str:
        """The filters with ``sort`` (default: the current one) and ``offset`` when not 0."""
        pairs = [*self._filters(), ("sort", sort or self.sort)]
        if offset:
            pairs.append(("offset", str(offset)))
        return urlencode(pairs)

    def canonical(self) -> str:
        return self.query_string(offset=self.offset)

    def _filters(self) -> list[tuple[str, str]]:
        pairs = [(name, getattr(self, name)) for name in ("office", "assignee", "category", "source")]
        pairs += [("state", state) for state in self.states]
        pairs += [("overdue", "1")] if self.overdue else []
        return [(name, value) for name, value in pairs if value]


def parse_queue_query(params: QueryParams) -> QueueQuery:
    """The query string as a ``QueueQuery``; InvalidRequestError naming the field otherwise."""
    office = params.get("office", "").strip()
    if len(office) > 64 or not office.isprintable():
        raise InvalidRequestError("office must be an office id of at most 64 printable characters")
    states = tuple(dict.fromkeys(params.getlist("state")))
    _one_of("state", states, [state.value for state in CaseState])
    assignee, category, source = (params.get(name, "") for name in ("assignee", "category", "source"))
    _one_of("assignee", (assignee,), list(ASSIGNEES))
    _one_of("category", (category,), ["", *(c.value for c in Category)])
    _one_of("source", (source,), ["", *(s.value for s in CaseSource)])
    sort = params.get("sort", "") or CaseSort.DEADLINE.value
    _one_of("sort", (sort,), [s.value for s in SORTS])
    overdue = params.get("overdue", "")
    _one_of("overdue", (overdue,), ["", "1", "on"])
    return QueueQuery(
        office=office,
        states=states,
        assignee=assignee,
        category=category,
        source=source,
        overdue=bool(overdue),
        sort=sort,
        offset=_offset(params.get("offset", "")),
    )


def _one_of(name: str, values: tuple[str, ...], allowed: list[str]) -> None:
    for value in values:
        if value not in allowed:
            shown = ", ".join(repr(option) for option in allowed if option)
            raise InvalidRequestError(f"{name} must be one of {shown}, not {value[:64]!r}")


def _offset(text: str) -> int:
    if not text:
        return 0
    if not text.isascii() or not text.isdigit() or int(text) > OFFSET_MAX:
        raise InvalidRequestError(f"offset must be a whole number from 0 to {OFFSET_MAX}, not {text[:20]!r}")
    return int(text)


def readable_offices(uow: UnitOfWork, principal: Principal) -> list[tuple[str, str]]:
    """(id, name) of the offices whose cases ``principal`` may read, by jurisdiction."""
    offices = sorted(uow.places.offices(), key=lambda office: office.jurisdiction_code)
    return [(o.id, o.name) for o in offices if authorize(principal, Activity.CASE_READ, case_resource(o))]


@router.get("/cases", name="cases")
def cases_page(request: Request, pages: PagesDep, runtime: RuntimeDep, session: SessionDep) -> Response:
    principal = session.principal
    if not may_somewhere(principal, Activity.CASE_READ):
        raise PermissionDeniedError(f"{principal.name} holds no role that may {Activity.CASE_READ.value}")
    query = parse_queue_query(request.query_params)
    with runtime.uow() as uow:
        page = case_queue(
            uow,
            principal=principal,
            filter=query.where(),
            sort=CaseSort(query.sort),
            limit=PAGE_SIZE,
            offset=query.offset,
            at=runtime.clock(),
        )
        offices = readable_offices(uow, principal) if not is_htmx(request) else []
    # Browsers and proxies must not answer a full-page load with a cached fragment, or the reverse.
    headers = {"Vary": "HX-Request, HX-History-Restore-Request"}
    shown: dict[str, Any] = {"query": query, "page": page, "page_size": PAGE_SIZE}
    if is_htmx(request):
        headers["HX-Push-Url"] = f"{base_path(request)}/cases?{query.canonical()}"
        return pages.render(request, "_case_results.html", headers=headers, oob=True, **shown)
    return pages.render(
        request, "cases.html", headers=headers, session=session, oob=False, offices=offices, **shown, **_CHOICES
    )


# The form's fixed options.
_CHOICES: dict[str, Any] = {
    "states": [state.value for state in CaseState],
    "categories": [category.value for category in Category],
    "sources": [source.value for source in CaseSource],
    "assignees": ASSIGNEES,
}
