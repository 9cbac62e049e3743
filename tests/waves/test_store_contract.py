"""The wave store contract, run against the in-memory store and the Redis store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from netgov import Account, Content
from netgov.core.observations import Observations, Wave
from netgov.rulebook.loader import default_normalizer
from netgov.waves import WaveConfig, WaveTracker
from tests.factories import NOW
from tests.waves.conftest import StoreMaker
from tests.waves.flood import SCAM_EN, SCAM_ZH, UNRELATED, flood

MakeTracker = Callable[..., WaveTracker]


def _wave(observations: Observations | None, window: str) -> Wave | None:
    waves = observations.waves if observations is not None else ()
    return next((w for w in waves if w.window == window), None)


@pytest.mark.parametrize("template", [SCAM_EN, SCAM_ZH], ids=["en", "zh"])
def test_a_planted_flood_across_accounts_is_one_wave(make_tracker: MakeTracker, template: str) -> None:
    posts = flood(template, posts=30, accounts=6, start=NOW)
    tracked = make_tracker().track(posts, now=NOW)
    last = _wave(tracked.observations[-1], "10m")
    assert last is not None
    assert (last.size, last.accounts, last.representative) == (30, 6, "f0")
    assert last.first_seen == NOW
    assert len({w.cluster for o in tracked.observations if o for w in o.waves}) == 1


def test_unrelated_posts_do_not_join_a_wave(make_tracker: MakeTracker) -> None:
    tracker = make_tracker()
    tracker.track(flood(SCAM_EN, posts=10, accounts=5, start=NOW), now=NOW)
    others = [Content(id=f"u{i}", text=text, account=Account(id=f"u{i}")) for i, text in enumerate(UNRELATED)]
    assert tracker.track(others, now=NOW + timedelta(seconds=20)).observations == [None, None, None]


def test_a_single_post_and_a_short_text_make_no_wave(make_tracker: MakeTracker) -> None:
    tracker = make_tracker()
    short = [Content(id=f"s{i}", text="thanks!", account=Account(id=f"s{i}")) for i in range(10)]
    tracked = tracker.track([*flood(SCAM_EN, posts=1, accounts=1, start=NOW), *short], now=NOW)
    assert tracked.observations == [None] * 11


def test_the_wave_counts_only_accounts_seen_within_the_window(make_tracker: MakeTracker) -> None:
    tracked = make_tracker().track(flood(SCAM_EN, posts=12, accounts=2, start=NOW), now=NOW)
    wave = _wave(tracked.observations[-1], "1h")
    assert wave is not None
    assert (wave.size, wave.accounts) == (12, 2)


def test_after_the_window_passes_the_cluster_no_longer_counts(make_tracker: MakeTracker) -> None:
    tracker = make_tracker(WaveConfig(windows=WaveConfig().windows[:1]))  # 10m only
    tracker.track(flood(SCAM_EN, posts=10, accounts=5, start=NOW, seed=1), now=NOW)
    later = NOW + timedelta(minutes=11)
    tracked = tracker.track(flood(SCAM_EN, posts=1, accounts=1, start=later, seed=2, prefix="g"), now=later)
    assert tracked.observations == [None]


def test_a_post_inside_the_window_still_joins_and_counts_the_recent_part(make_tracker: MakeTracker) -> None:
    tracker = make_tracker()
    tracker.track(flood(SCAM_EN, posts=10, accounts=5, start=NOW, seed=1), now=NOW)
    later = NOW + timedelta(minutes=30)
    tracked = tracker.track(flood(SCAM_EN, posts=2, accounts=2, start=later, seed=2, prefix="g"), now=later)
    recent, hour = _wave(tracked.observations[-1], "10m"), _wave(tracked.observations[-1], "1h")
    assert recent is not None
    assert hour is not None
    assert (recent.size, hour.size) == (2, 12)


def test_velocity_counts_each_accounts_posts_in_the_last_minute_and_hour(make_tracker: MakeTracker) -> None:
    tracker = make_tracker()
    times = [NOW + timedelta(seconds=s) for s in (0, 1000, 3000, 3590, 3595, 3600)]
    posts = [Content(id=f"v{i}", text="hi", account=Account(id="busy"), created_at=t) for i, t in enumerate(times)]
    posts.append(Content(id="q", text="hi", account=Account(id="quiet"), created_at=times[-1]))
    tracked = tracker.track(posts, now=NOW)
    counts = [(c.account.posts_last_minute, c.account.posts_last_hour) for c in tracked.contents if c.account]
    assert counts == [(1, 1), (1, 2), (1, 3), (1, 4), (2, 5), (3, 5), (1, 1)]


def test_velocity_sent_by_the_platform_is_kept(make_tracker: MakeTracker) -> None:
    sent = Content(id="p", text="hi", account=Account(id="a", posts_last_minute=40, posts_last_hour=90))
    assert make_tracker().track([sent], now=NOW).contents == [sent]


def test_two_workers_sharing_redis_see_one_wave(redis_maker: StoreMaker) -> None:
    first, second = (WaveTracker(redis_maker(WaveConfig()), default_normalizer()) for _ in range(2))
    posts = flood(SCAM_EN, posts=20, accounts=10, start=NOW)
    for index in range(0, 20, 2):
        first.track(posts[index : index + 1], now=NOW)
        second.track(posts[index + 1 : index + 2], now=NOW)
    last = second.track(flood(SCAM_EN, posts=1, accounts=1, start=NOW, seed=9, prefix="z"), now=NOW)
    wave = _wave(last.observations[0], "10m")
    assert wave is not None
    assert (wave.size, wave.accounts, wave.representative) == (21, 11, "f0")
