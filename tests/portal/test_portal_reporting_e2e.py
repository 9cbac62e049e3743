"""Reporting in a real browser: a member of the public fills the form (adding a location row
without JavaScript), keeps the query code from the receipt, follows the report, and sees the
outcome with an appeal form once the office decides; no script error or policy violation."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from netgov.api.app import create_app
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.query_codes import code_hash
from tests.service.notice_support import case_of, decide
from tests.service_world import World, open_world
from tests.web.live_server import serving
from tests.web.test_console_e2e import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="NETGOV_TEST_CHROMIUM does not name a Chromium binary")

if CHROMIUM.exists():
    from playwright.sync_api import Browser, Page, expect, sync_playwright


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, World]]:
    directory = tmp_path_factory.mktemp("portal-e2e")
    worlds = open_world(f"sqlite:///{directory / 'netgov.sqlite'}", directory)
    world = next(worlds)
    try:
        with serving(create_app(world.runtime)) as url:
            yield url, world
    finally:
        worlds.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _visitor(browser: Browser, start: str, problems: list[str]) -> Page:
    # No JavaScript at all: the form must work without it.
    page = browser.new_context(java_script_enabled=False).new_page()
    page.set_default_timeout(10_000)
    page.goto(start)
    # Listening from here on: the browser's first visit also asks for /favicon.ico, which is not ours.
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    return page


def test_a_member_of_the_public_reports_follows_and_sees_the_outcome(browser: Browser, site: tuple[str, World]) -> None:
    url, world = site
    problems: list[str] = []
    page = _visitor(browser, f"{url}/portal/", problems)
    page.get_by_role("link", name="Report illegal content").click()
    page.get_by_label("Platform the content is on").select_option("chirp")
    page.get_by_label("Web address 1").fill("https://chirp.example/p/1?utm_source=share")
    page.get_by_label("or id on the platform 1").fill("p1")
    page.get_by_label("What kind of illegality").select_option("SCAMS_AND_FRAUD")
    page.get_by_label("Why the content is illegal").fill("It promises to double any crypto sent to it.")
    page.get_by_role("button", name="Add another location").click()
    expect(page.get_by_label("Web address 4")).to_be_visible()
    expect(page.get_by_label("Web address 1")).to_have_value("https://chirp.example/p/1?utm_source=share")
    page.get_by_label("I believe, in good faith").check()
    page.get_by_role("button", name="Send the report").click()

    code = page.locator("#query-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    page.get_by_role("link", name="Follow your report's status").click()
    expect(page.locator("#notice-status")).to_have_text("in review")

    with world.runtime.uow() as uow:
        notice = uow.notices.by_code_hash(code_hash(code))
        assert notice is not None
    decide(world, case_of(world, notice.id).id, CaseOutcome.NO_VIOLATION, reason="a lawful offer")
    page.goto(f"{url}/portal/")
    page.get_by_label("Query code from your receipt").fill(code.lower())
    page.get_by_role("button", name="Show the status").click()
    expect(page.locator("#notice-status")).to_have_text("decided")
    expect(page.get_by_text("Reasons: a lawful offer")).to_be_visible()
    expect(page.get_by_role("heading", name="Appeal this decision")).to_be_visible()
    assert problems == []
