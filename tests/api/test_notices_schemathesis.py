"""The public notice endpoints under generated input, as anyone sends it: no key. The shared
schemathesis run sends a platform key everywhere, which these endpoints refuse (401: no
trusted flagger's key) before the notice is looked at; this one reaches the service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from netgov.api import create_app
from tests.service_world import World, open_world

PUBLIC = {"POST /v1/notices", "GET /v1/notices/status/{query_code}"}


@pytest.fixture
def world(database: str, tmp_path: Path) -> Iterator[World]:
    """Limits high enough that generated requests reach the service rather than a 429."""
    yield from open_world(database, tmp_path, notice_rate_per_ip=100_000, notice_rate_per_reporter=100_000)


def test_the_public_notice_endpoints_answer_as_their_schema_says(world: World) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(world.runtime))
    operations = [o for r in schema.get_all_operations() if (o := r.ok()).label in PUBLIC]
    assert {o.label for o in operations} == PUBLIC
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case: schemathesis.Case) -> None:
            # Valid-looking notices depend on stored state (the platform, the jurisdiction).
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        conforms()
