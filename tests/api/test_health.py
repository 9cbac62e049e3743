"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from sqlalchemy import text

from tests.api.conftest import TestClient
from tests.api.posts import CLEAN, SCAM, post
from tests.service_world import World


def test_healthz_answers_ok(api: TestClient) -> None:
    response = api.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_readyz_is_200_when_database_schema_and_writer_are_fine(api: TestClient) -> None:
    response = api.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok", "schema": "ok", "intake": "ok"}}


def test_readyz_is_503_naming_a_stopped_writer(world: World, api: TestClient) -> None:
    world.runtime.intake.stop()
    response = api.get("/readyz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith("intake: the content writer is not running")
    assert response.json()["checks"]["database"] == "ok"


def test_readyz_is_503_naming_an_outdated_schema(world: World, api: TestClient) -> None:
    with world.runtime.database.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    response = api.get("/readyz")
    assert response.status_code == 503
    assert "schema: " in response.json()["detail"]
    assert "netgov db upgrade" in response.json()["detail"]


def _metrics(api: TestClient) -> str:
    response = api.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


def test_metrics_count_requests_by_route_template_method_and_status(api: TestClient, chirp: dict[str, str]) -> None:
    api.get("/v1/decisions/dec_0", headers=chirp)
    shown = _metrics(api)
    assert 'netgov_http_requests_total{method="GET",route="/v1/decisions/{decision_id}",status="404"} 1.0' in shown
    assert (
        'netgov_http_request_duration_seconds_count{method="GET",route="/v1/decisions/{decision_id}",status="404"}'
        in shown
    )


def test_metrics_name_unknown_paths_as_unmatched(api: TestClient) -> None:
    api.get("/no/such/path/123")
    assert 'route="<unmatched>",status="404"' in _metrics(api)


def test_metrics_count_decisions_stored_by_action(api: TestClient, chirp: dict[str, str]) -> None:
    for n, body in enumerate([SCAM, SCAM, CLEAN]):
        api.post("/v1/content", json=post(f"p-{n}", body), headers=chirp)
    api.post("/v1/content", json=post("p-0", SCAM), headers=chirp)
    shown = _metrics(api)
    assert 'netgov_decisions_stored_total{action="remove"} 2.0' in shown
    assert 'netgov_decisions_stored_total{action="allow"} 1.0' in shown


def test_metrics_show_group_commit_sizes_and_times(api: TestClient, chirp: dict[str, str]) -> None:
    api.post("/v1/content:batch", json={"items": [post("a"), post("b"), post("c")]}, headers=chirp)
    shown = _metrics(api)
    assert "netgov_intake_commit_items_sum 3.0" in shown
    assert "netgov_intake_commit_seconds_count 1.0" in shown


def test_each_app_keeps_its_own_metrics(world: World, api: TestClient) -> None:
    from netgov.api import create_app

    api.get("/healthz")
    with TestClient(create_app(world.runtime)) as other:
        assert 'route="/healthz"' not in other.get("/metrics").text


def test_metrics_count_unknown_methods_as_other(api: TestClient) -> None:
    api.request("BREW", "/healthz")
    assert 'method="OTHER",route="/healthz"' in _metrics(api)
