"""The public reporting form (DSA Art. 16) and its receipt.

    GET  /portal/report      the form: several locations, platform, place, category, who you are (optional)
    POST /portal/report      file it (or, with "add another location", show one more row)

Works without JavaScript: the form starts with a few location rows, and its "Add another
location" button posts the form back to be shown again with one row more, everything
typed kept. A refused notice shows the form again with a summary of every problem, each
linked to its field. A filed one shows the receipt, with the query code to keep.
"""

from __future__ import annotations

from typing import TypeVar

import msgspec
from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import Response

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError
from netgov.governance.notices import Addressee, NoticeDraft, NoticeItem
from netgov.portal.forms import check_form, form_token, remember_token
from netgov.portal.rendering import PortalPages, PortalPagesDep
from netgov.service.notice_filing import Filer, Receipt, file_notice
from netgov.service.notice_views import report_choices
from netgov.service.runtime import Runtime

router = APIRouter()
Option = TypeVar("Option", Addressee, Category)

FIRST_ROWS = 3
FIELD_LIMIT = 20_000
_TEXT_FIELDS = ("addressee", "platform", "jurisdiction", "category", "explanation", "reporter_name", "reporter_email")


class ReportForm(msgspec.Struct, kw_only=True):
    """The form as typed: location rows are two lists, one entry per row."""

    addressee: str = Addressee.REGULATOR.value
    platform: str = ""
    jurisdiction: str = ""
    category: str = ""
    explanation: str = ""
    reporter_name: str = ""
    reporter_email: str = ""
    good_faith: bool = False
    urls: list[str] = msgspec.field(default_factory=lambda: [""] * FIRST_ROWS)
    content_ids: list[str] = msgspec.field(default_factory=lambda: [""] * FIRST_ROWS)

    @classmethod
    def of(cls, data: FormData) -> ReportForm:
        texts = {name: value for name in _TEXT_FIELDS if isinstance(value := data.get(name, ""), str)}
        urls = [v for v in data.getlist("url") if isinstance(v, str)]
        ids = [v for v in data.getlist("content_id") if isinstance(v, str)]
        rows = max(len(urls), len(ids), 1)
        return cls(
            **texts,
            good_faith=data.get("good_faith") == "yes",
            urls=urls + [""] * (rows - len(urls)),
            content_ids=ids + [""] * (rows - len(ids)),
        )

    def with_another_row(self, *, most: int) -> ReportForm:
        if len(self.urls) >= most:
            return self
        return msgspec.structs.replace(self, urls=[*self.urls, ""], content_ids=[*self.content_ids, ""])

    def to_draft(self) -> NoticeDraft:
        """The notice; InvalidRequestError naming what cannot even be read (the service checks the rest)."""
        for name in _TEXT_FIELDS:
            _check_text(name, getattr(self, name))
        for value in (*self.urls, *self.content_ids):
            _check_text("items", value)
        items = tuple(
            NoticeItem(url=url.strip() or None, content_id=cid.strip() or None)
            for url, cid in zip(self.urls, self.content_ids, strict=True)
            if url.strip() or cid.strip()
        )
        return NoticeDraft(
            addressee=_choice(Addressee, self.addressee, "addressee"),
            platform=self.platform,
            category=_choice(Category, self.category, "category"),
            explanation=self.explanation,
            good_faith=self.good_faith,
            items=items,
            jurisdiction=self.jurisdiction or None,
            reporter_name=self.reporter_name or None,
            reporter_email=self.reporter_email or None,
        )


@router.get("/report", name="portal_report")
def report_page(request: Request, pages: PortalPagesDep) -> Response:
    runtime: Runtime = request.app.state.runtime
    return _form_page(request, pages, runtime, ReportForm(), problems=[], status=200)


@router.post("/report", name="portal_file")
async def file_report(request: Request, pages: PortalPagesDep) -> Response:
    runtime: Runtime = request.app.state.runtime
    data = await request.form()
    given = data.get("csrf_token", "")
    check_form(request, given if isinstance(given, str) else "")
    form = ReportForm.of(data)
    if data.get("more"):
        grown = form.with_another_row(most=runtime.settings.notice_max_items)
        return await run_in_threadpool(_form_page, request, pages, runtime, grown, problems=[], status=200)
    return await run_in_threadpool(_file, request, pages, runtime, form)


def _file(request: Request, pages: PortalPages, runtime: Runtime, form: ReportForm) -> Response:
    address = request.client.host if request.client is not None else "unknown"
    try:
        draft = form.to_draft()
        with runtime.uow(write=True) as uow:
            receipt = file_notice(
                uow,
                draft=draft,
                filer=Filer(address=address),
                gate=runtime.notice_gate,
                rulebook=runtime.rulebook,
                at=runtime.clock(),
            )
    except InvalidRequestError as error:
        return _form_page(request, pages, runtime, form, problems=problems_of(error), status=422)
    return _receipt_page(request, pages, receipt)


def _form_page(
    request: Request,
    pages: PortalPages,
    runtime: Runtime,
    form: ReportForm,
    *,
    problems: list[dict[str, str]],
    status: int,
) -> Response:
    with runtime.uow() as uow:
        choices = report_choices(uow)
    token = form_token(request)
    response = pages.render(
        request,
        "portal_report.html",
        status=status,
        form=form,
        choices=choices,
        problems=problems,
        csrf_token=token,
        max_rows=runtime.settings.notice_max_items,
    )
    return remember_token(response, request, token, secure=runtime.settings.cookie_secure)


def _receipt_page(request: Request, pages: PortalPages, receipt: Receipt) -> Response:
    return pages.render(request, "portal_receipt.html", status=201, receipt=receipt)


def problems_of(error: InvalidRequestError) -> list[dict[str, str]]:
    """Each problem the service named, with the id of the form field it is about."""
    return [{"field": _field_id(part), "text": part.strip()} for part in str(error).split("; ") if part.strip()]


def _field_id(problem: str) -> str:
    name = problem.split(":", 1)[0].strip()
    if name.startswith("items["):
        index = name[len("items[") :].split("]", 1)[0]
        column = "content" if name.endswith("content_id") else "url"
        return f"{column}-{int(index) + 1}" if index.isdigit() else "url-1"
    known = {
        "items": "url-1",
        "good_faith": "good_faith",
        "reporter_email": "reporter_email",
        "reporter_name": "reporter_name",
    }
    return known.get(name, name if name in _TEXT_FIELDS else "report-form")


def _check_text(name: str, value: str) -> None:
    if len(value) > FIELD_LIMIT or "\x00" in value:
        raise InvalidRequestError(f"{name}: at most {FIELD_LIMIT} characters, without NUL")


def _choice(enum: type[Option], value: str, name: str) -> Option:
    try:
        return enum(value)
    except ValueError:
        raise InvalidRequestError(f"{name}: choose one of the options") from None
