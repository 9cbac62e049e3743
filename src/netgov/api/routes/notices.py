"""Notices (DSA Art. 16): anyone files one and follows it by its query code; regulators and
platforms read the notices in their scope; platforms answer theirs; regulators forward.

Filing and the status page are public: no account, limited per network address and per
reporter (429 with Retry-After), and smaller bodies than the rest of the API
(``notice_max_bytes``, 413). A trusted flagger sends its submission key as
``Authorization: Bearer ngf_…``. The network address is the connection's peer, or the
``X-Forwarded-For`` address when the peer is a proxy uvicorn trusts (``FORWARDED_ALLOW_IPS``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from netgov.api.deps import PrincipalDep, RuntimeDep, bearer_token
from netgov.api.schemas.content import as_utc
from netgov.api.schemas.notices import (
    AnswerCreate,
    ForwardCreate,
    NoticeCreate,
    NoticeList,
    NoticePublic,
    NoticeReceipt,
    NoticeStatusPublic,
    NoticeSummaryPublic,
)
from netgov.api.schemas.openapi import BEARER, problems
from netgov.api.schemas.storable import NO_NUL
from netgov.errors import InvalidRequestError
from netgov.governance.notices import NoticeStatus
from netgov.service import notice_answers, notice_views
from netgov.service.notice_filing import Filer, file_notice
from netgov.store.repositories.notices import NoticeCursor, NoticeFilter, decode_cursor, encode_cursor

router = APIRouter(prefix="/v1/notices", tags=["notices"])
# Where anyone may post a notice: both take ``notice_max_bytes`` at most (``netgov.api.body_limit``).
PUBLIC_PATHS = ("/v1/notices", "/portal/report")

NoticeId = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="A notice id, e.g. `ntc_5c1e…`", examples=["ntc_0"])
]
_SECURED: dict[str, Any] = {"security": [{BEARER: []}]}
_OPTIONAL_KEY: dict[str, Any] = {"security": [{}, {BEARER: []}]}
_LIMITED: dict[int | str, dict[str, Any]] = {
    429: {
        "description": "Too many notices from this address or reporter this hour; `Retry-After` says when to retry",
        "headers": {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}},
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
}


def client_address(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


@router.post(
    "",
    status_code=201,
    summary="File a notice of illegal content",
    responses={**problems(401, 403, 413, 422), **_LIMITED},
    openapi_extra=_OPTIONAL_KEY,
)
def file(body: NoticeCreate, request: Request, runtime: RuntimeDep, response: Response) -> NoticeReceipt:
    """Anyone may file; no account is needed. Keep the receipt's `query_code`: it is shown
    once and is how you follow the notice. A notice to a `regulator` opens (or joins) a case
    for each item at the office of its jurisdiction; a notice to a `platform` waits for the
    platform's answer. A trusted flagger sends its key as a bearer token (401 for a key that
    is no flagger's, 403 for one whose status expired or was revoked)."""
    filer = Filer(address=client_address(request), flagger_key=bearer_token(request) or None)
    with runtime.uow(write=True) as uow:
        receipt = file_notice(
            uow,
            draft=body.to_draft(),
            filer=filer,
            gate=runtime.notice_gate,
            rulebook=runtime.rulebook,
            at=runtime.clock(),
        )
    response.headers["Location"] = f"/v1/notices/status/{receipt.query_code}"
    return NoticeReceipt.of(receipt, status_url=status_url(runtime.settings.public_url, receipt.query_code))


@router.get(
    "/status/{query_code}",
    summary="Follow a notice by its query code",
    responses={**problems(404), **_LIMITED},
    openapi_extra={"security": [{}]},
)
def status(query_code: str, request: Request, runtime: RuntimeDep) -> NoticeStatusPublic:
    """Public: where each item stands and, once decided, the outcome with its reasons. An
    unknown code and a malformed one get the same 404."""
    runtime.notice_gate.admit_lookup(client_address(request), at=runtime.clock())
    with runtime.uow() as uow:
        return NoticeStatusPublic.of(notice_views.notice_status(uow, query_code))


