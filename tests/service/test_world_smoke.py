from __future__ import annotations

from netgov.audit.chain import verify_chain
from tests.service_world import World


def test_the_test_world_opens_with_a_verifiable_audit_chain(world: World) -> None:
    with world.runtime.uow() as uow:
        report = verify_chain(uow.audit.events())
    assert report.ok
    assert report.checked > 10
