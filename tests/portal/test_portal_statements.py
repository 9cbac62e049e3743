"""The statement page the affected account opens with its token, and appealing from it:
a wrong token is the same 404 as an unknown id, the form is CSRF-protected, the receipt
says what happens next, and the page shows where the decision and the appeal stand."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from netgov.api import create_app
from netgov.core.content import Account, Content
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.notices import Addressee, NoticeItem
from netgov.service.appeal_views import appeal_of_item
from netgov.service.intake_batch import Item
from netgov.service.notice_answers import NoticeAnswer, answer_notice
from netgov.service.notice_filing import Receipt
from netgov.store.tables import AppealRow, StatementRow
from tests.service.notice_support import decide, draft
from tests.service.notice_support import file as file_notice
from tests.service.support import EAST, staff, submit
from tests.service_world import World, open_world

DOUBLING = "We are giving back: send any amount between 0.1 and 20 SOL and we will send back double."


@pytest.fixture
def portal(world: World) -> Iterator[TestClient]:
    with TestClient(create_app(world.runtime), base_url="https://testserver") as client:
        yield client


@pytest.fixture
def statement(world: World) -> StatementRow:
    """The statement of a removal the engine decided for account u-1's post."""
    content = Content(id="post-1", platform="chirp", text=DOUBLING, account=Account(id="u-1"))
    submit(world, Item(content=content, jurisdiction=EAST, actor="platform:chirp"))
    with world.runtime.uow() as uow:
        return uow.session.scalars(select(StatementRow).where(StatementRow.content_id == "post-1")).one()


def _url(row: StatementRow, token: str | None = None) -> str:
    return f"/portal/statements/{row.id}?token={quote(row.access_token if token is None else token, safe='')}"


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the page carries the appeal form"
    return found.group(1)


def _appeal(portal: TestClient, row: StatementRow, reason: str = "I was warning people about this scam") -> str:
    page = portal.get(_url(row))
    answer = portal.post(
        "/portal/appeals",
        data={"csrf_token": _csrf(page.text), "statement_id": row.id, "token": row.access_token, "reason": reason},
    )
    assert answer.status_code == 201, answer.text
    return answer.text


def test_the_page_says_what_was_done_why_on_what_basis_and_until_when_to_appeal(
    portal: TestClient, statement: StatementRow, world: World
) -> None:
    page = portal.get(_url(statement))
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    text = html.unescape(page.text)
    assert "<strong>Remove.</strong>" in text
    assert "the content was removed" in text
    assert "the platform's own initiative" in text
    assert "automated means found the content" in text
    assert "taken by automated means" in text
    assert "Art. 7" in text
    article = world.runtime.rulebook.regulations[0].article("7")
    assert article is not None
    assert f'<blockquote class="article">{article.text}' in text
    assert "You can appeal until <strong>2026-12-01" in text
    assert 'id="statement-status">In force' in text


@pytest.mark.parametrize("token", ["", "wrong-token", "x" * 300])
def test_a_wrong_or_missing_token_is_the_same_404_as_an_unknown_id(
    portal: TestClient, statement: StatementRow, token: str
) -> None:
    wrong = portal.get(_url(statement, token))
    unknown = portal.get(f"/portal/statements/sor_unknown?token={quote(statement.access_token)}")
    assert wrong.status_code == unknown.status_code == 404
    assert statement.content_id not in wrong.text
    message = "no statement of reasons has this id and token"
    assert message in html.unescape(wrong.text).lower()
    assert message in html.unescape(unknown.text).lower()


def test_an_appeal_without_its_csrf_token_is_refused(portal: TestClient, statement: StatementRow, world: World) -> None:
    portal.get(_url(statement))
    data = {"statement_id": statement.id, "token": statement.access_token, "reason": "wrong"}
    refused = portal.post("/portal/appeals", data={**data, "csrf_token": "forged" * 8})
    assert refused.status_code == 403
    assert portal.post("/portal/appeals", data=data).status_code == 403
    with world.runtime.uow() as uow:
        assert uow.session.scalars(select(AppealRow)).all() == []


def test_the_receipt_names_the_appeal_and_the_page_then_shows_it_under_review(
    portal: TestClient, statement: StatementRow, world: World
) -> None:
    receipt = _appeal(portal, statement)
    assert "Your appeal was filed" in receipt
    assert "did not take the decision" in receipt
    found = re.search(r'<code id="appeal-id">(apl_[0-9a-f]+)</code>', receipt)
    assert found
    assert f'href="{html.escape(_url(statement))}"' in receipt
    page = html.unescape(portal.get(_url(statement)).text)
    assert "being reviewed" in page
    assert 'name="reason"' not in page  # one appeal at a time
    with world.runtime.uow() as uow:
        appeal = uow.redress.appeal(found.group(1))
    assert appeal is not None
    assert appeal.reason == "I was warning people about this scam"


