"""The OpenAPI document's shared parts: response declarations for stored documents and
problems, the component schemas generated from msgspec types, and the tag descriptions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec
from fastapi import FastAPI
from pydantic.json_schema import models_json_schema

from netgov.api.problems import MEDIA_TYPE as PROBLEM_MEDIA_TYPE
from netgov.api.schemas.content import BatchSubmission, ContentSubmission
from netgov.api.schemas.documents import DOCUMENT_TYPES

REF = "#/components/schemas/{name}"
# The name FastAPI gives the scheme of ``HTTPBearer`` (netgov.api.deps).
BEARER = "HTTPBearer"
_BEARER_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "A platform API key: `Authorization: Bearer ngk_...`",
}

TAGS = [
    {"name": "content", "description": "Submit posts to be decided; each decision is stored before it is answered."},
    {"name": "decisions", "description": "Read your platform's decisions and their statements of reasons."},
    {"name": "sessions", "description": "Staff sign in with a password for a bearer token (lockout applies)."},
    {"name": "cases", "description": "Regulators' cases: the queue, steps of the procedure, moves and referrals."},
    {"name": "orders", "description": "Orders to platforms (DSA Art. 9/10): offices issue, platforms answer."},
    {"name": "notices", "description": "Notices of illegal content (DSA Art. 16): anyone files; trusted flaggers."},
    {"name": "appeals", "description": "Appeals (DSA Art. 20): filed for an account, decided by someone else."},
    {"name": "effects", "description": "What a platform must carry out (remove, restore...), in order, acknowledged."},
    {"name": "disputes", "description": "Out-of-court disputes (DSA Art. 21): bodies, 90/180-day deadlines, outcomes."},
    {"name": "statements", "description": "Statements of reasons (DSA Art. 17), their portal links and exports."},
    {"name": "strikes", "description": "An account's strikes: weights, expiry, the live total rules read."},
    {"name": "network", "description": "The jurisdiction tree, its history and the coverage of offices and staff."},
    {"name": "audit", "description": "Signed checkpoints of the audit chain and the key that verifies them."},
    {"name": "rulebook", "description": "The regulations and rules in force. Public: no API key needed."},
    {"name": "health", "description": "Liveness, readiness and Prometheus metrics for operators."},
]

_PROBLEM_DESCRIPTIONS = {
    401: "No valid credentials: an API key or staff session token that is missing, wrong, revoked or expired",
    403: "The caller may not do this; `detail` says why",
    404: "No such object",
    409: "The request conflicts with the object's state (a content id reused, a step not allowed now)",
    413: "The request body is over the configured size limit",
    422: "The request is not valid; `errors` lists each field and what is wrong with it",
    429: "Too many failed sign-ins; `detail` says until when the account is locked",
    503: "Not ready; `detail` names what is wrong",
}


def document(name: str, description: str, *, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    """A JSON response whose schema is one of ``DOCUMENT_TYPES`` (by its type name)."""
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF.format(name=name)}}},
    }
    if headers:
        response["headers"] = headers
    return response


def request_body(name: str) -> dict[str, Any]:
    """``openapi_extra`` of an operation that reads its JSON body itself, and its API key."""
    return {
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": REF.format(name=name)}}}},
        "security": [{BEARER: []}],
    }


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error answers an operation can give, each an RFC 9457 problem document."""
    schema = {"$ref": REF.format(name="Problem")}
    return {
        status: {"description": _PROBLEM_DESCRIPTIONS[status], "content": {PROBLEM_MEDIA_TYPE: {"schema": schema}}}
        for status in statuses
    }


def install(app: FastAPI) -> None:
    """Add the msgspec component schemas and the tag descriptions to the app's document."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = generate()
        components = document.setdefault("components", {})
        components.setdefault("securitySchemes", {}).setdefault(BEARER, _BEARER_SCHEME)
        schemas = components.setdefault("schemas", {})
        for name, schema in _component_schemas().items():
            schemas.setdefault(name, schema)
        document["tags"] = _tags(document)
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _component_schemas() -> dict[str, Any]:
    """The request bodies read by hand (pydantic) and the stored documents (msgspec)."""
    _, bodies = models_json_schema(
        [(BatchSubmission, "validation"), (ContentSubmission, "validation")], ref_template=REF.replace("name", "model")
    )
    _, documents = msgspec.json.schema_components(DOCUMENT_TYPES, ref_template=REF)
    # Through JSON once: msgspec's schemas hold tuples, and the document is served as JSON.
    return {**bodies.get("$defs", {}), **msgspec.json.decode(msgspec.json.encode(documents))}


def _tags(document: dict[str, Any]) -> list[dict[str, str]]:
    """The described tags first, then any other tag an operation uses (other routers' own)."""
    used = {tag for item in document.get("paths", {}).values() for op in item.values() for tag in op.get("tags", [])}
    known = {tag["name"] for tag in TAGS}
    return [*TAGS, *({"name": name} for name in sorted(used - known))]
