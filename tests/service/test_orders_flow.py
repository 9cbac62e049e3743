"""The platform's side of an order (acknowledge, report the effect), the office's withdrawal,
the timeline and who may read which orders, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from netgov.errors import ConflictError, InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.governance.orders import Effect, EffectReport
from netgov.identity.principal import Principal
from netgov.service.order_views import get_order, list_orders
from netgov.service.orders import acknowledge_order, report_effect, withdraw_order
from netgov.store.repositories.orders import OrderFilter, OrderSort
from netgov.store.tables import OrderRow
from tests.order_factories import act_request, information_request, issued, platform_principal
from tests.service.support import audit_actions, staff
from tests.service_world import World


def _ack(world: World, actor: Principal, order_id: str) -> OrderRow:
    with world.runtime.uow(write=True) as uow:
        return acknowledge_order(uow, actor=actor, order_id=order_id, at=world.clock())


def _effect(world: World, actor: Principal, order_id: str, report: EffectReport) -> OrderRow:
    with world.runtime.uow(write=True) as uow:
        return report_effect(uow, actor=actor, order_id=order_id, report=report, at=world.clock())


def _withdraw(world: World, actor: Principal, order_id: str, reason: str = "the post was already gone") -> OrderRow:
    with world.runtime.uow(write=True) as uow:
        return withdraw_order(uow, actor=actor, order_id=order_id, reason=reason, at=world.clock())


def _removed(world: World, *, minutes_ago: float = 0, details: str = "") -> EffectReport:
    return EffectReport(
        effect=Effect.REMOVED, effect_at=world.clock() - timedelta(minutes=minutes_ago), details=details
    )


@pytest.fixture
def order(shared_world: World) -> OrderRow:
    """An act order of its own from the North Province office to chirp, in the module's world
    (whose clock stays at the start: effects are dated at, before or after the moment of issue)."""
    return issued(shared_world, staff(shared_world, "officer_north"))


def test_the_platform_acknowledges_once(shared_world: World, order: OrderRow) -> None:
    chirp = platform_principal(shared_world, "chirp")
    row = _ack(shared_world, chirp, order.id)
    assert (row.status, row.acknowledged_at, row.acknowledged_by) == ("acknowledged", shared_world.clock(), chirp.actor)
    with pytest.raises(ConflictError, match="already acknowledged"):
        _ack(shared_world, chirp, order.id)
    assert f"order:{order.id}" in audit_actions(shared_world, "order.acknowledge")


def test_platform_staff_acknowledge_for_their_platform(shared_world: World, order: OrderRow) -> None:
    assert (
        _ack(shared_world, staff(shared_world, "chirp_moderator"), order.id).acknowledged_by == "staff:chirp_moderator"
    )


@pytest.mark.parametrize("username", ["marketly_moderator", "officer_north", "admin"])
def test_only_the_order_platform_may_respond(shared_world: World, order: OrderRow, username: str) -> None:
    with pytest.raises(PermissionDeniedError, match=re.escape("order.respond")):
        _ack(shared_world, staff(shared_world, username), order.id)


def test_another_platform_key_may_not_acknowledge(shared_world: World, order: OrderRow) -> None:
    with pytest.raises(PermissionDeniedError):
        _ack(shared_world, platform_principal(shared_world, "marketly"), order.id)


def test_an_unknown_order_is_not_found(shared_world: World) -> None:
    with pytest.raises(NotFoundError, match="no order 'ord_missing'"):
        _ack(shared_world, platform_principal(shared_world, "chirp"), "ord_missing")


def test_reporting_the_effect_closes_the_order(shared_world: World, order: OrderRow) -> None:
    chirp = platform_principal(shared_world, "chirp")
    _ack(shared_world, chirp, order.id)
    row = _effect(shared_world, chirp, order.id, _removed(shared_world, details="removed worldwide"))
    assert (row.status, row.effect, row.effect_details) == ("executed", "removed", "removed worldwide")
    assert row.effect_at == shared_world.clock()
    assert row.effect_reported_at == shared_world.clock()
    with pytest.raises(ConflictError, match="executed; it cannot become"):
        _effect(shared_world, chirp, order.id, _removed(shared_world))
    assert f"order:{order.id}" in audit_actions(shared_world, "order.effect")


def test_the_effect_is_reported_after_acknowledging(shared_world: World, order: OrderRow) -> None:
    with pytest.raises(ConflictError, match="acknowledge it before reporting"):
        _effect(shared_world, platform_principal(shared_world, "chirp"), order.id, _removed(shared_world))


def test_an_effect_dated_before_the_order_is_refused(shared_world: World, order: OrderRow) -> None:
    chirp = platform_principal(shared_world, "chirp")
    _ack(shared_world, chirp, order.id)
    with pytest.raises(InvalidRequestError, match=r"effect_at: .* is before order"):
        _effect(shared_world, chirp, order.id, _removed(shared_world, minutes_ago=1))
    with pytest.raises(InvalidRequestError, match=r"effect_at: .* is in the future"):
        _effect(shared_world, chirp, order.id, _removed(shared_world, minutes_ago=-1))


def test_not_executing_needs_reasons(shared_world: World, order: OrderRow) -> None:
    chirp = platform_principal(shared_world, "chirp")
    _ack(shared_world, chirp, order.id)
    refused = EffectReport(effect=Effect.NOT_EXECUTED, effect_at=shared_world.clock())
    with pytest.raises(InvalidRequestError, match="effect_details: say why"):
        _effect(shared_world, chirp, order.id, refused)
    reasoned = EffectReport(effect=Effect.NOT_EXECUTED, effect_at=shared_world.clock(), details="the post is not ours")
    assert _effect(shared_world, chirp, order.id, reasoned).status == "not_executed"


def test_an_effect_must_fit_the_kind_of_order(shared_world: World) -> None:
    chirp = platform_principal(shared_world, "chirp")
    row = issued(shared_world, staff(shared_world, "officer_north"), information_request())
    _ack(shared_world, chirp, row.id)
    with pytest.raises(InvalidRequestError, match="effect: an information order's effect is one of"):
        _effect(shared_world, chirp, row.id, _removed(shared_world, minutes_ago=0))
    answer = EffectReport(effect=Effect.INFORMATION_PROVIDED, effect_at=shared_world.clock(), details="sent by post")
    assert _effect(shared_world, chirp, row.id, answer).status == "answered"


def test_the_office_withdraws_an_open_order_with_a_reason(shared_world: World, order: OrderRow) -> None:
    row = _withdraw(shared_world, staff(shared_world, "officer_north"), order.id)
    assert (row.status, row.withdrawn_by, row.withdrawal_reason) == (
        "withdrawn",
        "staff:officer_north",
        "the post was already gone",
    )
    assert f"order:{order.id}" in audit_actions(shared_world, "order.withdraw")
    with pytest.raises(ConflictError, match="withdrawn; it cannot become acknowledged"):
        _ack(shared_world, platform_principal(shared_world, "chirp"), order.id)


def test_an_executed_order_cannot_be_withdrawn(shared_world: World, order: OrderRow) -> None:
    chirp = platform_principal(shared_world, "chirp")
    _ack(shared_world, chirp, order.id)
    _effect(shared_world, chirp, order.id, _removed(shared_world))
    with pytest.raises(ConflictError, match="executed; it cannot become withdrawn"):
        _withdraw(shared_world, staff(shared_world, "officer_north"), order.id)


def test_withdrawing_needs_a_reason_and_the_office_scope(shared_world: World, order: OrderRow) -> None:
    with pytest.raises(InvalidRequestError, match="reason: say why"):
        _withdraw(shared_world, staff(shared_world, "officer_north"), order.id, reason=" ")
    with pytest.raises(PermissionDeniedError):
        _withdraw(shared_world, staff(shared_world, "officer_east"), order.id)
    with pytest.raises(PermissionDeniedError):
        _withdraw(shared_world, platform_principal(shared_world, "chirp"), order.id)


def test_the_timeline_shows_every_step_in_order(shared_world: World, order: OrderRow) -> None:
    chirp = platform_principal(shared_world, "chirp")
    _ack(shared_world, chirp, order.id)
    _effect(shared_world, chirp, order.id, _removed(shared_world, details="gone"))
    with shared_world.runtime.uow() as uow:
        view = get_order(uow, staff(shared_world, "officer_north"), order.id, at=shared_world.clock())
    assert [(entry.step, entry.actor) for entry in view.timeline] == [
        ("issued", "staff:officer_north"),
        ("acknowledged", "platform:chirp"),
        ("effect reported", "platform:chirp"),
    ]
    assert view.timeline[-1].detail.endswith(": gone")
    assert [item.content_id for item in view.items] == ["post-1"]
    assert view.provisions == ["MOSR Art. 9(1)"]


def _visible(world: World, reader: Principal, where: OrderFilter | None = None) -> list[str]:
    with world.runtime.uow() as uow:
        page = list_orders(uow, reader, where or OrderFilter(), sort=OrderSort.NEWEST, at=world.clock())
    return [row.id for row in page.rows]


def test_readers_see_the_orders_of_their_subtree_or_platform(world: World) -> None:
    north = issued(world, staff(world, "officer_north"))
    east = issued(world, staff(world, "officer_east"))
    south = issued(world, staff(world, "supervisor"), act_request(office="office-south", platform="marketly"))
    assert set(_visible(world, staff(world, "officer_north"))) == {north.id, east.id}
    assert _visible(world, staff(world, "officer_east")) == [east.id]
    assert set(_visible(world, staff(world, "supervisor"))) == {north.id, east.id, south.id}
    assert set(_visible(world, platform_principal(world, "chirp"))) == {north.id, east.id}
    assert _visible(world, platform_principal(world, "marketly")) == [south.id]
    assert _visible(world, staff(world, "reviewer_harbour")) == []


def test_a_platform_cannot_read_another_platform_order(shared_world: World, order: OrderRow) -> None:
    with shared_world.runtime.uow() as uow, pytest.raises(PermissionDeniedError):
        get_order(uow, platform_principal(shared_world, "marketly"), order.id, at=shared_world.clock())


def test_lists_filter_by_status_and_overdue(world: World) -> None:
    order = issued(world, staff(world, "officer_north"))
    chirp = platform_principal(world, "chirp")
    later = issued(world, staff(world, "officer_north"), act_request(deadline_hours=40))
    _ack(world, chirp, later.id)
    assert _visible(world, chirp, OrderFilter(status="acknowledged")) == [later.id]
    assert _visible(world, chirp, OrderFilter(overdue=True)) == []
    world.clock.advance(hours=8, minutes=1)  # just past the first order's 8 working hours, well before the second's 40
    assert _visible(world, chirp, OrderFilter(overdue=True)) == [order.id]
    assert _visible(world, chirp, OrderFilter(overdue=False)) == [later.id]