def test_after_an_overturn_the_page_says_the_decision_was_reverted(
    portal: TestClient, statement: StatementRow, world: World
) -> None:
    _appeal(portal, statement)
    with world.runtime.uow() as uow:
        appeal = uow.session.scalars(select(AppealRow)).one()
    decide(world, appeal.case_id or "", CaseOutcome.OVERTURNED, reason="the post warned others")
    page = html.unescape(portal.get(_url(statement)).text)
    assert "<strong>Reverted</strong>" in page
    assert "accepted, the decision was overturned" in page
    assert "The reviewer's reasons: the post warned others" in page
    assert "there is nothing left to appeal" in page


def test_an_appeal_without_reasons_is_refused_with_a_page_saying_so(
    portal: TestClient, statement: StatementRow
) -> None:
    page = portal.get(_url(statement))
    data = {"csrf_token": _csrf(page.text), "statement_id": statement.id, "token": statement.access_token}
    refused = portal.post("/portal/appeals", data={**data, "reason": "   "})
    assert refused.status_code == 422
    assert "an appeal needs its reasons" in html.unescape(refused.text)


def test_appeal_posts_are_limited_per_address(database: str, tmp_path: Path) -> None:
    for world in open_world(database, tmp_path, notice_rate_per_ip=1):
        with TestClient(create_app(world.runtime), base_url="https://testserver") as client:
            form = client.get("/portal/statements/sor_x?token=y")
            assert form.status_code == 404
            data = {"statement_id": "sor_x", "token": "y", "reason": "r"}
            client.cookies.set("netgov_portal_csrf", "c" * 43)
            first = client.post("/portal/appeals", data={**data, "csrf_token": "c" * 43})
            second = client.post("/portal/appeals", data={**data, "csrf_token": "c" * 43})
            assert first.status_code == 404
            assert second.status_code == 429
            assert "appeals an hour" in html.unescape(second.text)
            assert "retry-after" in second.headers


def _notifier_appeal(portal: TestClient, world: World, content_id: str) -> tuple[Receipt, Response]:
    """A notice the platform declined to act on, appealed by its reporter from the status page."""
    receipt = file_notice(world, draft(NoticeItem(content_id=content_id), addressee=Addressee.PLATFORM))
    with world.runtime.uow(write=True) as uow:
        answer_notice(
            uow,
            actor=staff(world, "chirp_moderator"),
            notice_id=receipt.notice_id,
            seq=1,
            answer=NoticeAnswer(acted=False, reasons="not illegal here"),
            policy=world.runtime.statement_policy,
            at=world.clock(),
        )
    status = portal.get(f"/portal/notices/status?code={receipt.query_code}")
    data = {"csrf_token": _csrf(status.text), "query_code": receipt.query_code, "seq": "1", "reason": "it is a scam"}
    return receipt, portal.post("/portal/appeals", data=data)


def test_a_notifier_appeals_a_decision_not_to_act_from_the_status_page(portal: TestClient, world: World) -> None:
    receipt, filed = _notifier_appeal(portal, world, "p-9")
    assert filed.status_code == 201, filed.text
    assert f'href="/portal/notices/status?code={receipt.query_code}"' in filed.text
    assert "the content is acted on after all" in html.unescape(filed.text)
    with world.runtime.uow() as uow:
        seen = appeal_of_item(uow, receipt.notice_id, 1)
    assert seen is not None
    assert seen.status == "filed"


def test_the_status_page_shows_the_notifiers_appeal_instead_of_a_second_form(portal: TestClient, world: World) -> None:
    receipt, filed = _notifier_appeal(portal, world, "p-10")
    assert filed.status_code == 201
    again = portal.get(f"/portal/notices/status?code={receipt.query_code}")
    assert "Your appeal of" in again.text
    assert "Appeal this decision" not in again.text
    public = portal.get(f"/v1/notices/status/{receipt.query_code}").json()
    assert public["items"][0]["appeal"]["status"] == "filed"
    assert public["items"][0]["appealable"] is False


@pytest.mark.parametrize("statement_id", ["%00sor", "s" * 41])
def test_an_id_that_cannot_exist_is_the_same_404(portal: TestClient, statement_id: str) -> None:
    answer = portal.get(f"/portal/statements/{statement_id}?token=x")
    assert answer.status_code == 404
    assert "no statement of reasons has this id and token" in html.unescape(answer.text).lower()
