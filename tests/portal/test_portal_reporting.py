"""The public reporting pages: the form (no JavaScript needed), CSRF, the receipt with its
query code, and the status page with the outcome and, for a decision not to act, an appeal form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from netgov.api import create_app
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.query_codes import code_hash
from tests.service.notice_support import case_of, decide
from tests.service_world import World, open_world


@pytest.fixture
def portal(world: World) -> Iterator[TestClient]:
    """Over HTTPS: the CSRF cookie is Secure, as it is outside loopback demos."""
    with TestClient(create_app(world.runtime), base_url="https://testserver") as client:
        yield client


FIELDS = {
    "addressee": "regulator",
    "platform": "chirp",
    "category": "SCAMS_AND_FRAUD",
    "jurisdiction": "",
    "explanation": "This post asks strangers to send crypto to double it: an advance-fee scam.",
    "good_faith": "yes",
}


def token(page_html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page_html)
    assert found, "the form carries its CSRF token"
    return found.group(1)


def post_report(portal: TestClient, **changes: object) -> tuple[int, str]:
    form = portal.get("/portal/report")
    data: dict[str, object] = {**FIELDS, "url": ["https://chirp.example/p/1", ""], "content_id": ["", "p2"]}
    data.update(changes)
    data.setdefault("csrf_token", token(form.text))
    answer = portal.post("/portal/report", data=data)
    return answer.status_code, answer.text


def query_code(page_html: str) -> str:
    found = re.search(r'<code id="query-code">([0-9A-Z-]+)</code>', page_html)
    assert found, "the receipt shows the query code"
    return found.group(1)


def test_the_form_offers_every_field_of_a_notice(portal: TestClient) -> None:
    page = portal.get("/portal/report")
    assert page.status_code == 200
    for field in (
        'name="explanation"',
        'name="platform"',
        'name="category"',
        'name="jurisdiction"',
        'name="good_faith"',
    ):
        assert field in page.text
    assert page.text.count('name="url"') == 3
    assert '<option value="chirp"' in page.text
    assert 'for="reporter_email"' in page.text


def test_another_location_row_comes_without_javascript(portal: TestClient) -> None:
    status, page = post_report(portal, more="1", explanation="kept as typed")
    assert status == 200
    assert page.count('name="url"') == 3  # the two rows sent, and one more
    assert "kept as typed" in page
    assert "query-code" not in page


def test_a_report_without_the_csrf_token_is_refused(portal: TestClient) -> None:
    portal.get("/portal/report")
    answer = portal.post("/portal/report", data={**FIELDS, "url": "https://chirp.example/p/1", "csrf_token": "x" * 43})
    assert answer.status_code == 403
    assert "CSRF" in answer.text


def test_a_filed_report_shows_the_query_code_and_a_link_to_its_status(portal: TestClient) -> None:
    status, page = post_report(portal)
    assert status == 201
    code = query_code(page)
    assert f"/portal/notices/status?code={code}" in page
    assert "a regulator office is reviewing this content" in page.lower()


def test_a_refused_report_lists_each_problem_linked_to_its_field(portal: TestClient) -> None:
    status, page = post_report(portal, explanation="short", good_faith="")
    assert status == 422
    assert 'href="#explanation"' in page
    assert 'href="#good_faith"' in page
    assert "short" in page  # what was typed is kept


def test_the_status_page_shows_the_outcome_and_offers_an_appeal(portal: TestClient, world: World) -> None:
    _, page = post_report(portal, url=["https://chirp.example/p/1"], content_id=["p1"])
    code = query_code(page)
    with world.runtime.uow() as uow:
        notice = uow.notices.by_code_hash(code_hash(code))
        assert notice is not None
        notice_id = notice.id
    decide(world, case_of(world, notice_id).id, CaseOutcome.NO_VIOLATION, reason="lawful satire")
    status = portal.get("/portal/notices/status", params={"code": code.lower()})
    assert status.status_code == 200
    assert "no action" in status.text
    assert "lawful satire" in status.text
    assert "Appeal this decision" in status.text
    assert 'action="/portal/appeals"' in status.text
    assert f'name="query_code" value="{code.lower()}"' in status.text
    assert 'name="seq" value="1"' in status.text
    assert 'name="csrf_token"' in status.text


def test_an_open_report_offers_no_appeal(portal: TestClient) -> None:
    _, page = post_report(portal)
    status = portal.get("/portal/notices/status", params={"code": query_code(page)})
    assert "in review" in status.text
    assert "Appeal this decision" not in status.text


def test_an_unknown_code_gets_the_form_again(portal: TestClient) -> None:
    page = portal.get("/portal/notices/status", params={"code": "AAAA-BBBB-CCCC-DDDD"})
    assert page.status_code == 404
    assert "No report has this query code" in page.text
    assert 'name="code"' in page.text


def test_the_home_page_links_to_reporting_and_asks_for_a_code(portal: TestClient) -> None:
    page = portal.get("/portal/").text
    assert 'href="/portal/report"' in page
    assert 'action="/portal/notices/status"' in page


def test_an_address_over_its_limit_gets_a_page_saying_when_to_retry(database: str, tmp_path: Path) -> None:
    for world in open_world(database, tmp_path, notice_rate_per_ip=1):
        with TestClient(create_app(world.runtime), base_url="https://testserver") as client:
            assert post_report(client)[0] == 201
            form = client.get("/portal/report")
            refused = client.post(
                "/portal/report", data={**FIELDS, "url": "https://chirp.example/p/9", "csrf_token": token(form.text)}
            )
            assert refused.status_code == 429
            assert int(refused.headers["retry-after"]) > 0
            assert "1 notices an hour are accepted from your network address" in refused.text
