"""The case workflow in a real browser: a post held for review becomes a case, an officer
finds it in the queue with the keyboard, works it to a decision and issues an order, and
the platform sees the order, in its console and through its API key.

Chromium drives the real app served by uvicorn on loopback over a SQLite world; skipped,
saying why, where ``NETGOV_TEST_CHROMIUM`` names no browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx2 as httpx
import pytest

from netgov.api.app import create_app
from netgov.core.actions import Severity
from netgov.identity import Grant, Role
from netgov.service.permissions import SYSTEM
from netgov.service.staff import create_staff
from netgov.service.sweep import run_sweep
from tests.service.cases_support import opened
from tests.service_world import PASSWORD, World, open_world
from tests.web.live_server import serving
from tests.web.seeding import SCAM_TEXT, post, submit
from tests.web.test_console_e2e import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="NETGOV_TEST_CHROMIUM does not name a Chromium binary (CI sets it to Debian's /usr/bin/chromium)",
)

if CHROMIUM.exists():
    from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

SOUTH = "ex.south"


class Site:
    def __init__(self, url: str, world: World, held: str, reports: list[str]) -> None:
        self.url, self.world, self.held, self.reports = url, world, held, reports


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    directory = tmp_path_factory.mktemp("cases-e2e")
    for world in open_world(f"sqlite:///{directory / 'netgov.sqlite'}", directory):
        # Two reports first (due first), then a chirp scam placed in the South Province, which
        # the bundled rulebook holds for review and the sweep turns into a case. Nobody is
        # seated in the South Province office yet, so all three wait in its queue unassigned.
        reports = []
        for _ in range(2):
            reports.append(opened(world, SOUTH, severity=Severity.LOW).id)
            world.clock.advance(minutes=5)
        (outcome,) = submit(world, [post("c-scam-south", SCAM_TEXT, jurisdiction=SOUTH)])
        run_sweep(world.runtime.database, rulebook=world.runtime.rulebook, at=world.clock())
        with world.runtime.uow() as uow:
            held = uow.cases.by_source("hold", outcome.decision_id)
            assert held is not None
            assert held.office_id == "office-south"
            assert held.assignee_id is None
        _seat_officer_south(world)
        with serving(create_app(world.runtime)) as url:
            yield Site(url, world, held.id, reports)


def _seat_officer_south(world: World) -> None:
    """The South Province office's first officer, who picks up its queue."""
    with world.runtime.uow(write=True) as uow:
        create_staff(
            uow,
            actor=SYSTEM,
            username="officer_south",
            display_name="Officer South",
            password=PASSWORD,
            grants=(Grant(role=Role.REGULATOR_OFFICER, jurisdiction=SOUTH),),
            passwords=world.runtime.passwords,
            at=world.clock(),
            office="office-south",
        )
        uow.commit()


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


