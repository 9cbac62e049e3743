"""The audit log page: who may see it, what it shows, and paging through older events."""

from __future__ import annotations

from netgov.service.audit_admin import create_checkpoint
from netgov.service.permissions import SYSTEM
from tests.service_world import World
from tests.web.console_client import signed_in


def _head(world: World) -> int:
    with world.runtime.uow() as uow:
        return uow.audit.head().seq


def test_the_auditor_sees_the_newest_events_first(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "auditor").get("/console/audit")
    assert page.status_code == 200
    text = page.text
    assert text.index("staff.sign_in") < text.index("decision.create") < text.index("jurisdiction.create")


def test_older_events_are_one_link_away(world: World, seeded: dict[str, str]) -> None:
    client = signed_in(world, "auditor")
    head = _head(world)
    oldest = client.get("/console/audit?before=20").text
    assert "<td>19</td>" in oldest
    assert "<td>20</td>" not in oldest
    assert f"<td>{head}</td>" not in oldest
    assert 'href="/console/audit">Newest' in oldest


def test_a_county_officer_may_not_read_the_audit_log(world: World) -> None:
    page = signed_in(world, "officer_east").get("/console/audit")
    assert page.status_code == 403
    assert "audit.read" in page.text


def test_the_latest_signed_checkpoint_is_shown(world: World, tmp_path: object) -> None:
    from netgov.service.audit_admin import load_or_create_signing_key

    key = load_or_create_signing_key(world.runtime.settings)
    with world.runtime.uow(write=True) as uow:
        checkpoint = create_checkpoint(uow, key=key, log_name="tests", at=world.clock(), actor=SYSTEM)
    page = signed_in(world, "supervisor").get("/console/audit").text
    assert f"Latest signed checkpoint: event {checkpoint.seq}" in page
    assert checkpoint.key_id in page


def test_a_nonsense_page_position_is_refused_not_crashed(world: World) -> None:
    assert signed_in(world, "auditor").get("/console/audit?before=abc").status_code == 422


def test_a_long_log_offers_the_next_older_page(world: World) -> None:
    from netgov.core.content import Content
    from netgov.service.intake_batch import Item

    items = [
        Item(content=Content(id=f"p{i}", platform="chirp", text="hello"), jurisdiction=None, actor="platform:chirp")
        for i in range(60)
    ]
    world.runtime.intake.submit(items).result()
    page = signed_in(world, "auditor").get("/console/audit").text
    assert 'rel="next" href="/console/audit?before=' in page
