"""The overview page: counts of decisions within the user's scope."""

from __future__ import annotations

import re

from tests.service_world import World
from tests.web.console_client import signed_in


def _rows(page: str) -> dict[str, str]:
    """Row label (text of the row header) → the first count in the row."""
    found = re.findall(
        r'<th scope="row">(?:<a [^>]*>)?(?:<span [^>]*>)?([^<]+)<.*?<td class="number">(\d+)</td>', page, re.S
    )
    return dict(found)


def test_the_overview_counts_decisions_by_action_and_category(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "admin").get("/console/").text
    assert "5 decisions within your scope." in page
    rows = _rows(page)
    assert rows["remove"] == "2"
    assert rows["hold for review"] == "2"
    assert rows["data protection and privacy violations"] == "3"


def test_a_county_officer_s_overview_counts_only_their_county(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "officer_west").get("/console/").text
    assert "2 decisions within your scope." in page
    assert _rows(page)["allow"] == "1"
    assert "scams and fraud" not in page


def test_each_count_links_to_the_matching_decisions(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "admin").get("/console/").text
    assert 'href="/console/decisions?action=remove"' in page
    assert 'href="/console/decisions?category=SCAMS_AND_FRAUD"' in page


def test_an_empty_overview_says_so(world: World) -> None:
    page = signed_in(world, "admin").get("/console/").text
    assert "0 decisions within your scope." in page
    assert "No decisions yet." in page
