"""Regenerate the console screenshots in ``docs/screenshots/``.

    .venv/bin/python tools/screenshots.py            # writes docs/screenshots/*.png
    .venv/bin/python tools/screenshots.py --out DIR  # somewhere else

Builds the demo world (Republic of Examplia, its offices, staff and platforms) in a
temporary directory, decides a few hundred synthetic posts through the content intake,
serves the real app with uvicorn on a free loopback port and photographs the sign-in
page, the overview, the decisions page, one decision with its text revealed, the audit
log, the case queue and one case (the sweep turns the held posts into cases), orders, the
coverage, the notices, trusted flaggers and appeals pages with a report case, a possible
brigade and an appeal case from the demo's story, and the public portal's report form,
receipt, status page and statement of reasons, using Debian's Chromium
(/usr/bin/chromium) through Playwright. Nothing outside the temporary directory and the
output directory is touched.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from netgov.api.app import create_app
from netgov.api.serving import serving_in_thread
from netgov.demo import DemoWorld, demo_world, synthetic_posts
from netgov.demo.redress import RedressStory
from netgov.demo.seed import seed_demo
from netgov.identity.authorization import Scope
from netgov.service.intake_batch import Item
from netgov.service.runtime import Runtime
from netgov.service.sweep import run_sweep
from netgov.settings import Settings
from netgov.store.database import connect
from netgov.store.repositories.decisions import DecisionFilter
from netgov.store.schema import upgrade
from netgov.store.tables import AppealRow, StatementRow

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
ARGS += ["--disable-sync", "--no-first-run", "--disable-quic", "--hide-scrollbars"]
USERNAME = "supervisor"
POSTS, BATCH = 600, 20


class StoryClock:
    """The runtime's clock, moved to each batch's time so decisions spread over the week."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="directory for the PNG files (default: docs/screenshots)")
    out: Path = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="netgov-screenshots-") as temporary,
        demo_runtime(Path(temporary)) as (runtime, password, story),
        serving_in_thread(create_app(runtime)) as url,
    ):
        doxxing = english_doxxing_decision(runtime)
        photograph(url, out, password=password, doxxing=doxxing, case=held_case(runtime, doxxing))
        photograph_redress(url, out, password=password, story=story, statement=appealed_statement(runtime, story))
    for name in sorted(out.glob("*.png")):
        print(f"wrote {_shown(name)}")


@contextmanager
def demo_runtime(directory: Path) -> Iterator[tuple[Runtime, str, RedressStory]]:
    """A served-to-be runtime with the demo world and a week of posts, the password of USERNAME
    and the demo's story of notices and appeals."""
    settings = Settings(data_dir=directory, installation="Examplia Online Content Office")
    database = connect(settings.resolved_database_url)
    upgrade(database)
    database.dispose()
    end = datetime.now(UTC).replace(microsecond=0)
    clock = StoryClock(end - timedelta(days=7))
    runtime = Runtime.open(settings, clock=clock)
    try:
        world = demo_world()
        # The demo's own seeding, with no posts: those come below, a batch at a time, each
        # at its own moment of the week so the pages show decisions spread over days.
        credentials = seed_demo(runtime, world=world, posts=0, now=clock())
        _seed_posts(runtime, world, clock, end)
        assert credentials.redress is not None, "seed_demo plays the story with its casework"
        password = next(login.password for login in credentials.staff if login.username == USERNAME)
        yield runtime, password, credentials.redress
    finally:
        runtime.close()


def _seed_posts(runtime: Runtime, world: DemoWorld, clock: StoryClock, end: datetime) -> None:
    posts = synthetic_posts(POSTS, seed=7, world=world, start=end - timedelta(days=7), span=timedelta(days=7))
    for first in range(0, len(posts), BATCH):
        batch = posts[first : first + BATCH]
        clock.now = max(post.created_at or clock.now for post in batch)
        items = [
            Item(content=post, jurisdiction=post.jurisdiction, actor=f"platform:{post.platform}") for post in batch
        ]
        runtime.intake.submit(items).result(timeout=120)
        # The sweep at each batch's moment: held posts become cases through the week, so the
        # queue shows deadlines met, near and breached (and breaches escalated).
        run_sweep(runtime.database, rulebook=runtime.rulebook, at=clock.now)
    clock.now = end


def english_doxxing_decision(runtime: Runtime) -> str:
    """A decision on a doxxing post in English (the machine may lack fonts for the Chinese ones)."""
    everything = Scope(jurisdictions=("ex",), unplaced=True)
    with runtime.uow() as uow:
        for row in uow.decisions.page(everything, DecisionFilter(rule="privacy.personal-data-dump"), limit=100):
            found = uow.decisions.get(row.id)
            if found is not None and found[1].language == "en":
                return row.id
    raise SystemExit("no English doxxing post among the synthetic posts; change POSTS or the seed")


def held_case(runtime: Runtime, decision_id: str) -> str:
    """The case the sweep opened for a held decision."""
    with runtime.uow() as uow:
        case = uow.cases.by_source("hold", decision_id)
    if case is None:
        raise SystemExit(f"the sweep opened no case for decision {decision_id}; was it held for review?")
    return case.id


