"""The case page, ``/console/cases/{id}``: what it shows, to whom, and which forms it offers.

The tests share one world per backend and only read (or are refused); the forms' effects
are in ``test_console_case_actions.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from netgov.identity import Role
from netgov.service.sweep import run_sweep
from netgov.store.tables import CaseRow
from tests.databases import BACKENDS, database_url
from tests.service.cases_support import case_row, opened, timeline
from tests.service_world import World, open_world
from tests.web.console_client import hidden_value, signed_in
from tests.web.seeding import DOXX_TEXT, EMAIL, PHONE, post, submit
from tests.web.test_console_case_actions import seat

Sign = Callable[[str], TestClient]


class Held:
    """A doxxing post held for review and swept into a case in Harbour East, and a case of
    the North Province office."""

    def __init__(self, world: World) -> None:
        world.clock.advance(minutes=1)
        (outcome,) = submit(world, [post("c-doxx-case", DOXX_TEXT)])
        self.decision_id = outcome.decision_id
        report = run_sweep(world.runtime.database, rulebook=world.runtime.rulebook, at=world.clock())
        assert report.counts["cases_opened"] == 1
        with world.runtime.uow() as uow:
            row = uow.cases.by_source("hold", self.decision_id)
            assert row is not None
        self.case: CaseRow = row
        self.north = opened(world, "ex.north")
        # A case about the same decision held in the South Province, whose officer may read
        # the case but not the Harbour East decision.
        self.south = opened(world, "ex.south", decision_id=self.decision_id, platform_id="chirp")
        seat(world, "officer_south", "office-south", "ex.south", Role.REGULATOR_OFFICER)


@pytest.fixture(scope="module", params=BACKENDS)
def held(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[World, Held]]:
    data_dir = tmp_path_factory.mktemp("case-page")
    for url in database_url(request.param, data_dir):
        for world in open_world(url, data_dir):
            yield world, Held(world)


@pytest.fixture(scope="module")
def clients() -> dict[str, TestClient]:
    return {}


@pytest.fixture
def sign(held: tuple[World, Held], clients: dict[str, TestClient]) -> Sign:
    """A signed-in client by username, signed in once per module and backend."""

    def client(username: str) -> TestClient:
        key = f"{id(held[0])}:{username}"
        if key not in clients:
            clients[key] = signed_in(held[0], username)
        return clients[key]

    return client


@pytest.fixture
def case(held: tuple[World, Held]) -> Held:
    return held[1]


def forms(html: str) -> list[str]:
    """The actions of the page's POST forms about the case (sign-out excluded)."""
    return re.findall(r'<form method="post" action="/console/cases/[^"/]+(/[^"]*)"', html)


def test_the_header_and_the_content_with_a_link_to_the_decision(sign: Sign, case: Held) -> None:
    page = sign("officer_east").get(f"/console/cases/{case.case.id}")
    assert page.status_code == 200
    html = page.text
    assert f"<h1>Case <code>{case.case.id}</code></h1>" in html
    head = html.split('id="summary"')[1].split("</section>")[0]
    for shown in ("<strong>filed</strong>", "high severity, from hold", "Harbour East County Office", "Officer East"):
        assert shown in head
    assert '<span class="deadline deadline-ok">ok</span>' in head
    assert f'href="/console/decisions/{case.decision_id}"' in html
    assert "<code>c-doxx-case</code>" in html
    assert "chirp" in html


def test_the_evidence_is_masked_and_the_post_text_is_not_on_the_page(sign: Sign, case: Held) -> None:
    html = sign("officer_east").get(f"/console/cases/{case.case.id}").text
    evidence = html.split('id="evidence"')[1].split("</section>")[0]
    assert "<code>pii/phone</code>" in evidence
    assert re.search(r"‹phone #[0-9a-f]{8}›", evidence)
    assert re.search(r"characters \d+–\d+", evidence)
    # Neither the personal data nor the post itself: the text is read on the decision's page.
    assert PHONE not in html
    assert EMAIL not in html
    assert "Found him" not in html


def test_the_rule_and_its_article_are_quoted_from_the_rulebook(sign: Sign, case: Held) -> None:
    html = sign("officer_east").get(f"/console/cases/{case.case.id}").text
    rule = html.split('id="rule"')[1].split("</section>")[0]
    assert "<code>privacy.personal-data-dump</code>" in rule
    assert "MOSR Art. 12" in rule
    assert "Publication of personal data to harass (doxxing)" in rule
    assert '<blockquote class="article">Publishing another person' in rule


