"""Orders for tests: a valid act order to chirp and a valid information order, to vary one field at a time."""

from __future__ import annotations

from typing import Any

import msgspec
from fastapi.testclient import TestClient

from netgov.governance.orders import OrderItem, OrderKind, RequestedAction
from netgov.identity.principal import Principal
from netgov.service.api_keys import authenticate_key
from netgov.service.orders import OrderRequest, issue_order
from netgov.store.tables import OrderRow
from tests.service_world import PASSWORD, World, bundled_rulebook

REASONS = "The listing offers counterfeit medicines, prohibited by MOSR Art. 9(1)."


def act_request(**changes: Any) -> OrderRequest:
    """An Art. 9 order: remove one chirp post within 8 working hours (MOSR Art. 9)."""
    base = OrderRequest(
        platform="chirp",
        kind=OrderKind.ACT,
        regulation="MOSR",
        article="9",
        provisions=("MOSR Art. 9(1)",),
        reasons=REASONS,
        items=(OrderItem(content_id="post-1", url="https://chirp.example/p/1"),),
        action_requested=RequestedAction.REMOVE,
        deadline_hours=8,
    )
    return msgspec.structs.replace(base, **changes)


def information_request(**changes: Any) -> OrderRequest:
    """An Art. 10 order: who runs one chirp account."""
    base = act_request(
        kind=OrderKind.INFORMATION,
        action_requested=None,
        information_requested="The name and contact details the account holder gave at sign-up.",
        items=(OrderItem(content_id="account-42"),),
    )
    return msgspec.structs.replace(base, **changes)


def act_body(**changes: Any) -> dict[str, Any]:
    """The JSON body of ``act_request`` for ``POST /v1/orders``."""
    body: dict[str, Any] = {
        "platform": "chirp",
        "kind": "act",
        "regulation": "MOSR",
        "article": "9",
        "provisions": ["MOSR Art. 9(1)"],
        "reasons": REASONS,
        "items": [{"content_id": "post-1", "url": "https://chirp.example/p/1"}],
        "action_requested": "remove",
        "deadline_hours": 8,
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


def issued(world: World, actor: Principal, request: OrderRequest | None = None) -> OrderRow:
    """Issue ``request`` (an act order by default) as ``actor`` at the world's time."""
    with world.runtime.uow(write=True) as uow:
        return issue_order(
            uow,
            actor=actor,
            request=request or act_request(),
            regulations=bundled_rulebook().regulations,
            at=world.clock(),
        )


def platform_principal(world: World, platform: str) -> Principal:
    """The principal of ``platform``'s API key."""
    with world.runtime.uow() as uow:
        return authenticate_key(uow, world.keys[platform]).principal


def staff_headers(client: TestClient, username: str) -> dict[str, str]:
    """The bearer header of a fresh API session of ``username`` (``POST /v1/sessions``)."""
    response = client.post("/v1/sessions", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}
