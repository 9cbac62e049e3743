"""Out-of-court disputes and an account's strikes over the API, with the platform's key,
another platform's and regulator staff."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from netgov.store.tables import StatementRow
from tests.api.conftest import TestClient, bearer
from tests.order_factories import staff_headers
from tests.service_world import World

DOUBLING = "We are giving back: send any amount between 0.1 and 20 SOL and we will send back double."


def _removed(api: TestClient, world: World, content_id: str, account: str) -> str:
    """Post content the engine removes for ``account``; its statement's id."""
    body = {"id": content_id, "text": DOUBLING, "account": {"id": account}}
    decision = api.post("/v1/content", json=body, headers=bearer(world.keys["chirp"]))
    assert decision.status_code == 201, decision.text
    with world.runtime.uow() as uow:
        query = select(StatementRow.id).where(StatementRow.decision_id == decision.json()["id"])
        statement_id: str = uow.session.scalars(query).one()
    return statement_id


def test_a_platform_records_a_dispute_due_in_90_days_and_lists_it_overdue_after(api: TestClient, world: World) -> None:
    chirp = bearer(world.keys["chirp"])
    created = api.post("/v1/disputes", json={"platform": "chirp", "body": "Online Disputes Board"}, headers=chirp)
    assert created.status_code == 201, created.text
    dispute = created.json()
    assert created.headers["Location"] == f"/v1/disputes/{dispute['id']}"
    assert (dispute["deadline_at"], dispute["overdue"], dispute["outcome"]) == ("2026-08-30T09:00:00Z", False, None)
    world.clock.advance(days=91)
    (listed,) = api.get("/v1/disputes", headers=chirp).json()["disputes"]
    assert (listed["id"], listed["overdue"]) == (dispute["id"], True)


def test_a_finding_for_the_recipient_reverts_and_the_platform_receives_the_restore(
    api: TestClient, world: World
) -> None:
    chirp = bearer(world.keys["chirp"])
    statement_id = _removed(api, world, "d-1", "u-d1")
    body = {"platform": "chirp", "body": "Board", "statement_id": statement_id, "complex": True}
    dispute = api.post("/v1/disputes", json=body, headers=chirp).json()
    outcome = {"outcome": "in_favour_of_recipient", "details": "the post warned others"}
    decided = api.post(f"/v1/disputes/{dispute['id']}/outcome", json=outcome, headers=chirp)
    assert decided.status_code == 200, decided.text
    assert decided.json()["outcome"] == "in_favour_of_recipient"
    effects = api.get("/v1/effects", headers=chirp).json()["effects"]
    assert [(e["kind"], e["statement_id"], e["content_id"]) for e in effects] == [
        ("restore_content", statement_id, "d-1")
    ]
    strikes = api.get("/v1/accounts/u-d1/strikes", headers=chirp).json()
    assert strikes["live_total"] == 0
    assert strikes["strikes"][0]["lift_reason"].startswith("Board found for the recipient")
    again = api.post(f"/v1/disputes/{dispute['id']}/outcome", json=outcome, headers=chirp)
    assert again.status_code == 409


def test_another_platform_and_regulator_officers_cannot_keep_chirps_disputes(api: TestClient, world: World) -> None:
    body = {"platform": "chirp", "body": "Board"}
    refused = api.post("/v1/disputes", json=body, headers=bearer(world.keys["marketly"]))
    assert refused.status_code == 403
    assert "platform chirp" in refused.json()["detail"]
    assert api.post("/v1/disputes", json=body, headers=staff_headers(api, "officer_north")).status_code == 403
    assert api.post("/v1/disputes", json=body, headers=staff_headers(api, "supervisor")).status_code == 201


def test_an_accounts_strikes_add_up_for_its_platform_only(api: TestClient, world: World) -> None:
    _removed(api, world, "s-1", "u-s1")
    world.clock.advance(minutes=1)
    _removed(api, world, "s-2", "u-s1")
    record = api.get("/v1/accounts/u-s1/strikes", headers=bearer(world.keys["chirp"])).json()
    assert (record["platform"], record["live_total"]) == ("chirp", 4)
    assert [strike["weight"] for strike in record["strikes"]] == [2, 2]
    assert record["strikes"][0]["expires_at"] == (world.clock.now + timedelta(days=365)).strftime("%Y-%m-%dT%H:%M:%SZ")
    marketly = bearer(world.keys["marketly"])
    assert api.get("/v1/accounts/u-s1/strikes", headers=marketly).json()["strikes"] == []
    assert api.get("/v1/accounts/u-s1/strikes?platform=chirp", headers=marketly).status_code == 403
