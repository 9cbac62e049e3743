"""``POST /v1/content`` and ``POST /v1/content:batch``: posts in, stored decisions out.

The hot path of the service. Each request costs one hand-off to the intake's writer and
no database read (the key and the jurisdiction codes are cached); the stored decision
document goes back as the committed bytes. For speed these endpoints take the bare
``Request`` and do by hand what FastAPI's dependency and body machinery would do (it
costs more than everything else on the event loop): the key is read by ``identify``,
the body validated by pydantic straight from its JSON bytes, and the OpenAPI request
body and security are declared in ``openapi_extra``.
"""

from __future__ import annotations

import asyncio
from typing import TypeVar

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from netgov.api.deps import bearer_token, identify
from netgov.api.jurisdictions import KnownJurisdictions
from netgov.api.metrics import ApiMetrics
from netgov.api.schemas.content import BatchSubmission, ContentSubmission
from netgov.api.schemas.documents import batch_results
from netgov.api.schemas.openapi import document, problems, request_body
from netgov.errors import ConflictError, InvalidRequestError
from netgov.service.api_keys import KeyIdentity
from netgov.service.intake_batch import Item, Outcome
from netgov.service.runtime import Runtime

router = APIRouter(prefix="/v1", tags=["content"])

_LOCATION = {"Location": {"description": "The decision's URL", "schema": {"type": "string"}}}
Model = TypeVar("Model", bound=BaseModel)


@router.post(
    "/content",
    summary="Decide one post",
    status_code=201,
    response_class=Response,
    responses={
        201: document("Decision", "A new decision, stored before this answer", headers=_LOCATION),
        200: document("Decision", "A retry: the decision stored for this id before, unchanged"),
        **problems(401, 409, 413, 422),
    },
    openapi_extra=request_body("ContentSubmission"),
)
async def submit_content(request: Request) -> Response:
    """Decide a post against the rulebook in force and store the decision durably.

    Idempotent by content id: sending the same post again returns the stored decision
    with 200, never a second decision; the same id with different content is a 409."""
    runtime: Runtime = request.app.state.runtime
    platform = await identify(runtime, bearer_token(request))
    submission = _parse(await request.body(), ContentSubmission)
    item = await _item(submission, platform, request.app.state.jurisdictions, "jurisdiction")
    outcome = (await asyncio.wrap_future(runtime.intake.submit([item], principal=platform.principal)))[0]
    if outcome.conflict is not None:
        raise ConflictError(outcome.conflict)
    metrics: ApiMetrics = request.app.state.metrics
    metrics.count_stored([outcome])
    if not outcome.created:
        return Response(outcome.document, media_type="application/json")
    headers = {"Location": f"/v1/decisions/{outcome.decision_id}"}
    return Response(outcome.document, status_code=201, media_type="application/json", headers=headers)


@router.post(
    "/content:batch",
    summary="Decide several posts in one request",
    response_class=Response,
    responses={200: document("BatchResults", "One result per item, in input order"), **problems(401, 413, 422)},
    openapi_extra=request_body("BatchSubmission"),
)
async def submit_batch(request: Request) -> Response:
    """Decide up to the configured number of posts (`max_batch_items`, 1000 by default) in
    one commit. Each item gets its own status: `created`, `existing` (a retry) or
    `conflict` (its id was used for different content, with a problem document)."""
    runtime: Runtime = request.app.state.runtime
    platform = await identify(runtime, bearer_token(request))
    batch = _parse(await request.body(), BatchSubmission)
    limit = runtime.settings.max_batch_items
    if len(batch.items) > limit:
        raise InvalidRequestError(f"items: at most {limit} items per request, this one has {len(batch.items)}")
    known: KnownJurisdictions = request.app.state.jurisdictions
    items = [await _item(post, platform, known, f"items.{n}.jurisdiction") for n, post in enumerate(batch.items)]
    outcomes: list[Outcome] = await asyncio.wrap_future(runtime.intake.submit(items, principal=platform.principal))
    metrics: ApiMetrics = request.app.state.metrics
    metrics.count_stored(outcomes)
    return Response(batch_results(outcomes, request.url.path), media_type="application/json")


def _parse(body: bytes, model: type[Model]) -> Model:
    """Validate the JSON body; errors take FastAPI's form (``body.<field>``) and its 422 problem."""
    try:
        return model.model_validate_json(body)
    except ValidationError as error:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in error.errors(include_url=False, include_context=False)]
        raise RequestValidationError(errors) from None


async def _item(
    submission: ContentSubmission, platform: KeyIdentity, jurisdictions: KnownJurisdictions, location: str
) -> Item:
    if submission.jurisdiction is not None:
        await jurisdictions.require(submission.jurisdiction, location=location)
    return Item(
        content=submission.to_content(platform.principal.id),
        jurisdiction=submission.jurisdiction or platform.jurisdiction,
        actor=platform.principal.actor,
    )
