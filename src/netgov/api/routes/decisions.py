"""Reading decisions: one, its statement of reasons, and filtered pages of them.

A platform's key sees its own platform's decisions only; ``netgov.service.decisions``
decides that (403 with the reason for another platform's decision).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec
from fastapi import APIRouter, Path, Query, Response
from pydantic import AfterValidator

from netgov.api.deps import PlatformDep, RuntimeDep
from netgov.api.schemas.content import Id, as_utc
from netgov.api.schemas.documents import decision_list, decode_cursor
from netgov.api.schemas.openapi import document, problems
from netgov.core.actions import Action
from netgov.core.taxonomy import Category
from netgov.service import decisions
from netgov.store.repositories.decisions import DecisionFilter

router = APIRouter(prefix="/v1/decisions", tags=["decisions"])

DecisionId = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="A decision id, e.g. `dec_6f1c…`", examples=["dec_0"])
]


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else as_utc(moment)


Moment = Annotated[datetime | None, AfterValidator(_utc)]


@router.get(
    "/{decision_id}",
    summary="One decision",
    response_class=Response,
    responses={200: document("Decision", "The decision as stored"), **problems(401, 403, 404, 422)},
)
def get_decision(decision_id: DecisionId, key: PlatformDep, runtime: RuntimeDep) -> Response:
    """The decision document: action, rules fired with their legal grounds, signals with
    evidence spans, and the statement of reasons when the action restricts anything."""
    with runtime.uow() as uow:
        decision = decisions.get_decision(uow, key.principal, decision_id)
    return Response(msgspec.json.encode(decision), media_type="application/json")


@router.get(
    "/{decision_id}/statement",
    summary="The statement of reasons of a decision",
    response_class=Response,
    responses={
        200: document("StatementOfReasons", "What to tell the account: measure, facts, legal grounds, redress"),
        **problems(401, 403, 404, 422),
    },
)
def get_statement(decision_id: DecisionId, key: PlatformDep, runtime: RuntimeDep) -> Response:
    """The statement of reasons (DSA Art. 17) to send to the affected account; 404 when the
    decision restricted nothing and so has none."""
    with runtime.uow() as uow:
        statement = decisions.get_statement(uow, key.principal, decision_id)
    return Response(msgspec.json.encode(statement), media_type="application/json")


@router.get(
    "",
    summary="List decisions, newest first",
    response_class=Response,
    responses={200: document("DecisionList", "One page of decisions"), **problems(401, 422)},
)
def list_decisions(
    key: PlatformDep,
    runtime: RuntimeDep,
    platform: Annotated[Id | None, Query(description="Only this platform's (your key's platform)")] = None,
    category: Annotated[Category | None, Query(description="Only decisions of this category")] = None,
    action: Annotated[Action | None, Query(description="Only decisions with this action")] = None,
    rule: Annotated[Id | None, Query(description="Only decisions in which this rule fired")] = None,
    since: Annotated[Moment, Query(description="Decided at or after this time (ISO 8601; UTC if no offset)")] = None,
    until: Annotated[Moment, Query(description="Decided before this time")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Decisions per page")] = 50,
    cursor: Annotated[
        str | None, Query(max_length=400, description="`next_cursor` of the previous page, unchanged")
    ] = None,
) -> Response:
    """Your platform's decisions, filtered; page with `cursor` until `next_cursor` is null.
    `total` counts every decision that matches the filters, across pages."""
    where = DecisionFilter(
        platform=platform,
        category=None if category is None else category.value,
        action=None if action is None else action.value,
        rule=rule,
        since=since,
        until=until,
    )
    after = None if cursor is None else decode_cursor(cursor)
    with runtime.uow() as uow:
        page = decisions.list_decisions(uow, key.principal, where, after=after, limit=limit)
    return Response(decision_list(page.rows, page.next, page.total), media_type="application/json")
