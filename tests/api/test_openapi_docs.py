"""The OpenAPI document describes every operation fully, and /docs shows it offline."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.api.conftest import TestClient

METHODS = ("get", "post", "put", "patch", "delete")
OURS = ("content", "decisions", "rulebook", "health")


@pytest.fixture(scope="module")
def document(shared_api: TestClient) -> dict[str, Any]:
    found: dict[str, Any] = shared_api.get("/openapi.json").json()
    return found


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if method in METHODS and op["tags"][0] in OURS
    ]


def test_every_operation_has_a_summary_a_tag_and_a_description(document: dict[str, Any]) -> None:
    operations = _operations(document)
    assert len(operations) == 13
    for _, _, op in operations:
        assert op["summary"]
        assert op["tags"]
        assert op["description"]


def test_every_error_answer_is_a_problem_document(document: dict[str, Any]) -> None:
    for method, path, op in _operations(document):
        for status, response in op["responses"].items():
            if status.startswith(("4", "5")):
                assert response["content"] == {
                    "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                }, f"{method} {path} {status}"


def test_operations_that_need_a_key_say_so_and_document_401(document: dict[str, Any]) -> None:
    scheme = document["components"]["securitySchemes"]["HTTPBearer"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    secured = [(m, p) for m, p, op in _operations(document) if op.get("security") == [{"HTTPBearer": []}]]
    assert sorted(secured) == [
        ("get", "/v1/decisions"),
        ("get", "/v1/decisions/{decision_id}"),
        ("get", "/v1/decisions/{decision_id}/statement"),
        ("post", "/v1/content"),
        ("post", "/v1/content:batch"),
    ]
    for method, path in secured:
        assert "401" in document["paths"][path][method]["responses"]


def test_the_problem_schema_has_the_rfc_fields_and_the_error_list(document: dict[str, Any]) -> None:
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "instance", "errors"} <= set(problem["properties"])


def test_decision_answers_use_the_decision_schema(document: dict[str, Any]) -> None:
    created = document["paths"]["/v1/content"]["post"]["responses"]["201"]
    assert created["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Decision"}
    assert "Location" in created["headers"]
    decision = document["components"]["schemas"]["Decision"]
    assert {"id", "action", "rules", "statement", "rulebook_version"} <= set(decision["properties"])


def test_the_submission_schema_forbids_unknown_fields(document: dict[str, Any]) -> None:
    body = document["paths"]["/v1/content"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ContentSubmission"}
    assert document["components"]["schemas"]["ContentSubmission"]["additionalProperties"] is False


def test_the_docs_page_shows_every_path_and_links_the_document(
    shared_api: TestClient, document: dict[str, Any]
) -> None:
    response = shared_api.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert 'href="/openapi.json"' in page
    for path in document["paths"]:
        assert f"{path}</h3>" in page


def test_the_docs_page_shows_a_curl_example_per_operation(shared_api: TestClient, document: dict[str, Any]) -> None:
    page = shared_api.get("/docs").text
    operations = sum(1 for item in document["paths"].values() for method in item if method in METHODS)
    assert page.count("curl -sS -X") == operations
    assert "Authorization: Bearer $NETGOV_API_KEY" in page


def test_the_docs_page_loads_nothing_from_elsewhere(shared_api: TestClient) -> None:
    page = shared_api.get("/docs").text
    assert "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
