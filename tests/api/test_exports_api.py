"""The export API: platform administrators stream their platform's statements in four
formats; bad formats and dates are 422, another platform 403, a platform key 403."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any

import pyarrow.parquet as pq
import pytest

from tests.api.conftest import TestClient, bearer
from tests.api.posts import SCAM, post
from tests.api.test_sessions import sign_in
from tests.service_world import World


@pytest.fixture(scope="module")
def admin(shared_api: TestClient, shared_world: World) -> dict[str, str]:
    """chirp's administrator, after chirp removed two posts (in ex.south: outside the EEA) an hour ago."""
    chirp = bearer(shared_world.keys["chirp"])
    for content_id in ("xp-1", "xp-2"):
        body = post(content_id, SCAM, account={"id": "u-xp"}, jurisdiction="ex.south")
        assert shared_api.post("/v1/content", json=body, headers=chirp).status_code == 201
    shared_world.clock.advance(hours=1)
    return bearer(sign_in(shared_api, "chirp_admin"))


def _export(api: TestClient, headers: dict[str, str], **params: Any) -> Any:
    return api.get("/v1/exports/statements", params=params, headers=headers)


@pytest.mark.parametrize(
    ("form", "media_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("jsonl", "application/jsonl"),
        ("parquet", "application/vnd.apache.parquet"),
        ("dsa-tdb", "application/jsonl"),
    ],
)
def test_each_format_streams_with_its_media_type_as_an_attachment(
    shared_api: TestClient, admin: dict[str, str], form: str, media_type: str
) -> None:
    response = _export(shared_api, admin, format=form)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media_type
    assert response.headers["content-disposition"].startswith('attachment; filename="statements.')


def test_the_csv_holds_the_platforms_statements_without_accounts(shared_api: TestClient, admin: dict[str, str]) -> None:
    text = _export(shared_api, admin, format="csv").text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"xp-1", "xp-2"} <= {row["content_id"] for row in rows}
    assert {row["platform"] for row in rows} == {"chirp"}
    assert "u-xp" not in text


def test_the_parquet_reads_back(shared_api: TestClient, admin: dict[str, str]) -> None:
    table = pq.read_table(io.BytesIO(_export(shared_api, admin, format="parquet").content))
    assert {"xp-1", "xp-2"} <= set(table.column("content_id").to_pylist())


def test_the_dsa_export_counts_what_it_holds_and_what_lies_outside_the_eea(
    shared_api: TestClient, admin: dict[str, str]
) -> None:
    response = _export(shared_api, admin, format="dsa-tdb")
    statements = [s for line in response.text.splitlines() for s in json.loads(line)["statements"]]
    assert int(response.headers["x-netgov-statements"]) == len(statements)
    assert int(response.headers["x-netgov-outside-eea"]) >= 2


def test_since_filters_by_issue_time(shared_api: TestClient, admin: dict[str, str], shared_world: World) -> None:
    later = (shared_world.clock() - timedelta(minutes=5)).isoformat()
    rows = list(csv.DictReader(io.StringIO(_export(shared_api, admin, format="csv", since=later).text)))
    assert rows == []


@pytest.mark.parametrize(
    ("params", "field"),
    [({"format": "xml"}, "format"), ({}, "format"), ({"format": "csv", "since": "last week"}, "since")],
)
def test_a_bad_format_or_since_is_422_naming_it(
    shared_api: TestClient, admin: dict[str, str], params: dict[str, str], field: str
) -> None:
    response = _export(shared_api, admin, **params)
    assert response.status_code == 422
    assert field in response.text


def test_a_since_in_the_future_is_422(shared_api: TestClient, admin: dict[str, str]) -> None:
    response = _export(shared_api, admin, format="csv", since="2999-01-01")
    assert response.status_code == 422
    assert "since" in response.json()["detail"]


def test_another_platform_is_403(shared_api: TestClient, admin: dict[str, str]) -> None:
    response = _export(shared_api, admin, format="csv", platform="marketly")
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"


def test_a_platform_key_may_not_export(shared_api: TestClient, shared_world: World) -> None:
    response = _export(shared_api, bearer(shared_world.keys["chirp"]), format="csv")
    assert response.status_code == 403


def test_an_auditor_exports_the_statements_of_their_jurisdictions(
    shared_api: TestClient, admin: dict[str, str]
) -> None:
    auditor = bearer(sign_in(shared_api, "auditor"))
    rows = list(csv.DictReader(io.StringIO(_export(shared_api, auditor, format="csv").text)))
    assert {"xp-1", "xp-2"} <= {row["content_id"] for row in rows}
