"""Appeals over the API: a platform appeals for its account, reads the appeal back, and on an
overturn receives the restore effect; regulators read overturn rates, platforms cannot."""

from __future__ import annotations

from sqlalchemy import select

from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.service.cases import step_case
from netgov.store.tables import StatementRow
from tests.api.conftest import TestClient, bearer
from tests.order_factories import staff_headers
from tests.service.support import staff
from tests.service_world import World

DOUBLING = "We are giving back: send any amount between 0.1 and 20 SOL and we will send back double."


def _removed(api: TestClient, world: World, content_id: str) -> str:
    body = {"id": content_id, "text": DOUBLING, "account": {"id": f"u-{content_id}"}}
    decision = api.post("/v1/content", json=body, headers=bearer(world.keys["chirp"]))
    assert decision.status_code == 201, decision.text
    with world.runtime.uow() as uow:
        query = select(StatementRow.id).where(StatementRow.decision_id == decision.json()["id"])
        statement_id: str = uow.session.scalars(query).one()
    return statement_id


def _appeal(api: TestClient, world: World, statement_id: str, platform: str = "chirp") -> dict[str, object]:
    response = api.post(
        "/v1/appeals",
        json={"statement_id": statement_id, "reason": "the account was warning others"},
        headers=bearer(world.keys[platform]),
    )
    assert response.status_code == 201, response.text
    assert response.headers["Location"] == f"/v1/appeals/{response.json()['id']}"
    appeal: dict[str, object] = response.json()
    return appeal


def _overturn(world: World, case_id: str) -> None:
    # Posted without a jurisdiction: the appeal goes to the office of chirp's seat.
    officer = staff(world, "reviewer_harbour")
    with world.runtime.uow(write=True) as uow:
        for to in (CaseState.INVESTIGATING, CaseState.UNDER_REVIEW):
            step_case(uow, actor=officer, case_id=case_id, to=to, reason="look", at=world.clock())
        step_case(
            uow,
            actor=officer,
            case_id=case_id,
            to=CaseState.DECIDED,
            reason="a warning, not a scam",
            outcome=CaseOutcome.OVERTURNED,
            at=world.clock(),
            policy=world.runtime.statement_policy,
        )
        uow.commit()


def test_a_platform_appeals_for_its_account_and_receives_the_restore_on_an_overturn(
    api: TestClient, world: World
) -> None:
    statement_id = _removed(api, world, "a-1")
    appeal = _appeal(api, world, statement_id)
    assert (appeal["status"], appeal["appellant"], appeal["statement_id"]) == (
        "filed",
        "affected_account",
        statement_id,
    )
    _overturn(world, str(appeal["case_id"]))
    chirp = bearer(world.keys["chirp"])
    read = api.get(f"/v1/appeals/{appeal['id']}", headers=chirp).json()
    assert (read["status"], read["outcome_reason"]) == ("overturned", "a warning, not a scam")
    effects = api.get("/v1/effects", headers=chirp).json()["effects"]
    restore = [e for e in effects if e["appeal_id"] == appeal["id"]]
    assert [(e["kind"], e["content_id"], e["statement_id"]) for e in restore] == [
        ("restore_content", "a-1", statement_id)
    ]
    assert api.post(f"/v1/effects/{restore[0]['id']}/ack", headers=chirp).json()["acknowledged"] is True


def test_another_platform_can_neither_appeal_nor_read_the_appeal(api: TestClient, world: World) -> None:
    statement_id = _removed(api, world, "a-2")
    marketly = bearer(world.keys["marketly"])
    refused = api.post("/v1/appeals", json={"statement_id": statement_id, "reason": "no"}, headers=marketly)
    assert refused.status_code == 403
    appeal = _appeal(api, world, statement_id)
    assert api.get(f"/v1/appeals/{appeal['id']}", headers=marketly).status_code == 403


def test_a_second_appeal_is_409_and_an_unknown_statement_404(api: TestClient, world: World) -> None:
    statement_id = _removed(api, world, "a-3")
    first = _appeal(api, world, statement_id)
    chirp = bearer(world.keys["chirp"])
    again = api.post("/v1/appeals", json={"statement_id": statement_id, "reason": "again"}, headers=chirp)
    assert again.status_code == 409
    assert str(first["id"]) in again.json()["detail"]
    missing = api.post("/v1/appeals", json={"statement_id": "sor_none", "reason": "x"}, headers=chirp)
    assert missing.status_code == 404


def test_regulators_and_auditors_read_overturn_rates_and_platforms_do_not(api: TestClient, world: World) -> None:
    appeal = _appeal(api, world, _removed(api, world, "a-4"))
    _overturn(world, str(appeal["case_id"]))
    stats = api.get("/v1/appeals/stats", headers=staff_headers(api, "auditor"))
    assert stats.status_code == 200, stats.text
    assert stats.json()["deciders"] == [
        {"decider": "rule:scam.crypto-doubling", "appeals": 1, "decided": 1, "overturned": 1, "share": 1.0}
    ]
    assert api.get("/v1/appeals/stats", headers=bearer(world.keys["chirp"])).status_code == 403
