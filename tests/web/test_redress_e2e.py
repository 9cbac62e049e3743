"""Notice, decision, statement, appeal and restore in a real browser, in one flowing scenario.

Chirp submits a post through the API; a member of the public reports it on the portal and
follows it by query code; the east county officer decides it in the console; the reporter
sees the outcome; the affected account opens its statement of reasons from the link the
platform got, and appeals; the appeal is routed past the officer who decided (recused) to a
reviewer of the city, who overturns it; chirp reads the restore effect and acknowledges it;
the statement page says the decision was reverted. No script error or policy violation on
the way. Chromium drives the real app served by uvicorn on loopback over a SQLite world;
skipped, saying why, where ``NETGOV_TEST_CHROMIUM`` names no browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx2 as httpx
import pytest

from netgov.api.app import create_app
from tests.service_world import PASSWORD, World, open_world
from tests.web.live_server import serving
from tests.web.test_console_e2e import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="NETGOV_TEST_CHROMIUM does not name a Chromium binary (CI sets it to Debian's /usr/bin/chromium)",
)

if CHROMIUM.exists():
    from playwright.sync_api import Browser, Page, expect, sync_playwright

POST = "chirp-e2e-1"
ACCOUNT = "acct-e2e"
POST_URL = f"https://chirp.example/p/{POST}"
EAST = "ex.north.harbour.east"
DECISION = "The post invites people to pay into a scheme that promises fixed monthly returns: a fraud."
APPEAL = "It is my own savings club among friends; nobody was asked for money by the post."
OVERTURN = "The post invites nobody to pay; it describes a private club. No fraud shown."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, World]]:
    directory = tmp_path_factory.mktemp("redress-e2e")
    for world in open_world(f"sqlite:///{directory / 'netgov.sqlite'}", directory):
        with serving(create_app(world.runtime)) as url:
            yield url, world


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Platform:
    """Chirp's integration: its API key against the live server."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def submit(self) -> None:
        body = {
            "id": POST,
            "text": "Investment club: guaranteed 40% a month, DM me to join before Friday",
            "account": {"id": ACCOUNT, "created_at": "2026-01-01T00:00:00Z"},
            "jurisdiction": EAST,
        }
        answer = self.client.post("/v1/content", json=body)
        assert answer.status_code == 201, answer.text
        assert answer.json()["action"] == "allow"  # nothing automated: only the report brings it to an office

    def portal_url(self) -> str:
        answer = self.client.get("/v1/statements", params={"content": POST})
        assert answer.status_code == 200, answer.text
        (statement,) = answer.json()["statements"]
        assert statement["account_id"] == ACCOUNT
        url: str = statement["portal_url"]
        return url

    def restore(self) -> dict[str, object]:
        answer = self.client.get("/v1/effects")
        assert answer.status_code == 200, answer.text
        effects = [e for e in answer.json()["effects"] if e["content_id"] == POST]
        assert [e["kind"] for e in effects] == ["remove", "restore_content"]
        restore: dict[str, object] = effects[-1]
        acknowledged = self.client.post(f"/v1/effects/{restore['id']}/ack")
        assert acknowledged.status_code == 200, acknowledged.text
        assert acknowledged.json()["acknowledged"] is True
        return restore


def _watched(page: Page, problems: list[str]) -> Page:
    page.set_default_timeout(10_000)
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page


def _visitor(browser: Browser, problems: list[str]) -> Page:
    return _watched(browser.new_context().new_page(), problems)


def _staff(browser: Browser, site: str, username: str, problems: list[str]) -> Page:
    page = browser.new_context().new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{site}/console/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
    # Listening from here on: the browser's first visit also asks for /favicon.ico, which is not ours.
    return _watched(page, problems)


