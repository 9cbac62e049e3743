"""The console in a real browser: Chromium drives the real app, served by uvicorn over plain
HTTP on loopback, over a SQLite world with a few hundred decisions."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from netgov.api.app import create_app
from netgov.demo import demo_world, synthetic_posts
from tests.service_world import PASSWORD, START, World, open_world
from tests.web.live_server import serving
from tests.web.seeding import EMAIL, PHONE, seed, submit

# The browser is a service like the databases: named by a variable (CI sets it), else skipped.
CHROMIUM = Path(os.environ.get("NETGOV_TEST_CHROMIUM", "/nonexistent/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="NETGOV_TEST_CHROMIUM does not name a Chromium binary (CI sets it to Debian's /usr/bin/chromium)",
)

if CHROMIUM.exists():
    from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright


class Site:
    """The served console: its address and the decisions seeded by name."""

    def __init__(self, url: str, decisions: dict[str, str]) -> None:
        self.url = url
        self.decisions = decisions


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    directory = tmp_path_factory.mktemp("console-e2e")
    worlds = open_world(f"sqlite:///{directory / 'netgov.sqlite'}", directory)
    world = next(worlds)
    try:
        _seed_posts(world, 300)
        decisions = seed(world)
        with serving(create_app(world.runtime)) as url:
            yield Site(url, decisions)
    finally:
        worlds.close()


def _seed_posts(world: World, count: int) -> None:
    """Synthetic posts of the demo, in batches an hour apart, so the list spans many pages."""
    posts = synthetic_posts(count, seed=11, world=demo_world(), start=START - timedelta(days=2), span=timedelta(days=2))
    for first in range(0, count, 50):
        world.clock.advance(hours=1)
        submit(world, posts[first : first + 50])


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    fresh = browser.new_context()
    fresh.set_default_timeout(10_000)
    yield fresh
    fresh.close()


def _sign_in(context: BrowserContext, site: Site, username: str = "admin") -> Page:
    page = context.new_page()
    page.goto(f"{site.url}/console/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    return page


def test_signing_in_lands_on_the_overview_with_a_secure_http_only_cookie(context: BrowserContext, site: Site) -> None:
    page = _sign_in(context, site)
    assert page.url == f"{site.url}/console/"
    (cookie,) = [c for c in context.cookies() if c["name"] == "netgov_session"]
    # Chromium keeps Secure cookies on http://127.0.0.1 (loopback counts as a secure context).
    assert cookie["secure"] is True
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"
    assert cookie["path"] == "/console"


def test_filtering_by_action_updates_the_table_in_place(context: BrowserContext, site: Site) -> None:
    page = _sign_in(context, site)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Decisions").click()
    expect(page.get_by_role("heading", name="Decisions", level=1)).to_be_visible()
    # A mark on the window survives only if the page is not reloaded: HTMX swaps the table.
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Action").select_option("remove")
    expect(page).to_have_url(re.compile(r"/console/decisions\?action=remove$"))
    badges = page.locator("table.decisions tbody .badge")
    expect(badges.first).to_have_text("remove")
    assert set(badges.all_inner_texts()) == {"remove"}
    assert page.evaluate("window.notReloaded") is True


def test_pages_run_without_script_errors_or_policy_violations(context: BrowserContext, site: Site) -> None:
    page = _sign_in(context, site)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{site.url}/console/decisions")
    page.get_by_label("Action").select_option("hold_for_review")
    expect(page).to_have_url(re.compile(r"action=hold_for_review$"))
    page.locator("table.decisions tbody a").first.click()
    expect(page.get_by_role("heading", name="Rules fired")).to_be_visible()
    assert problems == []


def test_the_next_page_link_moves_on_through_the_list(context: BrowserContext, site: Site) -> None:
    page = _sign_in(context, site)
    page.goto(f"{site.url}/console/decisions")
    first = page.locator("table.decisions tbody tr").first.inner_text()
    page.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"after="))
    expect(page.get_by_role("link", name="Newest")).to_be_visible()
    assert page.locator("table.decisions tbody tr").first.inner_text() != first


def test_revealing_a_post_marks_the_evidence_and_masks_personal_data(context: BrowserContext, site: Site) -> None:
    page = _sign_in(context, site)
    page.goto(f"{site.url}/console/decisions?platform=chirp&rule=privacy.personal-data-dump")
    page.get_by_role("link", name="c-doxx-east").click()
    expect(page.get_by_role("heading", name="Post text")).to_be_visible()
    page.get_by_label("Reason for reading this post").fill("checking a doxxing report")
    page.get_by_role("button", name="Show the text").click()
    post = page.locator("blockquote.post")
    expect(post).to_contain_text("Found him.")
    # HTMX posted the form (with the CSRF header) and swapped the text in: the address did not change.
    expect(page).to_have_url(re.compile(r"/console/decisions/dec_[0-9a-f]+$"))
    expect(post.locator("mark.masked").first).to_be_visible()
    expect(post.locator("mark.masked").first).to_have_text(re.compile(r"‹email #[0-9a-f]{8}›"))
    assert PHONE not in page.content()
    assert EMAIL not in page.content()


def test_a_post_with_markup_is_shown_as_text_and_runs_nothing(context: BrowserContext, site: Site) -> None:
    page = _sign_in(context, site)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site.url}/console/decisions/{site.decisions['scam_east']}")
    page.get_by_label("Reason for reading this post").fill("reviewing appeal A-7")
    page.get_by_role("button", name="Show the text").click()
    post = page.locator("blockquote.post")
    expect(post).to_contain_text("<script>alert('owned')</script>")
    expect(post.locator("mark").first).to_have_text("this is my new number")
    assert dialogs == []


def test_after_signing_out_the_decisions_page_asks_to_sign_in(context: BrowserContext, site: Site) -> None:
    page = _sign_in(context, site)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.goto(f"{site.url}/console/decisions")
    expect(page).to_have_url(re.compile(r"/console/sign-in\?next=%2Fconsole%2Fdecisions$"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
