"""What the API answers with when the answer is a stored document: decisions, statements,
batch results, decision pages and problems.

These are msgspec types because the decision documents are stored as msgspec JSON and
sent as stored (``msgspec.Raw``), never decoded and re-encoded; their OpenAPI schemas are
generated from the same types (``schema_components``), so the docs cannot drift from
what is sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Any, Literal

import msgspec

from netgov.core.decision import Decision, StatementOfReasons
from netgov.errors import InvalidRequestError
from netgov.service.intake_batch import Outcome
from netgov.store.repositories.decisions import Cursor, encode_cursor
from netgov.store.repositories.decisions import decode_cursor as decode_token
from netgov.store.tables import DecisionRow


class ProblemItem(msgspec.Struct, frozen=True):
    """One thing wrong with a request: where (``body.items.0.id``) and what."""

    location: str
    problem: str


class Problem(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """An RFC 9457 problem document, sent as ``application/problem+json``: ``title`` names
    the kind of error, ``detail`` says what is wrong with this request and how to fix it,
    ``errors`` lists every invalid field. Some problems add members (``checks`` on 503)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[ProblemItem] | None = None


class BatchResult(msgspec.Struct, frozen=True, kw_only=True):
    """One item of a batch, in input order: its decision, or the problem that stopped it."""

    content_id: str
    status: Literal["created", "existing", "conflict"]
    decision: Decision | None
    problem: Problem | None


class BatchResults(msgspec.Struct, frozen=True):
    results: list[BatchResult]


class DecisionList(msgspec.Struct, frozen=True, kw_only=True):
    """A page of decisions, newest first; pass ``next_cursor`` as ``cursor`` for the next."""

    decisions: list[Decision]
    next_cursor: str | None
    total: int


DOCUMENT_TYPES = (Decision, StatementOfReasons, BatchResults, DecisionList, Problem)


def decode_cursor(text: str) -> Cursor:
    try:
        cursor = decode_token(text)
    except ValueError:
        raise InvalidRequestError(
            "cursor is not one this API gave out; pass the next_cursor of the previous page unchanged"
        ) from None
    if cursor.decided_at.tzinfo is None:
        return Cursor(cursor.decided_at.replace(tzinfo=UTC), cursor.id)
    return cursor


def decision_list(rows: Sequence[DecisionRow], next_cursor: Cursor | None, total: int) -> bytes:
    return msgspec.json.encode(
        {
            "decisions": [msgspec.Raw(row.document) for row in rows],
            "next_cursor": None if next_cursor is None else encode_cursor(next_cursor),
            "total": total,
        }
    )


def batch_results(outcomes: Sequence[Outcome], instance: str) -> bytes:
    return msgspec.json.encode({"results": [_batch_result(outcome, instance) for outcome in outcomes]})


def _batch_result(outcome: Outcome, instance: str) -> dict[str, Any]:
    if outcome.conflict is not None:
        problem = Problem(type="about:blank", title="Conflict", status=409, detail=outcome.conflict, instance=instance)
        return {"content_id": outcome.content_id, "status": "conflict", "decision": None, "problem": problem}
    status = "created" if outcome.created else "existing"
    return {
        "content_id": outcome.content_id,
        "status": status,
        "decision": msgspec.Raw(outcome.document),
        "problem": None,
    }
