"""Synthetic demo posts: deterministic, well-formed, and caught by the bundled rulebook
at the rate the demo promises."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from netgov import Account, Action, Content, Decision, Engine, load_rulebook
from netgov.demo import demo_world, synthetic_posts
from netgov.demo.templates import FLOODS, HARMFUL, ORDINARY, Template, render

START = datetime(2026, 5, 1, tzinfo=UTC)
SPAN = timedelta(days=30)
NOW = START + SPAN


def _posts(count: int = 2000, seed: int = 7) -> list[Content]:
    return synthetic_posts(count, seed=seed, world=demo_world(), start=START, span=SPAN)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_rulebook(at=NOW))


@pytest.fixture(scope="module")
def posts() -> list[Content]:
    return _posts()


@pytest.fixture(scope="module")
def decisions(engine: Engine, posts: list[Content]) -> list[Decision]:
    return engine.decide_many(posts, now=NOW)


def _decide(engine: Engine, template: Template, seed: int) -> Decision:
    rendered = render(template, random.Random(seed))
    content = Content(
        id="t1",
        platform="chirp",
        account=Account(id="u0001", created_at=START - timedelta(days=400)),
        text=rendered.text,
        urls=rendered.urls,
        language=rendered.language,
    )
    return engine.decide(content, now=NOW)


def test_the_same_seed_gives_the_same_posts() -> None:
    assert _posts(300, seed=3) == _posts(300, seed=3)


def test_different_seeds_give_different_posts() -> None:
    assert [p.text for p in _posts(300, seed=3)] != [p.text for p in _posts(300, seed=4)]


def test_the_requested_number_of_posts_is_returned(posts: list[Content]) -> None:
    assert len(posts) == 2000
    assert synthetic_posts(0, seed=1, world=demo_world(), start=START, span=SPAN) == []


def test_content_ids_are_unique_per_platform_and_numbered(posts: list[Content]) -> None:
    keys = [(post.platform, post.id) for post in posts]
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"p\d{6}", post.id) for post in posts)


def test_account_ids_look_stable_and_keep_their_creation_time(posts: list[Content]) -> None:
    created: dict[str, datetime | None] = {}
    for post in posts:
        assert post.account is not None
        assert re.fullmatch(r"u\d{4,}", post.account.id)
        assert created.setdefault(post.account.id, post.account.created_at) == post.account.created_at


def test_accounts_exist_before_they_post(posts: list[Content]) -> None:
    for post in posts:
        assert post.account is not None
        assert post.account.created_at is not None
        assert post.account.created_at < _at(post)


def test_posts_are_located_in_counties_of_the_world(posts: list[Content]) -> None:
    counties = {county.code for county in demo_world().counties()}
    assert {post.jurisdiction for post in posts} <= counties


def test_posts_are_on_the_platforms_of_the_world(posts: list[Content]) -> None:
    assert {post.platform for post in posts} == {platform.id for platform in demo_world().platforms}


def test_posts_fall_within_the_span_in_time_order(posts: list[Content]) -> None:
    moments = [_at(post) for post in posts]
    assert all(START <= moment < NOW for moment in moments)
    assert moments == sorted(moments)


def test_a_span_under_a_second_puts_every_post_at_the_start() -> None:
    posts = synthetic_posts(20, seed=1, world=demo_world(), start=START, span=timedelta(milliseconds=300))
    assert {post.created_at for post in posts} == {START}


def test_posts_mix_english_and_simplified_chinese(posts: list[Content]) -> None:
    languages = Counter(post.language for post in posts)
    assert set(languages) == {"en", "zh"}
    assert 0.1 < languages["zh"] / len(posts) < 0.4


def test_spam_floods_repeat_one_text_from_several_accounts_within_minutes(
    posts: list[Content], decisions: list[Decision]
) -> None:
    members = {(post.platform, post.id) for post in _bursts(posts, within=timedelta(minutes=10), accounts=4)}
    assert members
    flooded = [d for d in decisions if (d.platform, d.content_id) in members]
    assert all("spam.engagement-selling" in {hit.rule for hit in d.enforced} for d in flooded)


def _bursts(posts: list[Content], *, within: timedelta, accounts: int) -> list[Content]:
    """Posts of the same text from at least ``accounts`` accounts ``within`` of the first."""
    by_text: dict[str, list[Content]] = {}
    for post in posts:
        by_text.setdefault(post.text, []).append(post)
    members: list[Content] = []
    for group in by_text.values():
        for i, first in enumerate(group):
            burst = [post for post in group[i:] if _at(post) - _at(first) <= within]
            if len({_author(post) for post in burst}) >= accounts:
                members.extend(burst)
    return members


def _at(post: Content) -> datetime:
    assert post.created_at is not None
    return post.created_at


def _author(post: Content) -> str:
    assert post.account is not None
    return post.account.id


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="count"):
        synthetic_posts(-1, seed=1, world=demo_world(), start=START, span=SPAN)


def test_an_empty_span_is_refused() -> None:
    with pytest.raises(ValueError, match="span"):
        synthetic_posts(5, seed=1, world=demo_world(), start=START, span=timedelta(0))


@pytest.mark.parametrize(
    "template", [t for family in HARMFUL + FLOODS for t in family.templates], ids=lambda t: t.text[:40]
)
def test_each_harmful_template_fires_the_rule_it_names(engine: Engine, template: Template) -> None:
    for seed in range(25):
        decision = _decide(engine, template, seed)
        assert decision.action is not Action.ALLOW
        assert template.rule in {hit.rule for hit in decision.enforced}


@pytest.mark.parametrize("template", [t for family in ORDINARY for t in family.templates], ids=lambda t: t.text[:40])
def test_each_ordinary_template_is_allowed(engine: Engine, template: Template) -> None:
    for seed in range(25):
        assert _decide(engine, template, seed).action is Action.ALLOW


def test_the_bundled_rulebook_decides_every_post(posts: list[Content], decisions: list[Decision]) -> None:
    assert [(d.platform, d.content_id) for d in decisions] == [(p.platform, p.id) for p in posts]
    assert all(d.statement is not None for d in decisions if d.action.is_restrictive)


def test_between_8_and_25_percent_of_posts_are_acted_on(decisions: list[Decision]) -> None:
    acted = sum(decision.action is not Action.ALLOW for decision in decisions)
    assert 0.08 <= acted / len(decisions) <= 0.25


def test_at_least_five_distinct_rules_fire(decisions: list[Decision]) -> None:
    fired = {hit.rule for decision in decisions for hit in decision.enforced}
    assert len(fired) >= 5