@router.get("", summary="List notices", responses=problems(401, 422), openapi_extra=_SECURED)
def list_notices(
    principal: PrincipalDep,
    runtime: RuntimeDep,
    status: Annotated[NoticeStatus | None, Query(description="Only notices in this status")] = None,
    brigade: Annotated[
        bool | None, Query(description="Only notices flagged as a possible brigade, or only others")
    ] = None,
    flagger: Annotated[
        str | None, Query(max_length=64, pattern=NO_NUL, description="Only notices of this trusted flagger")
    ] = None,
    trusted: Annotated[bool | None, Query(description="Only trusted flaggers' notices, or only others")] = None,
    platform: Annotated[str | None, Query(max_length=64, pattern=NO_NUL, description="Only this platform's")] = None,
    case: Annotated[str | None, Query(max_length=64, pattern=NO_NUL, description="Only notices on this case")] = None,
    since: Annotated[datetime | None, Query(description="Only notices filed at or after this time (ISO 8601)")] = None,
    limit: Annotated[int, Query(ge=1, le=notice_views.MAX_PAGE, description="Notices per page")] = 50,
    cursor: Annotated[str | None, Query(max_length=400, description="`next_cursor` of the previous page")] = None,
) -> NoticeList:
    """The notices you may read, newest first: regulators those placed in their subtree,
    platforms those addressed or forwarded to them."""
    where = NoticeFilter(
        status=None if status is None else status.value,
        brigade=brigade,
        flagger_id=flagger,
        trusted=trusted,
        platform=platform,
        case_id=case,
        since=None if since is None else as_utc(since),
    )
    with runtime.uow() as uow:
        page = notice_views.list_notices(uow, principal, where, after=_cursor(cursor), limit=limit)
    next_cursor = None if page.next is None else encode_cursor(page.next)
    return NoticeList(
        notices=[NoticeSummaryPublic.of(view) for view in page.views], next_cursor=next_cursor, total=page.total
    )


@router.get("/{notice_id}", summary="One notice", responses=problems(401, 403, 404, 422), openapi_extra=_SECURED)
def get_notice(
    notice_id: NoticeId,
    principal: PrincipalDep,
    runtime: RuntimeDep,
    reporter_reason: Annotated[
        str | None,
        Query(
            max_length=2000,
            pattern=NO_NUL,
            description="Also show who reported it; the reason goes into the audit log (personal data)",
        ),
    ] = None,
) -> NoticePublic:
    """The notice with its items, their cases (with how many reports each merges) and
    brigade flags. Who reported it only with `reporter_reason`: to regulators who may read
    personal data, and to the platform a notice was addressed to; never for a forwarded one."""
    with runtime.uow(write=reporter_reason is not None) as uow:
        view = notice_views.get_notice(uow, principal, notice_id, reporter_reason=reporter_reason, at=runtime.clock())
        return NoticePublic.of(view)


@router.post(
    "/{notice_id}/items/{seq}/answer",
    summary="Answer one item of a notice (platform)",
    responses=problems(401, 403, 404, 409, 422),
    openapi_extra=_SECURED,
)
def answer(
    notice_id: NoticeId,
    seq: Annotated[int, Path(ge=1, le=10_000, description="The item's number, from 1")],
    body: AnswerCreate,
    principal: PrincipalDep,
    runtime: RuntimeDep,
) -> NoticePublic:
    """The platform says whether it acted on the item, with its reasons; acting issues the
    statement of reasons to the affected account. Once per item (409 again)."""
    with runtime.uow(write=True) as uow:
        notice_answers.answer_notice(
            uow,
            actor=principal,
            notice_id=notice_id,
            seq=seq,
            answer=body.to_answer(),
            policy=runtime.statement_policy,
            at=runtime.clock(),
        )
        return NoticePublic.of(notice_views.get_notice(uow, principal, notice_id, at=runtime.clock()))


@router.post(
    "/{notice_id}/forward",
    summary="Forward a notice to its platform (regulator)",
    responses=problems(401, 403, 404, 409, 422),
    openapi_extra=_SECURED,
)
def forward(notice_id: NoticeId, body: ForwardCreate, principal: PrincipalDep, runtime: RuntimeDep) -> NoticePublic:
    """Staff who work cases where the notice is placed hand it to the platform, which then
    sees it and answers it. Its cases stay open; their decision prevails."""
    with runtime.uow(write=True) as uow:
        notice_answers.forward_notice(uow, actor=principal, notice_id=notice_id, reason=body.reason, at=runtime.clock())
        return NoticePublic.of(notice_views.get_notice(uow, principal, notice_id, at=runtime.clock()))


def status_url(public_url: str, query_code: str) -> str:
    return f"{public_url.rstrip('/')}/portal/notices/status?code={query_code}"


def _cursor(text: str | None) -> NoticeCursor | None:
    if text is None:
        return None
    try:
        return decode_cursor(text)
    except ValueError:
        raise InvalidRequestError("cursor: pass the next_cursor of the previous page unchanged") from None
