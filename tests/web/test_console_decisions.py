"""The decisions page: scope, filters (plain GET and HTMX) and keyset paging."""

from __future__ import annotations

import re

import pytest

from tests.service_world import START, World
from tests.web.console_client import signed_in
from tests.web.seeding import seed_many


def _content_ids(page: str) -> list[str]:
    return re.findall(r'<a href="/console/decisions/dec_[0-9a-f]+">([^<]+)</a>', page)


def _next_link(page: str) -> str | None:
    found = re.search(r'<a rel="next" href="([^"]+)"', page)
    return found.group(1).replace("&amp;", "&") if found else None


def test_an_officer_sees_only_decisions_in_their_county(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "officer_east").get("/console/decisions").text
    assert sorted(_content_ids(page)) == ["c-doxx-east", "c-scam-east"]


def test_a_platform_moderator_sees_only_their_platform(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "marketly_moderator").get("/console/decisions").text
    assert _content_ids(page) == ["m-card-south"]


def test_rows_come_newest_first_with_their_details(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "admin").get("/console/decisions").text
    assert _content_ids(page) == ["m-card-south", "c-harmless-west", "c-card-west", "c-doxx-east", "c-scam-east"]
    assert '<span class="badge badge-remove">remove</span>' in page
    assert "<code>privacy.payment-card</code>" in page
    assert '<time datetime="2026-06-01T09:05:00+00:00">2026-06-01 09:05:00 UTC</time>' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("action=remove", ["m-card-south", "c-card-west"]),
        ("platform=marketly", ["m-card-south"]),
        ("category=SCAMS_AND_FRAUD", ["c-scam-east"]),
        ("rule=privacy.personal-data-dump", ["c-doxx-east"]),
        (
            "date_from=2026-06-01&date_to=2026-06-01",
            ["m-card-south", "c-harmless-west", "c-card-west", "c-doxx-east", "c-scam-east"],
        ),
        ("date_from=2026-06-02", []),
        ("date_to=2026-05-31", []),
        ("platform=chirp&action=remove", ["c-card-west"]),
    ],
)
def test_filters_narrow_the_list(world: World, seeded: dict[str, str], query: str, expected: list[str]) -> None:
    page = signed_in(world, "admin").get(f"/console/decisions?{query}").text
    assert _content_ids(page) == expected


def test_the_form_shows_the_filters_in_use(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "admin").get("/console/decisions?action=remove&date_from=2026-06-01").text
    assert '<option value="remove" selected>remove</option>' in page
    assert 'name="date_from" type="date" value="2026-06-01"' in page
    assert "2 decisions match these filters." in page


def test_filters_never_widen_the_scope(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "officer_east").get("/console/decisions?platform=marketly").text
    assert _content_ids(page) == []


def test_an_htmx_request_gets_only_the_results(world: World, seeded: dict[str, str]) -> None:
    answer = signed_in(world, "admin").get("/console/decisions?action=remove", headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert "<html" not in answer.text
    assert "<form" not in answer.text
    assert _content_ids(answer.text) == ["m-card-south", "c-card-west"]
    assert "HX-Request" in answer.headers["vary"]


def test_htmx_is_given_the_tidy_address_to_show(world: World, seeded: dict[str, str]) -> None:
    answer = signed_in(world, "admin").get(
        "/console/decisions?platform=&category=&action=remove&rule=&date_from=&date_to=", headers={"HX-Request": "true"}
    )
    assert answer.headers["HX-Push-Url"] == "/console/decisions?action=remove"


def test_a_history_restore_gets_the_whole_page(world: World, seeded: dict[str, str]) -> None:
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    answer = signed_in(world, "admin").get("/console/decisions", headers=headers)
    assert "<html" in answer.text


def test_the_filter_form_works_with_and_without_htmx(world: World) -> None:
    page = signed_in(world, "admin").get("/console/decisions").text
    assert '<form class="filters" method="get" action="/console/decisions"' in page
    assert 'hx-get="/console/decisions" hx-target="#results" hx-push-url="true"' in page


def test_pages_follow_one_another_without_gaps_or_repeats(world: World) -> None:
    seed_many(world, batches=3, size=40)
    client = signed_in(world, "admin")
    seen: list[str] = []
    url: str | None = "/console/decisions"
    pages = 0
    while url:
        page = client.get(url).text
        seen += _content_ids(page)
        url, pages = _next_link(page), pages + 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 120
    assert seen[0].startswith("bulk-02-")
    assert seen[-1].startswith("bulk-00-")


def test_the_next_page_keeps_the_filters(world: World) -> None:
    seed_many(world, batches=2, size=30)
    page = signed_in(world, "admin").get("/console/decisions?platform=chirp&action=allow").text
    link = _next_link(page)
    assert link is not None
    assert link.startswith("/console/decisions?platform=chirp&action=allow&after=")
    assert "60 decisions match these filters." in page


def test_a_later_page_links_back_to_the_newest(world: World) -> None:
    seed_many(world, batches=2, size=30)
    client = signed_in(world, "admin")
    link = _next_link(client.get("/console/decisions?action=allow").text)
    assert link is not None
    later = client.get(link).text
    assert '<a href="/console/decisions?action=allow" hx-get="/console/decisions?action=allow"' in later
    assert _next_link(later) is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("after=not-a-cursor", "The page cursor is not valid; start again from the first page."),
        ("date_from=yesterday", "Date from must be a date like 2026-06-01, not &#39;yesterday&#39;."),
    ],
)
def test_unusable_filters_get_a_clear_422_page(world: World, query: str, message: str) -> None:
    answer = signed_in(world, "admin").get(f"/console/decisions?{query}")
    assert answer.status_code == 422
    assert message in answer.text


def test_an_empty_list_says_how_many_match(world: World) -> None:
    page = signed_in(world, "admin").get(f"/console/decisions?date_from={START.date()}").text
    assert "0 decisions match these filters." in page
    assert "<table" not in page
