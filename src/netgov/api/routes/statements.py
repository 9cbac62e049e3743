"""Reading statements of reasons (DSA Art. 17): one, with its legal grounds' text and the
portal link for the affected account, and filtered pages of them.

A platform reads its own platform's statements; regulator staff those of their
jurisdictions (``decision.read``); another platform's statement is a 403.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import AfterValidator

from netgov.api.deps import PrincipalDep, RuntimeDep
from netgov.api.schemas.content import as_utc
from netgov.api.schemas.documents import decode_cursor
from netgov.api.schemas.openapi import BEARER, problems
from netgov.api.schemas.statements import StatementList, StatementPublic
from netgov.service import statement_reads
from netgov.store.repositories.decisions import Cursor, encode_cursor
from netgov.store.repositories.statements import StatementFilter

router = APIRouter(prefix="/v1/statements", tags=["statements"])

StatementId = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9_.-]{1,40}$", description="A statement id, e.g. `sor_4b0e…`", examples=["sor_0"])
]
Moment = Annotated[datetime, AfterValidator(as_utc)]
Text = Annotated[str, Query(min_length=1, max_length=200, pattern=r"^[^\x00]+$")]
_SECURED: dict[str, Any] = {"security": [{BEARER: []}]}


@router.get(
    "/{statement_id}",
    summary="One statement of reasons",
    responses=problems(401, 403, 404, 422),
    openapi_extra=_SECURED,
)
def get_statement(statement_id: StatementId, principal: PrincipalDep, runtime: RuntimeDep) -> StatementPublic:
    """The statement: measure, scope and duration, facts, source, whether detection and
    decision were automated, the legal grounds with the article's text, how to appeal, and
    where it stands. Your platform's statements carry `portal_url`: hand it to the account."""
    with runtime.uow() as uow:
        found = statement_reads.get_statement(uow, principal, statement_id, public_url=runtime.settings.public_url)
    return StatementPublic.of(found)


@router.get(
    "", summary="List statements of reasons, newest first", responses=problems(401, 422), openapi_extra=_SECURED
)
def list_statements(
    principal: PrincipalDep,
    runtime: RuntimeDep,
    account: Annotated[Text | None, Query(description="Only those of this account")] = None,
    content: Annotated[Text | None, Query(description="Only those about this content id")] = None,
    platform: Annotated[Text | None, Query(description="Only this platform's (staff of several)")] = None,
    since: Annotated[Moment | None, Query(description="Issued at or after (ISO 8601; UTC if no offset)")] = None,
    limit: Annotated[int, Query(ge=1, le=statement_reads.PAGE_MAX, description="Statements per page")] = 50,
    cursor: Annotated[str | None, Query(max_length=400, description="`next_cursor` of the previous page")] = None,
) -> StatementList:
    """The statements you may read, filtered; page with `cursor` until `next_cursor` is null."""
    where = StatementFilter(platform=platform, account=account, content=content, since=since)
    after: Cursor | None = None if cursor is None else decode_cursor(cursor)
    with runtime.uow() as uow:
        page = statement_reads.list_statements(
            uow, principal, where, after=after, limit=limit, public_url=runtime.settings.public_url
        )
    return StatementList(
        statements=[StatementPublic.of(row) for row in page.rows],
        next_cursor=None if page.next is None else encode_cursor(page.next),
        total=page.total,
    )
