"""The appeals page: the appeals whose case the reader may read, filtered by status, and how
often each rule and each member of staff was overturned."""

from __future__ import annotations

import re

from netgov.governance.case_outcomes import CaseOutcome
from tests.service_world import World
from tests.web.console_client import signed_in
from tests.web.redress_support import appealed, decide_as, fresh_post, shared_world

__all__ = ["shared_world"]


def _page(world: World, username: str, query: str = "") -> str:
    answer = signed_in(world, username).get(f"/console/appeals{query}")
    assert answer.status_code == 200, answer.text
    return answer.text


def test_an_appeal_is_listed_with_its_case(shared_world: World) -> None:
    appeal = appealed(shared_world, fresh_post())
    page = _page(shared_world, "supervisor")
    assert f"<code>{appeal.id}</code>" in page
    assert f'href="/console/cases/{appeal.case_id}"' in page
    assert f"statement <code>{appeal.statement_id}</code>" in page


def test_the_status_filter_keeps_one_status(shared_world: World) -> None:
    appeal = appealed(shared_world, fresh_post())
    assert appeal.id in _page(shared_world, "supervisor", "?status=filed")
    assert appeal.id not in _page(shared_world, "supervisor", "?status=upheld")


def test_a_regulator_of_another_province_does_not_see_it(shared_world: World) -> None:
    appeal = appealed(shared_world, fresh_post())
    assert appeal.id not in _page(shared_world, "officer_west")
    assert appeal.id in _page(shared_world, "officer_north")


def test_an_upheld_appeal_counts_for_the_officer_who_decided(shared_world: World) -> None:
    appeal = appealed(shared_world, fresh_post())
    decide_as(shared_world, "reviewer_harbour", appeal.case_id or "", CaseOutcome.UPHELD, "the post is a scam")
    page = _page(shared_world, "supervisor")
    people = page[page.index("By reviewer") : page.index('id="list"')]
    row = re.search(r"<code>officer_east</code>.*?</tr>", people, re.S)
    assert row is not None
    _appeals, decided, overturned, rate = re.findall(r'<td class="number">([^<]*)</td>', row.group(0))
    assert int(decided) >= 1
    assert (overturned, rate) == ("0", "0%")
    assert appeal.id in _page(shared_world, "supervisor", "?status=upheld")


def test_an_unknown_status_is_named(shared_world: World) -> None:
    answer = signed_in(shared_world, "supervisor").get("/console/appeals?status=lost")
    assert answer.status_code == 422
    assert "Status must be one of filed, upheld, overturned, closed" in answer.text


def test_platform_staff_are_refused(shared_world: World) -> None:
    assert signed_in(shared_world, "chirp_moderator").get("/console/appeals").status_code == 403
