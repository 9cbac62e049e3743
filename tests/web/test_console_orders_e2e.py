"""Orders in a real browser: an officer issues one through the form, the platform's moderator
finds it on the overview, acknowledges it and reports the effect, with no script error or
policy violation on the way."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from netgov.api.app import create_app
from tests.service_world import PASSWORD, open_world
from tests.web.live_server import serving
from tests.web.test_console_e2e import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="NETGOV_TEST_CHROMIUM does not name a Chromium binary")

if CHROMIUM.exists():
    from playwright.sync_api import Browser, Page, expect, sync_playwright


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    directory = tmp_path_factory.mktemp("orders-e2e")
    worlds = open_world(f"sqlite:///{directory / 'netgov.sqlite'}", directory)
    world = next(worlds)
    try:
        with serving(create_app(world.runtime)) as url:
            yield url
    finally:
        worlds.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _signed_in(browser: Browser, site: str, username: str, problems: list[str]) -> Page:
    page = browser.new_context().new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{site}/console/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    # Listening from here on: the browser's first visit also asks for /favicon.ico, which is not ours.
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page


def test_an_order_goes_from_the_officer_form_to_the_platform_answer(browser: Browser, site: str) -> None:
    problems: list[str] = []
    officer = _signed_in(browser, site, "officer_north", problems)
    officer.goto(f"{site}/console/orders/new")
    officer.get_by_label("Platform", exact=True).select_option("chirp")
    officer.get_by_label("Items: one per line").fill("post-77 https://chirp.example/p/77")
    officer.get_by_label("Legal basis: regulation").fill("MOSR")
    officer.get_by_label("Legal basis: article").fill("9")
    officer.get_by_label("Provisions the reasons cite").fill("MOSR Art. 9(1)")
    officer.get_by_label("Statement of reasons").fill("Counterfeit medicines on sale.")
    officer.get_by_role("button", name="Issue the order").click()
    expect(officer).to_have_url(re.compile(r"/console/orders/ord_[0-9a-f]+$"))
    order_url = officer.url

    moderator = _signed_in(browser, site, "chirp_moderator", problems)
    expect(moderator.get_by_role("heading", name="Open orders to answer")).to_be_visible()
    moderator.get_by_role("navigation", name="Main").get_by_role("link", name="Orders").click()
    moderator.locator("table.orders tbody a").first.click()
    expect(moderator).to_have_url(order_url)
    moderator.get_by_role("button", name="Acknowledge").click()
    moderator.get_by_label("Effect", exact=True).select_option("removed")
    moderator.get_by_label("Details").fill("removed for every user")
    moderator.get_by_role("button", name="Report the effect").click()
    expect(moderator.locator(".lead .badge").first).to_have_text("executed")
    expect(moderator.locator("ol.timeline")).to_contain_text("effect reported")
    assert problems == []
