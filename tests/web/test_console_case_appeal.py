"""An appeal case on its console page: the decision appealed and who took it, the appellant's
reasons and window, the recusal said in words, and the decide form offering upheld or
overturned to a reviewer who did not decide, none to the one who did."""

from __future__ import annotations

import re

from tests.service_world import World
from tests.web.console_client import csrf_token, signed_in
from tests.web.redress_support import APPEAL_REASON, appealed, fresh_post, shared_world

__all__ = ["shared_world"]


def _page(world: World, username: str, case_id: str) -> str:
    answer = signed_in(world, username).get(f"/console/cases/{case_id}")
    assert answer.status_code == 200, answer.text
    return answer.text


def test_the_page_shows_the_statement_appealed_and_who_took_it(shared_world: World) -> None:
    post = fresh_post()
    appeal = appealed(shared_world, post)
    page = _page(shared_world, "reviewer_harbour", appeal.case_id or "")
    assert f"statement of reasons <code>{appeal.statement_id}</code>" in page
    assert "<code>staff:officer_east</code>" in page
    assert "the post is an advance-fee scam" in page  # the facts: the officer's reasons
    assert "Legal ground: MOSR Art." in page
    assert 'badge-remove">remove</span>' in page


def test_the_page_shows_the_appellant_its_reasons_and_the_window(shared_world: World) -> None:
    post = fresh_post()
    appeal = appealed(shared_world, post)
    page = _page(shared_world, "reviewer_harbour", appeal.case_id or "")
    assert f"the affected account <code>acct-{post}</code> on chirp" in page
    assert APPEAL_REASON in page
    assert "the appeal was filed within it" in page
    assert re.search(r"until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", page)


def test_the_recusal_is_said_in_words(shared_world: World) -> None:
    appeal = appealed(shared_world, fresh_post())
    page = _page(shared_world, "reviewer_harbour", appeal.case_id or "")
    assert "<strong>Officer East</strong> (<code>officer_east</code>) took the original decision" in page
    assert "may not work this appeal" in page


def test_the_officer_who_decided_reads_the_appeal_but_gets_no_form(shared_world: World) -> None:
    appeal = appealed(shared_world, fresh_post())
    page = _page(shared_world, "officer_east", appeal.case_id or "")
    assert "You took the decision this appeal reviews, so you may not work it" in page
    assert 'aria-label="Take the case"' not in page
    assert 'aria-label="Step the case"' not in page


def test_the_officer_who_decided_is_refused_when_taking_the_appeal(shared_world: World) -> None:
    appeal = appealed(shared_world, fresh_post())
    client = signed_in(shared_world, "officer_east")
    answer = client.post(f"/console/cases/{appeal.case_id}/take", data={"csrf_token": csrf_token(client)})
    assert answer.status_code == 403
    assert "recused" in answer.text


def test_a_reviewer_who_did_not_decide_gets_upheld_and_overturned(shared_world: World) -> None:
    appeal = appealed(shared_world, fresh_post())
    client = signed_in(shared_world, "reviewer_harbour")
    case_id = appeal.case_id or ""
    taken = client.post(f"/console/cases/{case_id}/take", data={"csrf_token": csrf_token(client)})
    assert taken.status_code == 303, taken.text
    for to in ("investigating", "under_review"):
        data = {"to": to, "reason": "reading the post and the appeal", "csrf_token": csrf_token(client)}
        assert client.post(f"/console/cases/{case_id}/step", data=data).status_code == 303
    page = client.get(f"/console/cases/{case_id}").text
    outcomes = re.search(r'<select id="step-outcome".*?</select>', page, re.S)
    assert outcomes is not None
    assert '"upheld"' in outcomes.group(0)
    assert '"overturned"' in outcomes.group(0)
    assert '"violation"' not in outcomes.group(0)
