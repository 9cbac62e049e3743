"""Operators' endpoints: liveness (``/healthz``), readiness (``/readyz``) and ``/metrics``."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from netgov.api.deps import MetricsDep, RuntimeDep
from netgov.api.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from netgov.api.problems import problem
from netgov.api.schemas.health import Health, Readiness
from netgov.api.schemas.openapi import problems
from netgov.errors import SchemaError
from netgov.service.runtime import Runtime, shown_url
from netgov.store.schema import require_current

router = APIRouter(tags=["health"])

_ALIVE = b'{"status":"ok"}'


@router.get("/healthz", summary="Liveness", response_model=Health)
async def healthz() -> Response:
    """Answers while the process serves requests; touches nothing else (not even the database)."""
    return Response(_ALIVE, media_type="application/json")


@router.get("/readyz", summary="Readiness", response_model=Readiness, responses=problems(503))
def readyz(runtime: RuntimeDep, request: Request) -> Response:
    """200 when the database answers, its schema is this version's and the content writer runs;
    otherwise 503 naming every check that failed."""
    checks, failed = _check(runtime)
    if failed:
        detail = "; ".join(f"{name}: {checks[name]}" for name in failed)
        return problem(503, "Not ready", detail, request, checks=checks)
    return Response(Readiness(status="ready", checks=checks).model_dump_json().encode(), media_type="application/json")


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={
        200: {"description": "Prometheus text format", "content": {"text/plain": {"schema": {"type": "string"}}}}
    },
)
async def metrics(figures: MetricsDep) -> Response:
    """Requests and latency by route, method and status; decisions stored by action; group
    commit sizes and times."""
    return Response(figures.render(), media_type=METRICS_CONTENT_TYPE)


def _check(runtime: Runtime) -> tuple[dict[str, str], list[str]]:
    checks = {"database": "ok", "schema": "ok", "intake": "ok"}
    try:
        with runtime.database.connect() as connection:
            connection.execute(text("SELECT 1"))
        require_current(runtime.database, shown_url(runtime.settings.resolved_database_url))
    except SQLAlchemyError as error:
        checks["database"] = f"unreachable ({type(error).__name__}: {str(error).splitlines()[0]})"
        checks["schema"] = "not checked"
    except SchemaError as error:
        checks["schema"] = str(error)
    if not runtime.intake.running:
        checks["intake"] = "the content writer is not running; content cannot be stored"
    return checks, [name for name, state in checks.items() if state != "ok"]
