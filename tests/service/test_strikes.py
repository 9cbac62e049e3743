"""Strikes: the restrictive decisions of an account add up, expire, and feed the next
decision as account.prior_strikes, so the bundled rulebook escalates for repeat offenders."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netgov.core.content import Account, Content
from netgov.core.decision import decision_from_json
from netgov.errors import PermissionDeniedError
from netgov.service.intake_batch import Item
from netgov.service.strikes import account_strikes
from tests.service.support import EAST, staff, submit
from tests.service_world import World

FOLLOWERS = (
    "Buy Instagram followers cheap! Real active followers, instant delivery.",
    "Buy followers cheap! 20k real active followers, instant delivery.",
    "Buy TikTok followers now, real active followers, instant delivery guaranteed.",
    "Cheap followers for sale: real active followers, instant delivery, best price.",
)


def _post(world: World, content_id: str, text: str, account: str, *, prior: int = 0) -> tuple[str, list[str]]:
    content = Content(id=content_id, platform="chirp", text=text, account=Account(id=account, prior_strikes=prior))
    (outcome,) = submit(world, Item(content=content, jurisdiction=EAST, actor="platform:chirp"))
    decision = decision_from_json(outcome.document)
    return decision.action.value, [hit.rule for hit in decision.rules]


def _spam_three_times(world: World, account: str) -> None:
    for n, text in enumerate(FOLLOWERS[:3]):
        action, _ = _post(world, f"{account}-{n}", text, account)
        assert action == "restrict_visibility"


def test_an_account_with_enough_live_strikes_gets_the_harsher_action_on_its_next_post(shared_world: World) -> None:
    _spam_three_times(shared_world, "repeat-1")
    action, rules = _post(shared_world, "repeat-1-next", FOLLOWERS[3], "repeat-1")
    assert action == "remove"
    assert "spam.repeat-offender" in rules
    # Another account posting the same is a first offence.
    assert _post(shared_world, "first-1", FOLLOWERS[3], "first-1")[0] == "restrict_visibility"


def test_strikes_of_another_platform_do_not_count(shared_world: World) -> None:
    _spam_three_times(shared_world, "repeat-2")
    content = Content(id="repeat-2-elsewhere", platform="marketly", text=FOLLOWERS[3], account=Account(id="repeat-2"))
    (outcome,) = submit(shared_world, Item(content=content, jurisdiction=EAST, actor="platform:marketly"))
    assert decision_from_json(outcome.document).action.value == "restrict_visibility"


def test_the_platform_count_counts_when_it_is_the_larger(shared_world: World) -> None:
    assert _post(shared_world, "told-1", FOLLOWERS[0], "told-1", prior=3)[0] == "remove"


def test_expired_strikes_no_longer_count(world: World) -> None:
    _spam_three_times(world, "repeat-3")
    world.clock.advance(days=world.runtime.settings.strike_days + 1)
    assert _post(world, "repeat-3-later", FOLLOWERS[3], "repeat-3")[0] == "restrict_visibility"
    with world.runtime.uow() as uow:
        record = account_strikes(
            uow, actor=staff(world, "chirp_moderator"), platform=None, account_id="repeat-3", at=world.clock()
        )
    assert record.live_total == 1  # only the one just added
    assert [strike.live for strike in record.strikes] == [True, False, False, False]


def test_the_strike_record_is_read_by_its_platform_only(shared_world: World) -> None:
    _post(shared_world, "record-1", FOLLOWERS[0], "record-1")
    at = shared_world.clock()
    with shared_world.runtime.uow() as uow:
        record = account_strikes(
            uow, actor=staff(shared_world, "chirp_moderator"), platform=None, account_id="record-1", at=at
        )
        assert (record.platform, record.live_total, len(record.strikes)) == ("chirp", 1, 1)
        with pytest.raises(PermissionDeniedError, match="platform chirp"):
            account_strikes(
                uow, actor=staff(shared_world, "marketly_moderator"), platform="chirp", account_id="record-1", at=at
            )


def test_a_strike_weighs_what_its_measure_weighs(shared_world: World) -> None:
    _post(
        shared_world,
        "weight-1",
        "We are giving back: send any amount between 0.1 and 20 SOL and we will send back double.",
        "weight-1",
    )
    with shared_world.runtime.uow() as uow:
        record = account_strikes(
            uow,
            actor=staff(shared_world, "chirp_moderator"),
            platform=None,
            account_id="weight-1",
            at=shared_world.clock() + timedelta(seconds=1),
        )
    assert record.live_total == 2
