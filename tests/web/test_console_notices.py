"""The notices list in the console: within the reader's scope, filtered by status, brigade
flag and flagger, each notice linked to its case; unusable filters named (422)."""

from __future__ import annotations

import html
import re

import pytest

from netgov.governance.notices import Addressee
from netgov.web.views import notices
from tests.service.notice_support import case_of, draft, file, grant
from tests.service_world import World
from tests.web.console_client import signed_in
from tests.web.redress_support import fresh_post, report, shared_world

__all__ = ["shared_world"]


def _list(world: World, username: str, query: str = "") -> str:
    answer = signed_in(world, username).get(f"/console/notices{query}")
    assert answer.status_code == 200, answer.text
    return answer.text


def test_a_regulator_lists_the_notices_of_its_subtree_with_links_to_their_cases(shared_world: World) -> None:
    notice = report(shared_world, fresh_post())
    case_id = case_of(shared_world, notice).id
    page = _list(shared_world, "officer_east")
    assert f"<code>{notice}</code>" in page
    assert f'href="/console/cases/{case_id}"' in page


def test_a_regulator_of_another_province_does_not_see_them(shared_world: World) -> None:
    notice = report(shared_world, fresh_post())
    south = file(shared_world, draft(platform="marketly"), address="198.51.100.77").notice_id
    assert notice not in _list(shared_world, "officer_west")
    assert south in _list(shared_world, "supervisor")


def test_the_brigade_filter_keeps_only_flagged_notices(shared_world: World) -> None:
    post, calm = fresh_post(), report(shared_world, fresh_post())
    burst = [report(shared_world, post, address=f"198.51.100.{n + 20}") for n in range(3)]
    page = _list(shared_world, "supervisor", "?brigade=yes")
    assert all(notice in page for notice in burst)
    assert calm not in page
    assert calm in _list(shared_world, "supervisor", "?brigade=no")


def test_the_flagger_filter_keeps_one_flaggers_notices(shared_world: World) -> None:
    granted = grant(shared_world)
    flagged = report(shared_world, fresh_post(), key=granted.key)
    public = report(shared_world, fresh_post())
    page = _list(shared_world, "supervisor", f"?flagger={granted.flagger.row.id}")
    assert flagged in page
    assert public not in page
    assert "trusted flagger" in page
    everyone_else = _list(shared_world, "supervisor", "?flagger=none")
    assert public in everyone_else
    assert flagged not in everyone_else


def test_the_status_filter_keeps_one_status(shared_world: World) -> None:
    notice = report(shared_world, fresh_post())
    assert notice in _list(shared_world, "supervisor", "?status=in_review")
    assert notice not in _list(shared_world, "supervisor", "?status=decided")


def test_an_htmx_request_gets_the_results_and_the_address_to_show(shared_world: World) -> None:
    client = signed_in(shared_world, "supervisor")
    answer = client.get("/console/notices?status=in_review&brigade=", headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert "<h1>" not in answer.text
    assert answer.headers["HX-Push-Url"] == "/console/notices?status=in_review"


def test_an_unknown_status_is_named(shared_world: World) -> None:
    answer = signed_in(shared_world, "supervisor").get("/console/notices?status=lost")
    assert answer.status_code == 422
    assert "Status must be one of received, forwarded, in_review, decided" in answer.text


def test_a_damaged_page_cursor_is_named(shared_world: World) -> None:
    answer = signed_in(shared_world, "supervisor").get("/console/notices?after=garbage")
    assert answer.status_code == 422
    assert "the page cursor is not valid" in answer.text


def test_pages_follow_one_another_without_repeating(shared_world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notices, "PAGE_SIZE", 2)
    filed = set()
    for n in range(3):
        filed.add(report(shared_world, fresh_post(), address=f"192.0.2.{n}"))
        shared_world.clock.advance(seconds=1)
    client = signed_in(shared_world, "supervisor")
    seen: list[str] = []
    address: str | None = "/console/notices"
    while address is not None:
        page = client.get(address).text
        seen += re.findall(r"<td><code>(ntc_[0-9a-f]+)</code>", page)
        found = re.search(r'<a rel="next" href="([^"]+)"', page)
        address = html.unescape(found.group(1)) if found else None
    assert len(seen) == len(set(seen))
    assert filed <= set(seen)


def test_platform_staff_list_the_notices_addressed_to_them_without_case_links(shared_world: World) -> None:
    to_regulator = report(shared_world, fresh_post())
    to_platform = file(shared_world, draft(addressee=Addressee.PLATFORM), address="198.51.100.99").notice_id
    page = _list(shared_world, "chirp_moderator")
    assert to_platform in page
    assert to_regulator not in page
    assert "/console/cases/" not in page
