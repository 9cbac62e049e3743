"""Notices in the console: the list within the reader's scope (``notice.read``), newest first,
filtered by status, brigade flag and trusted flagger, each linked to the case(s) it joined.

The filters are a GET form (updated in place by HTMX), so a filtered list has an address;
pages follow a cursor (the last notice's time and id), so new notices never shift a page.
Who reported is not listed: it is read on the case page, with a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import msgspec
from fastapi import APIRouter, Request
from starlette.responses import Response

from netgov.errors import InvalidRequestError
from netgov.governance.notices import NoticeStatus
from netgov.identity.principal import Principal
from netgov.identity.roles import Activity
from netgov.service.flaggers import list_flaggers
from netgov.service.notice_views import list_notices
from netgov.store.repositories.notices import NoticeCursor, NoticeFilter, decode_cursor, encode_cursor
from netgov.web.navigation import may_somewhere
from netgov.web.rendering import PagesDep, base_path, is_htmx
from netgov.web.sessions import RuntimeDep, SessionDep

router = APIRouter()

PAGE_SIZE = 50
_FIELDS = ("status", "brigade", "flagger")
STATUS_BADGES = {
    "received": "badge-label",
    "forwarded": "badge-label",
    "in_review": "badge-hold_for_review",
    "decided": "badge-allow",
}


class NoticeQuery(msgspec.Struct, frozen=True, kw_only=True):
    """The list's filters as typed, empty meaning "any"; ``after`` is an encoded cursor."""

    status: str = ""
    brigade: str = ""  # "", "yes" or "no"
    flagger: str = ""  # a flagger id, or "none" for the public's notices
    after: str = ""

    def where(self) -> NoticeFilter:
        return NoticeFilter(
            status=self.status or None,
            brigade={"yes": True, "no": False}.get(self.brigade),
            flagger_id=self.flagger if self.flagger not in ("", "none") else None,
            trusted=False if self.flagger == "none" else None,
        )

    def cursor(self) -> NoticeCursor | None:
        if not self.after:
            return None
        try:
            return decode_cursor(self.after)
        except ValueError:
            raise InvalidRequestError("after: the page cursor is not valid; start again from the first page") from None

    def query_string(self, *, after: NoticeCursor | None = None) -> str:
        pairs = [(name, getattr(self, name)) for name in _FIELDS if getattr(self, name)]
        return urlencode([*pairs, *([("after", encode_cursor(after))] if after is not None else [])])

    def canonical(self) -> str:
        pairs = [(name, getattr(self, name)) for name in (*_FIELDS, "after") if getattr(self, name)]
        return urlencode(pairs)

    def filtered(self) -> bool:
        return any(getattr(self, name) for name in _FIELDS)


def parse_query(params: Mapping[str, str]) -> NoticeQuery:
    values = {name: params.get(name, "").strip() for name in (*_FIELDS, "after")}
    if values["status"] and values["status"] not in {status.value for status in NoticeStatus}:
        raise InvalidRequestError(f"status must be one of {', '.join(NoticeStatus)}, not {values['status'][:40]!r}")
    if values["brigade"] not in ("", "yes", "no"):
        raise InvalidRequestError("brigade must be yes, no or empty")
    for name in ("flagger", "after"):
        if len(values[name]) > 200 or not values[name].isprintable():
            raise InvalidRequestError(f"{name} must be printable text of at most 200 characters")
    query = NoticeQuery(**values)
    query.cursor()
    return query


@router.get("/notices", name="notices")
def notices_page(request: Request, pages: PagesDep, runtime: RuntimeDep, session: SessionDep) -> Response:
    query = parse_query(request.query_params)
    principal = session.principal
    with runtime.uow() as uow:
        page = list_notices(uow, principal, query.where(), after=query.cursor(), limit=PAGE_SIZE)
        flaggers = list_flaggers(uow, actor=principal, at=runtime.clock()) if _lists_flaggers(principal) else []
    headers = {"Vary": "HX-Request, HX-History-Restore-Request"}
    context: dict[str, Any] = {
        "query": query,
        "page": page,
        "badges": STATUS_BADGES,
        "reads_cases": may_somewhere(principal, Activity.CASE_READ),
    }
    if is_htmx(request):
        canonical = f"{base_path(request)}/notices" + (f"?{query.canonical()}" if query.canonical() else "")
        headers["HX-Push-Url"] = canonical
        return pages.render(request, "_notice_results.html", headers=headers, **context)
    statuses = [status.value for status in NoticeStatus]
    return pages.render(
        request, "notices.html", headers=headers, session=session, statuses=statuses, flaggers=flaggers, **context
    )


def _lists_flaggers(principal: Principal) -> bool:
    # As ``list_flaggers`` asks: anyone who reads notices or manages flaggers somewhere.
    return may_somewhere(principal, Activity.NOTICE_READ) or may_somewhere(principal, Activity.FLAGGER_MANAGE)
