"""Mass reports: a burst of notices from new reporters is flagged for reviewers, and nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from netgov.governance.notices import Addressee, NoticeItem
from netgov.service.notice_views import list_notices
from netgov.service.permissions import SYSTEM
from netgov.store.repositories.notices import NoticeFilter
from tests.service.notice_support import case_of, dismiss, draft, file, items, timeline
from tests.service_world import World, open_world

BURST = 4  # brigade_min_notices in this module's world


@pytest.fixture
def world(database: str, tmp_path: Path) -> Iterator[World]:
    """A world whose brigade rule fires at 4 notices within 30 minutes, 3 in 4 from suspects."""
    yield from open_world(
        database,
        tmp_path,
        brigade_min_notices=BURST,
        brigade_window_minutes=30,
        brigade_suspect_share=0.75,
        notice_rate_per_ip=1000,
    )


def burst(world: World, count: int, *, addressee: Addressee = Addressee.REGULATOR) -> list[str]:
    """``count`` notices on p1 from as many first-time reporters, a minute apart."""
    notice_ids = []
    for n in range(count):
        receipt = file(world, draft(addressee=addressee), address=f"198.51.100.{n + 1}")
        notice_ids.append(receipt.notice_id)
        world.clock.advance(minutes=1)
    return notice_ids


def flagged(world: World, notice_ids: list[str]) -> list[bool]:
    return [items(world, notice_id)[0].brigade for notice_id in notice_ids]


def test_a_burst_from_new_reporters_flags_every_notice_in_it(world: World) -> None:
    notice_ids = burst(world, BURST)
    assert flagged(world, notice_ids) == [True] * BURST


def test_fewer_notices_are_no_brigade(world: World) -> None:
    assert flagged(world, burst(world, BURST - 1)) == [False] * (BURST - 1)


def test_the_case_gets_one_line_saying_so_and_nothing_else_changes(world: World) -> None:
    notice_ids = burst(world, BURST + 2)
    case = case_of(world, notice_ids[0])
    lines = [e for e in timeline(world, case.id) if e.kind == "brigade_signal"]
    assert len(lines) == 1
    assert "possible brigade: 4 notices on this content within 30 minutes" in lines[0].reason
    assert "it hides nothing and decides nothing" in lines[0].reason
    assert (case.state, case.outcome, case.trusted_flagger) == ("filed", None, False)


def test_reporters_known_for_a_while_are_no_brigade(world: World) -> None:
    reporters = [f"seasoned{n}@example.org" for n in range(BURST)]
    for n, email in enumerate(reporters):  # each reported once, a year ago
        file(world, draft(NoticeItem(content_id=f"old-{n}"), reporter_email=email))
    world.clock.advance(days=365)
    notice_ids = [file(world, draft(reporter_email=email)).notice_id for email in reporters]
    assert flagged(world, notice_ids) == [False] * BURST


def test_reporters_who_were_wrong_before_count_as_suspect(world: World) -> None:
    wrong = [f"wrong{n}@example.org" for n in range(BURST - 1)]
    seasoned = "seasoned@example.org"
    file(world, draft(NoticeItem(content_id="old-seasoned"), reporter_email=seasoned))
    for n, email in enumerate(wrong):  # three notices each, all found to be no violation
        for k in range(3):
            receipt = file(world, draft(NoticeItem(content_id=f"old-{n}-{k}"), reporter_email=email))
            dismiss(world, case_of(world, receipt).id)
    world.clock.advance(days=365)
    notice_ids = [file(world, draft(reporter_email=email)).notice_id for email in [*wrong, seasoned]]
    assert flagged(world, notice_ids) == [True] * BURST  # 3 of 4 suspect: the share is 0.75


def test_notices_outside_the_window_do_not_add_up(world: World) -> None:
    early = burst(world, BURST - 1)
    world.clock.advance(minutes=40)
    late = burst(world, 1)
    assert flagged(world, [*early, *late]) == [False] * BURST


def test_a_burst_against_an_account_is_flagged_too(world: World) -> None:
    notice_ids = []
    for n in range(BURST):
        notice = draft(NoticeItem(content_id=f"post-{n}", account_id="acct-1"))
        notice_ids.append(file(world, notice, address=f"198.51.100.{n + 1}").notice_id)
    assert flagged(world, notice_ids) == [True] * BURST


def test_platform_notices_are_flagged_for_the_platform_too(world: World) -> None:
    notice_ids = burst(world, BURST, addressee=Addressee.PLATFORM)
    assert flagged(world, notice_ids) == [True] * BURST


def test_listings_show_and_filter_the_flag(world: World) -> None:
    flagged_ids = burst(world, BURST)
    world.clock.advance(hours=2)
    quiet = file(world, draft(NoticeItem(content_id="other"))).notice_id
    with world.runtime.uow() as uow:
        page = list_notices(uow, SYSTEM, NoticeFilter(brigade=True), after=None, limit=50)
        others = list_notices(uow, SYSTEM, NoticeFilter(brigade=False), after=None, limit=50)
    assert sorted(view.row.id for view in page.views) == sorted(flagged_ids)
    assert [view.row.id for view in others.views] == [quiet]