def test_the_timeline_shows_every_event_with_actor_and_reason(sign: Sign, case: Held) -> None:
    html = sign("officer_east").get(f"/console/cases/{case.case.id}").text
    rows = re.findall(r"<tr>(.*?)</tr>", html.split('id="timeline"')[1], flags=re.S)[1:]
    assert len(rows) == 2
    opened_row, assigned = rows
    assert "system:netgov" in opened_row
    assert "office-east" in opened_row
    assert f"opened from hold {case.decision_id}" in opened_row
    assert "to officer_east" in assigned
    assert "by workload in office-east" in assigned


def test_the_assigned_officer_gets_the_forms_of_their_work(sign: Sign, case: Held) -> None:
    html = sign("officer_east").get(f"/console/cases/{case.case.id}").text
    assert forms(html) == ["/step", "/referrals"]
    assert '<option value="investigating">investigating</option>' in html
    assert '<option value="closed">closed</option>' in html
    assert '<option value="no_violation">no violation</option>' in html
    assert f'href="/console/orders/new?case={case.case.id}"' in html
    assert hidden_value(html, "csrf_token")


def test_a_supervisor_may_take_assign_take_over_and_designate(sign: Sign, case: Held) -> None:
    html = sign("supervisor").get(f"/console/cases/{case.case.id}").text
    assert forms(html) == ["/take", "/step", "/assign", "/take-over", "/designate", "/transfer", "/referrals"]
    assert "by workload (the least-loaded eligible member)" in html
    assert re.search(r'<option value="officer_east">Officer East \(\d+ open, capacity \d+\)</option>', html)
    designate = html.split('id="designate-office"')[1].split("</select>")[0]
    assert 'value="office-harbour"' in designate
    assert 'value="office-east"' not in designate


def test_an_auditor_reads_the_case_but_gets_no_form(sign: Sign, case: Held) -> None:
    page = sign("auditor").get(f"/console/cases/{case.case.id}")
    assert page.status_code == 200
    assert forms(page.text) == []
    assert "Your roles let you read this case, not act on it." in page.text
    assert "Issue an order" not in page.text
    assert "Take the case" not in page.text


def test_a_reviewer_may_not_work_a_case_assigned_to_someone_else(sign: Sign, case: Held) -> None:
    client = sign("reviewer_harbour")
    page = client.get(f"/console/cases/{case.case.id}")
    # The Harbour City office sits above Harbour East, so it may take the case over; but
    # neither step nor take, which a case assigned to someone else needs case.assign for.
    assert forms(page.text) == ["/take-over"]
    assert "Your office sits above Harbour East County Office." in page.text
    # The step form was not offered; posting it anyway is refused by the service, on the case page.
    data = {"csrf_token": hidden_value(page.text, "csrf_token"), "to": "investigating", "reason": "let me"}
    refused = client.post(f"/console/cases/{case.case.id}/step", data=data)
    assert refused.status_code == 403
    assert f"<h1>Case <code>{case.case.id}</code></h1>" in refused.text
    assert "is assigned to someone else" in refused.text


def test_a_decision_the_reader_may_not_read_is_named_but_not_shown(sign: Sign, case: Held) -> None:
    html = sign("officer_south").get(f"/console/cases/{case.south.id}").text
    evidence = html.split('id="evidence"')[1].split("</section>")[0]
    assert "The decision's evidence is not shown: Officer South may decision.read only as" in evidence
    assert "pii/" not in evidence
    assert f'href="/console/decisions/{case.decision_id}"' in html


def test_an_officer_does_not_see_another_offices_case(sign: Sign, case: Held) -> None:
    client = sign("officer_east")
    refused = client.get(f"/console/cases/{case.north.id}")
    assert refused.status_code == 403
    assert "Officer East may case.read only as regulator officer for jurisdiction ex.north.harbour.east" in refused.text
    assert "office-north" not in refused.text.split("<main")[1].split(case.north.id)[0]
    assert client.get("/console/cases/case_nothing").status_code == 404
    assert client.get("/console/cases/case%00").status_code == 404


def test_a_form_without_the_csrf_token_is_refused_and_changes_nothing(
    held: tuple[World, Held], sign: Sign, case: Held
) -> None:
    world = held[0]
    before = len(timeline(world, case.case.id))
    client = sign("officer_east")
    data = {"to": "investigating", "reason": "triaged"}
    missing = client.post(f"/console/cases/{case.case.id}/step", data=data)
    assert missing.status_code == 403
    assert "carries no CSRF token" in missing.text
    wrong = client.post(f"/console/cases/{case.case.id}/step", data={**data, "csrf_token": "x" * 43})
    assert wrong.status_code == 403
    assert "does not match your session" in wrong.text
    assert case_row(world, case.case.id).state == "filed"
    assert len(timeline(world, case.case.id)) == before
