"""The coverage page: tables per level, the SVG chart, gaps with their destinations, and
offices without staff, within the signed-in user's scope."""

from __future__ import annotations

import re

from tests.service_world import World
from tests.web.console_client import signed_in


def test_the_page_shows_the_gap_and_where_its_work_goes(world: World) -> None:
    page = signed_in(world, "supervisor").get("/console/coverage")
    assert page.status_code == 200
    assert "Harbour West County <code>ex.north.harbour.west</code>" in page.text
    assert "office-harbour in <code>ex.north.harbour</code>, 1 level up" in page.text


def test_the_page_lists_the_office_without_staff(world: World) -> None:
    page = signed_in(world, "supervisor").get("/console/coverage").text
    unstaffed = page.split('id="unstaffed"')[1].split("</section>")[0]
    assert re.findall(r'<th scope="row">([^<]+)</th>', unstaffed) == ["office-south"]


def test_the_chart_is_inline_svg_with_a_bar_per_level(world: World) -> None:
    page = signed_in(world, "supervisor").get("/console/coverage").text
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count('<g class="bar"') == 4
    # County: one of two counties has an office (half the 360-unit track), and its one office is staffed.
    assert re.search(r'width="180.0" height="14" fill="#1f5fbf"><title>county: 50% with an office', svg)
    assert "county: 100% of offices staffed" in svg
    main = page.split("<main", 1)[1]
    assert "style=" not in main
    assert "<script" not in main


def test_the_table_per_level_counts_jurisdictions_and_offices(world: World) -> None:
    page = signed_in(world, "supervisor").get("/console/coverage").text
    row = page.split('<th scope="row">provincial</th>')[1].split("</tr>")[0]
    assert re.findall(r'<td class="number">([^<]+)</td>', row) == ["2", "2", "100%", "2", "1"]


def test_an_officer_sees_their_province_only(world: World) -> None:
    page = signed_in(world, "officer_north").get("/console/coverage").text
    assert "Coverage of ex.north" in page
    assert "office-south" not in page


def test_under_narrows_the_report_to_a_subtree(world: World) -> None:
    page = signed_in(world, "supervisor").get("/console/coverage?under=ex.south").text
    assert "Coverage of ex.south" in page
    assert "Every jurisdiction has an office of its own." in page


def test_someone_who_may_not_read_coverage_gets_a_403_page(world: World) -> None:
    page = signed_in(world, "reviewer_harbour").get("/console/coverage")
    assert page.status_code == 403
    assert "coverage.read" in page.text


def test_signed_out_visitors_are_sent_to_sign_in(world: World) -> None:
    from tests.web.console_client import console_client

    answer = console_client(world).get("/console/coverage")
    assert answer.status_code == 303
    assert "/console/sign-in" in answer.headers["location"]