def _report(page: Page, site: str) -> str:
    """Fill the Art. 16 form for the post; the query code on the receipt."""
    page.goto(f"{site}/portal/report")
    page.get_by_label("Platform the content is on").select_option("chirp")
    page.get_by_label("Web address 1").fill(POST_URL)
    page.get_by_label("or id on the platform 1").fill(POST)
    page.get_by_label("What kind of illegality").select_option("SCAMS_AND_FRAUD")
    page.get_by_label("Where it is illegal").select_option(EAST)
    page.get_by_label("Why the content is illegal").fill("A Ponzi scheme: fixed returns of 40% a month.")
    page.get_by_label("I believe, in good faith").check()
    page.get_by_role("button", name="Send the report").click()
    code = page.locator("#query-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    return code


def _step(page: Page, to: str, reason: str, outcome: str | None = None) -> None:
    form = page.get_by_role("form", name="Step the case")
    form.get_by_label("Next step").select_option(to)
    if outcome is not None:
        form.get_by_label("Outcome").select_option(outcome)
    form.get_by_label("Reason").fill(reason)
    form.get_by_role("button", name="Take this step").click()
    expect(page.get_by_role("status")).to_have_text("The case moved to its next step.")


def _work(page: Page, *, outcome: str, reason: str) -> None:
    """Take the case shown, unless routing gave it to the reader already, and step it to a decision."""
    if page.get_by_role("button", name="Take the case").count():
        page.get_by_role("button", name="Take the case").click()
        expect(page.get_by_role("status")).to_have_text("You took the case.")
    _step(page, "investigating", "reading the post and what was reported")
    _step(page, "under_review", "the facts are clear")
    _step(page, "decided", reason, outcome)
    expect(page.locator(".case-head")).to_contain_text(outcome)


def _article_text(world: World, case_id: str) -> str:
    """The text of the article the report case rests on, as the rulebook in force words it."""
    with world.runtime.uow() as uow:
        case = uow.cases.case(case_id)
    assert case is not None
    for version in world.runtime.rulebook.regulation_versions(case.regulation):
        article = version.article(case.article)
        if article is not None:
            return article.text
    raise AssertionError(f"the rulebook has no article {case.article} of {case.regulation}")


def _open_from_list(page: Page, site: str, listing: str, row_text: str) -> str:
    """Open the case linked from the row of ``listing`` that mentions ``row_text``; its id."""
    page.goto(f"{site}/console/{listing}")
    page.locator("tbody tr", has_text=row_text).get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/console/cases/case_[0-9a-f]+$"))
    return page.url.rsplit("/", 1)[1]


def test_a_report_is_decided_appealed_overturned_and_the_platform_restores(
    browser: Browser, site: tuple[str, World]
) -> None:
    url, world = site
    problems: list[str] = []
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {world.keys['chirp']}"}, timeout=10) as client:
        _scenario(browser, url, world, Platform(client), problems)
    assert problems == []


def _scenario(browser: Browser, url: str, world: World, chirp: Platform, problems: list[str]) -> None:
    chirp.submit()

    # The public reports the post and follows the report by its query code.
    reporter = _visitor(browser, problems)
    code = _report(reporter, url)
    reporter.get_by_role("link", name="Follow your report's status").click()
    expect(reporter.locator("#notice-status")).to_have_text("in review")

    # The east county officer finds the notice, opens its case and decides it.
    officer = _staff(browser, url, "officer_east", problems)
    report_case = _open_from_list(officer, url, "notices", "chirp")
    expect(officer.locator("section[aria-labelledby=notices]")).to_contain_text("1 notice merged into this case")
    expect(officer.locator("section[aria-labelledby=notices]")).to_contain_text(POST_URL)
    _work(officer, outcome="violation", reason=DECISION)

    # The reporter sees the outcome with its reasons.
    reporter.goto(f"{url}/portal/notices/status?code={code}")
    expect(reporter.locator("#notice-status")).to_have_text("decided")
    expect(reporter.get_by_text(f"Reasons: {DECISION}")).to_be_visible()

    # The affected account opens its statement from the link the platform got, and appeals.
    link = chirp.portal_url()
    assert link.startswith("/portal/statements/")
    account = _visitor(browser, problems)
    account.goto(f"{url}{link}")
    expect(account.locator("#statement-status")).to_have_text("In force")
    expect(account.locator("#facts")).to_have_text(DECISION)
    expect(account.locator("blockquote.article").first).to_have_text(_article_text(world, report_case))
    expect(account.get_by_text("You can appeal until")).to_be_visible()
    account.get_by_label("Why you think the decision is wrong").fill(APPEAL)
    account.get_by_role("button", name="Send the appeal").click()
    expect(account.get_by_role("heading", name="Your appeal was filed")).to_be_visible()
    expect(account.locator("#appeal-id")).to_have_text(re.compile(r"^apl_[0-9a-f]+$"))
    account.get_by_role("link", name="Back to the statement of reasons").click()
    expect(account.locator("#appeal-status")).to_contain_text("being reviewed")

    # The appeal is not the officer's: they read it, recused, with no form to work it.
    appeal_case = _open_from_list(officer, url, "appeals", POST)
    assert appeal_case != report_case
    expect(officer.locator("section[aria-labelledby=appeal]")).to_contain_text(
        "took the original decision and may not work this appeal"
    )
    expect(officer.locator("section[aria-labelledby=work]")).to_contain_text(
        "You took the decision this appeal reviews"
    )
    expect(officer.get_by_role("button", name="Take the case")).to_have_count(0)
    with world.runtime.uow() as uow:
        case = uow.cases.case(appeal_case)
        east = uow.identity.staff_by_username("officer_east")
        assert case is not None
        assert east is not None
        assert case.assignee_id != east.id

    # A reviewer of the city, who did not decide, overturns it.
    reviewer = _staff(browser, url, "reviewer_harbour", problems)
    assert _open_from_list(reviewer, url, "appeals", POST) == appeal_case
    expect(reviewer.locator("section[aria-labelledby=appeal]")).to_contain_text(APPEAL)
    _work(reviewer, outcome="overturned", reason=OVERTURN)

    # The platform restores the post and says so; the statement page says the decision was reverted.
    chirp.restore()
    account.goto(f"{url}{link}")
    expect(account.locator("#statement-status")).to_contain_text("Reverted")
    expect(account.locator("#appeal-status")).to_contain_text("accepted, the decision was overturned")
    expect(account.get_by_text(f"The reviewer's reasons: {OVERTURN}")).to_be_visible()