def photograph(url: str, out: Path, *, password: str, doxxing: str, case: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, device_scale_factor=1)
        page.goto(f"{url}/console/sign-in")
        page.get_by_label("Username").fill(USERNAME)
        page.screenshot(path=out / "sign-in.png")
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()
        page.screenshot(path=out / "overview.png", full_page=True)
        page.goto(f"{url}/console/decisions?action=hold_for_review")
        page.screenshot(path=out / "decisions.png")
        _reveal(page, f"{url}/console/decisions/{doxxing}")
        page.screenshot(path=out / "decision.png", full_page=True)
        page.goto(f"{url}/console/audit")
        page.screenshot(path=out / "audit.png")
        _case_pages(page, url, out, case)
        _order_pages(page, url, out, case)
        page.goto(f"{url}/console/coverage")
        page.screenshot(path=out / "coverage.png", full_page=True)
        browser.close()


def _case_pages(page: Page, url: str, out: Path, case: str) -> None:
    """The queue of open cases, nearest deadline first, and one case, taken and stepped on."""
    page.goto(f"{url}/console/cases?state=filed&state=investigating&state=under_review")
    page.screenshot(path=out / "cases.png")
    page.goto(f"{url}/console/cases/{case}")
    page.get_by_role("button", name="Take the case").click()
    form = page.get_by_role("form", name="Step the case")
    form.get_by_label("Reason").fill("a dossier of a private person's contacts; ask the platform who posted it")
    form.get_by_role("button", name="Take this step").click()
    expect(page.get_by_role("status")).to_be_visible()
    page.screenshot(path=out / "case.png", full_page=True)


def _order_pages(page: Page, url: str, out: Path, case: str) -> None:
    """An order issued from the case (the form prefilled from it), then the office's order list."""
    page.goto(f"{url}/console/orders/new?case={case}")
    page.get_by_label("Provisions the reasons cite, one per line").fill("Art. 6 (personal data of private persons)")
    page.get_by_label("Statement of reasons").fill(
        "The post publishes a private person's address and telephone number without consent."
    )
    page.get_by_label("Deadline in working hours of the office").fill("24")
    page.get_by_role("button", name="Issue the order").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Order")
    page.screenshot(path=out / "order.png", full_page=True)
    page.goto(f"{url}/console/orders")
    page.screenshot(path=out / "orders.png")


def appealed_statement(runtime: Runtime, story: RedressStory) -> str:
    """The portal address of the statement the demo's waiting appeal is about (id and token)."""
    with runtime.uow() as uow:
        case = uow.cases.case(story.waiting_appeal_case or "")
        appeal = uow.session.get(AppealRow, case.source_ref) if case is not None else None
        statement = uow.session.get(StatementRow, appeal.statement_id) if appeal is not None else None
    if statement is None:
        raise SystemExit("the demo's waiting appeal names no statement of reasons")
    return f"/portal/statements/{statement.id}?token={statement.access_token}"


def photograph_redress(url: str, out: Path, *, password: str, story: RedressStory, statement: str) -> None:
    """The console's notices, flaggers and appeals pages and cases, then the public portal."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, device_scale_factor=1)
        _sign_in(page, url, password)
        page.goto(f"{url}/console/notices")
        page.screenshot(path=out / "notices.png")
        page.goto(f"{url}/console/cases/{story.merged_case}")
        page.locator("section[aria-labelledby=notices]").screenshot(path=out / "case-notices.png")
        page.goto(f"{url}/console/cases/{story.brigade_case}")
        page.locator("section[aria-labelledby=notices] .signal").scroll_into_view_if_needed()
        page.screenshot(path=out / "case-brigade.png")
        page.goto(f"{url}/console/flaggers")
        page.screenshot(path=out / "flaggers.png", full_page=True)
        page.goto(f"{url}/console/appeals")
        page.screenshot(path=out / "appeals.png", full_page=True)
        page.goto(f"{url}/console/cases/{story.waiting_appeal_case}")
        page.locator("section[aria-labelledby=appeal]").screenshot(path=out / "case-appeal.png")
        _portal_pages(browser.new_page(viewport={"width": 1280, "height": 860}), url, out, statement)
        browser.close()


def _portal_pages(page: Page, url: str, out: Path, statement: str) -> None:
    """The public's side, without signing in: report, receipt, status, a statement of reasons."""
    page.goto(f"{url}/portal/report")
    page.get_by_label("Platform the content is on").select_option("chirp")
    page.get_by_label("Web address 1").fill("https://chirp.example/p/redress-merged")
    page.get_by_label("or id on the platform 1").fill("redress-merged")
    page.get_by_label("What kind of illegality").select_option("SCAMS_AND_FRAUD")
    page.get_by_label("Where it is illegal").select_option("ex.north.harbour.east")
    page.get_by_label("Why the content is illegal").fill("It promises returns of 40% a month: a Ponzi scheme.")
    page.get_by_label("I believe, in good faith").check()
    page.screenshot(path=out / "portal-report.png", full_page=True)
    page.get_by_role("button", name="Send the report").click()
    expect(page.locator("#query-code")).to_be_visible()
    page.screenshot(path=out / "portal-receipt.png")
    page.get_by_role("link", name="Follow your report's status").click()
    page.screenshot(path=out / "portal-status.png")
    page.goto(f"{url}{statement}")
    page.screenshot(path=out / "portal-statement.png", full_page=True)


def _sign_in(page: Page, url: str, password: str) -> None:
    page.goto(f"{url}/console/sign-in")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Overview", level=1)).to_be_visible()


def _reveal(page: Page, decision_url: str) -> None:
    page.goto(decision_url)
    page.get_by_label("Reason for reading this post").fill("reviewing report R-2291 from the police")
    page.get_by_role("button", name="Show the text").click()
    expect(page.locator("blockquote.post mark.masked").first).to_be_visible()


def _shown(path: Path) -> Path:
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


if __name__ == "__main__":
    main()