def _sign_in(context: BrowserContext, site: Site, username: str) -> Page:
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console", lambda message: problems.append(message.text) if _script_error(message.text, message.type) else None
    )
    # Failed loads are caught here with their address; Chromium's own favicon request is not a page's.
    page.on(
        "response", lambda answer: problems.append(f"{answer.status} {answer.url}") if answer.status >= 400 else None
    )
    page.goto(f"{site.url}/console/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    page.problems = problems  # type: ignore[attr-defined]
    return page


def _script_error(text: str, kind: str) -> bool:
    """A console error other than a failed load (those are checked by address, above)."""
    return kind == "error" and not text.startswith("Failed to load resource")


def _current(page: Page, index: int) -> None:
    """Row ``index`` is marked as the current one and its link has the focus."""
    expect(page.locator("table.cases tbody tr").nth(index)).to_have_class("current")
    expect(page.locator("a.case-link").nth(index)).to_be_focused()


def _step(page: Page, to: str, reason: str, outcome: str | None = None) -> None:
    form = page.get_by_role("form", name="Step the case")
    form.get_by_label("Next step").select_option(to)
    if outcome is not None:
        form.get_by_label("Outcome").select_option(outcome)
    form.get_by_label("Reason").fill(reason)
    form.get_by_role("button", name="Take this step").click()
    expect(page.get_by_role("status")).to_have_text("The case moved to its next step.")


def test_an_officer_takes_a_held_case_from_the_queue_decides_it_and_the_platform_sees_the_order(
    context: BrowserContext, browser: Browser, site: Site
) -> None:
    page = _sign_in(context, site, "officer_south")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cases").click()
    expect(page.get_by_role("heading", name="Cases", level=1)).to_be_visible()
    expect(page.locator("a.case-link")).to_have_text([*site.reports, site.held])
    # j j j, k, j: down to the third row, up one, down again; then o opens it.
    for key, row in (("j", 0), ("j", 1), ("ArrowDown", 2), ("k", 1), ("j", 2)):
        page.keyboard.press(key)
        _current(page, row)
    page.keyboard.press("o")
    expect(page.get_by_role("heading", name=f"Case {site.held}", level=1)).to_be_visible()

    page.get_by_role("button", name="Take the case").click()
    expect(page.get_by_role("status")).to_have_text("You took the case.")
    expect(page.locator(".case-head")).to_contain_text("Officer South")
    _step(page, "investigating", "scam pattern confirmed by the evidence")
    _step(page, "under_review", "ready for the decision")
    _step(page, "decided", "advance-fee fraud under MOSR Art. 7", outcome="violation")
    expect(page.locator(".case-head")).to_contain_text("decided, outcome violation")
    timeline = page.locator("table.timeline tbody")
    expect(timeline).to_contain_text("under review → decided")
    expect(timeline).to_contain_text("advance-fee fraud under MOSR Art. 7")

    page.get_by_role("link", name="Issue an order").click()
    expect(page).to_have_url(f"{site.url}/console/orders/new?case={site.held}")
    page.get_by_label("Statement of reasons").fill("The post solicits gift cards in an advance-fee fraud.")
    page.get_by_role("button", name="Issue the order").click()
    expect(page).to_have_url(re.compile(r"/console/orders/ord_[0-9a-f]+$"))
    order_id = page.url.rsplit("/", 1)[1]
    page.goto(f"{site.url}/console/cases/{site.held}")
    expect(page.locator("ul.orders")).to_contain_text(order_id)
    assert page.problems == []  # type: ignore[attr-defined]

    # The platform's moderator, at another desk: a browser context of their own.
    elsewhere = browser.new_context()
    try:
        moderator = _sign_in(elsewhere, site, "chirp_moderator")
        moderator.goto(f"{site.url}/console/orders")
        expect(moderator.get_by_role("link", name=order_id)).to_be_visible()
    finally:
        elsewhere.close()
    listed = httpx.get(f"{site.url}/v1/orders", headers={"Authorization": f"Bearer {site.world.keys['chirp']}"})
    assert listed.status_code == 200
    assert order_id in {order["id"] for order in listed.json()["orders"]}


def test_keys_are_ignored_while_typing_and_rebound_after_a_filter_swaps_the_table(
    context: BrowserContext, site: Site
) -> None:
    page = _sign_in(context, site, "auditor")
    page.goto(f"{site.url}/console/cases?office=office-south")
    page.keyboard.press("/")
    expect(page.get_by_label("Office")).to_be_focused()
    # In a field, j is typing, not moving.
    page.keyboard.press("j")
    expect(page.locator("table.cases tbody tr.current")).to_have_count(0)
    page.get_by_label("Source").select_option("hold")
    expect(page).to_have_url(re.compile(r"source=hold"))
    expect(page.locator("a.case-link")).to_have_text([site.held])
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("j")
    _current(page, 0)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Case {site.held}", level=1)).to_be_visible()
    assert page.problems == []  # type: ignore[attr-defined]


def test_a_sort_chosen_in_the_header_survives_a_filter_change(context: BrowserContext, site: Site) -> None:
    page = _sign_in(context, site, "auditor")
    page.goto(f"{site.url}/console/cases?office=office-south")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name="Priority").click()
    expect(page).to_have_url(re.compile(r"sort=priority"))
    # The held case is of high severity, the reports low: it comes first now.
    expect(page.locator("a.case-link").first).to_have_text(site.held)
    page.get_by_label("Source").select_option("report")
    expect(page).to_have_url(re.compile(r"\?office=office-south&source=report&sort=priority$"))
    expect(page.locator("a.case-link")).to_have_count(2)
    assert page.evaluate("window.notReloaded") is True


def test_the_case_page_never_shows_the_post_text(context: BrowserContext, site: Site) -> None:
    page = _sign_in(context, site, "officer_south")
    page.goto(f"{site.url}/console/cases/{site.held}")
    expect(page.get_by_role("heading", name="Evidence")).to_be_visible()
    assert "gift cards of $100" not in page.content()
    page.get_by_role("link", name=re.compile(r"^dec_")).click()
    expect(page.get_by_role("heading", name="Post text")).to_be_visible()
    expect(page.get_by_label("Reason for reading this post")).to_be_visible()
