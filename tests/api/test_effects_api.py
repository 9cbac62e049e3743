"""The effects feed: a platform reads its own effects in order after a sequence number and
acknowledges each once; another platform's are a 403."""

from __future__ import annotations

from sqlalchemy import func, select

from netgov.governance.effects import EffectKind
from netgov.service.platform_effects import NewEffect, emit_effect
from netgov.store.tables import AuditEventRow
from tests.api.conftest import TestClient, bearer
from tests.order_factories import staff_headers
from tests.service_world import World


def _emit(world: World, platform: str, content_id: str, kind: EffectKind = EffectKind.RESTORE_CONTENT) -> str:
    new = NewEffect(
        platform_id=platform, kind=kind, reason="appeal overturned", actor="system:netgov", content_id=content_id
    )
    with world.runtime.uow(write=True) as uow:
        row = emit_effect(uow, new=new, at=world.clock())
        uow.commit()
    return row.id


def test_a_platform_reads_its_own_effects_in_order_after_a_sequence_number(api: TestClient, world: World) -> None:
    ids = [_emit(world, "chirp", f"p{n}") for n in range(3)]
    _emit(world, "marketly", "m1")
    chirp = bearer(world.keys["chirp"])
    first = api.get("/v1/effects?limit=2", headers=chirp).json()
    assert first["platform"] == "chirp"
    assert [effect["id"] for effect in first["effects"]] == ids[:2]
    assert first["effects"][0]["kind"] == "restore_content"
    assert first["effects"][0]["acknowledged"] is False
    rest = api.get(f"/v1/effects?after={first['next_after']}", headers=chirp).json()
    assert [effect["id"] for effect in rest["effects"]] == ids[2:]
    empty = api.get(f"/v1/effects?after={rest['next_after']}", headers=chirp).json()
    assert (empty["effects"], empty["next_after"]) == ([], rest["next_after"])


def test_acknowledging_is_recorded_once_and_audited(api: TestClient, world: World) -> None:
    effect_id = _emit(world, "chirp", "p1")
    chirp = bearer(world.keys["chirp"])
    first = api.post(f"/v1/effects/{effect_id}/ack", headers=chirp)
    assert first.status_code == 200, first.text
    world.clock.advance(minutes=5)
    again = api.post(f"/v1/effects/{effect_id}/ack", headers=chirp).json()
    assert again["acknowledged"] is True
    assert again["acknowledged_at"] == first.json()["acknowledged_at"]
    with world.runtime.uow() as uow:
        audited = uow.session.scalar(
            select(func.count()).where(
                AuditEventRow.action == "effect.acknowledge", AuditEventRow.object == f"effect:{effect_id}"
            )
        )
    assert audited == 1
    listed = api.get("/v1/effects", headers=chirp).json()["effects"]
    assert [effect["acknowledged"] for effect in listed] == [True]


def test_another_platforms_effects_are_a_403(api: TestClient, world: World) -> None:
    effect_id = _emit(world, "chirp", "p1")
    marketly = bearer(world.keys["marketly"])
    for response in (
        api.post(f"/v1/effects/{effect_id}/ack", headers=marketly),
        api.get("/v1/effects?platform=chirp", headers=marketly),
    ):
        assert response.status_code == 403, response.text
        assert "platform marketly" in response.json()["detail"]
    assert api.get("/v1/effects", headers=marketly).json()["effects"] == []


def test_regulator_staff_receive_no_effects(api: TestClient, world: World) -> None:
    response = api.get("/v1/effects", headers=staff_headers(api, "supervisor"))
    assert response.status_code == 403
    assert "effect.receive" in response.json()["detail"]


def test_an_unknown_effect_is_a_404(api: TestClient, world: World) -> None:
    assert api.post("/v1/effects/eff_none/ack", headers=bearer(world.keys["chirp"])).status_code == 404
