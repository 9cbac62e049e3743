"""A report case's notices on its console page: how many merged, what each says, who sent it
and how accurate that flagger is, a possible brigade shown without hiding anything, and who
reported only to those who may read it, asked with a reason."""

from __future__ import annotations

from netgov.store.tables import CaseRow
from tests.service.notice_support import EAST, case_of, grant
from tests.service.support import audit_actions
from tests.service_world import START, World
from tests.web.console_client import csrf_token, signed_in
from tests.web.redress_support import fresh_post, report, shared_world, url_of

__all__ = ["shared_world"]

PERSONAL = {"reporter_name": "Ana Example", "reporter_email": "ana@example.org"}


def _case_page(world: World, username: str, case_id: str) -> str:
    answer = signed_in(world, username).get(f"/console/cases/{case_id}")
    assert answer.status_code == 200, answer.text
    return answer.text


def _reveal(world: World, username: str, case_id: str, notice: str, reason: str, *, csrf: bool = True) -> str:
    client = signed_in(world, username)
    data = {"reason": reason, **({"csrf_token": csrf_token(client)} if csrf else {})}
    answer = client.post(f"/console/cases/{case_id}/notices/{notice}/reporter", data=data)
    return f"{answer.status_code} {answer.text}"


def test_the_case_counts_its_notices_and_shows_what_each_says(shared_world: World) -> None:
    post = fresh_post()
    first = report(shared_world, post)
    second = report(shared_world, post, address="198.51.100.7", explanation="A fake giveaway asking for crypto.")
    page = _case_page(shared_world, "officer_east", case_of(shared_world, first).id)
    assert "2 notices merged into this case" in page
    assert first in page
    assert second in page
    assert "A fake giveaway asking for crypto." in page
    assert url_of(post) in page
    assert f"acct-{post}" in page
    assert "a member of the public" in page
    assert "Possible brigade" not in page


def test_a_trusted_flaggers_notice_names_it_with_its_accuracy(shared_world: World) -> None:
    notice = report(shared_world, fresh_post(), key=grant(shared_world).key)
    page = _case_page(shared_world, "officer_east", case_of(shared_world, notice).id)
    assert "trusted flagger <strong>Scam Watch</strong>" in page
    assert "accuracy not known yet (1 notice, none decided)" in page


def test_a_case_not_from_reports_has_no_notices_section(shared_world: World) -> None:
    with shared_world.runtime.uow(write=True) as uow:
        uow.cases.add(
            CaseRow(
                id="case-held",
                source="hold",
                source_ref="dec-1",
                state="filed",
                jurisdiction_code=EAST,
                office_id="office-east",
                category="SCAMS_AND_FRAUD",
                severity="high",
                priority=3,
                regulation="MOSR",
                article="7",
                platform_id="chirp",
                content_id="held-post",
                opened_at=START,
                updated_at=START,
            )
        )
        uow.commit()
    page = _case_page(shared_world, "officer_east", "case-held")
    assert 'id="notices"' not in page
    assert 'id="appeal"' not in page


def test_who_reported_is_not_on_the_page(shared_world: World) -> None:
    notice = report(shared_world, fresh_post(), **PERSONAL)
    page = _case_page(shared_world, "officer_east", case_of(shared_world, notice).id)
    assert "Ana Example" not in page
    assert "ana@example.org" not in page
    assert "Show who reported" in page


def test_an_officer_reads_who_reported_with_a_reason_and_the_read_is_audited(shared_world: World) -> None:
    notice = report(shared_world, fresh_post(), **PERSONAL)
    case_id = case_of(shared_world, notice).id
    shown = _reveal(shared_world, "officer_east", case_id, notice, "to tell the reporter the outcome")
    assert shown.startswith("200 ")
    assert "Ana Example" in shown
    assert "ana@example.org" in shown
    assert f"notice:{notice}" in audit_actions(shared_world, "notice.read_reporter")
    assert "Ana Example" not in _case_page(shared_world, "officer_east", case_id)  # once: a reload asks again


def test_reading_who_reported_needs_a_reason(shared_world: World) -> None:
    notice = report(shared_world, fresh_post(), **PERSONAL)
    shown = _reveal(shared_world, "officer_east", case_of(shared_world, notice).id, notice, "  ")
    assert shown.startswith("422 ")
    assert "Ana Example" not in shown
    assert f"notice:{notice}" not in audit_actions(shared_world, "notice.read_reporter")


def test_a_reviewer_who_may_not_read_notices_gets_no_form_and_is_refused(shared_world: World) -> None:
    notice = report(shared_world, fresh_post(), **PERSONAL)
    case_id = case_of(shared_world, notice).id
    page = _case_page(shared_world, "reviewer_harbour", case_id)
    assert "your roles do not let you read it" in page
    assert "Show who reported" not in page
    shown = _reveal(shared_world, "reviewer_harbour", case_id, notice, "curious")
    assert shown.startswith("403 ")
    assert "Ana Example" not in shown


def test_only_a_notice_of_the_case_is_revealed_through_it(shared_world: World) -> None:
    notice = report(shared_world, fresh_post(), **PERSONAL)
    elsewhere = report(shared_world, fresh_post(), **PERSONAL)
    shown = _reveal(shared_world, "officer_east", case_of(shared_world, notice).id, elsewhere, "to tell the reporter")
    assert shown.startswith("404 ")
    assert "Ana Example" not in shown


def test_revealing_without_the_csrf_token_is_refused(shared_world: World) -> None:
    notice = report(shared_world, fresh_post(), **PERSONAL)
    case_id = case_of(shared_world, notice).id
    assert _reveal(shared_world, "officer_east", case_id, notice, "to tell the reporter", csrf=False).startswith("403 ")
    assert f"notice:{notice}" not in audit_actions(shared_world, "notice.read_reporter")


def test_a_possible_brigade_is_shown_and_every_notice_still_listed(shared_world: World) -> None:
    post = fresh_post()
    notices = [report(shared_world, post, address=f"198.51.100.{n + 1}") for n in range(4)]
    page = _case_page(shared_world, "officer_east", case_of(shared_world, notices[0]).id)
    assert "Possible brigade" in page
    assert "Possible brigade: 3 notices on this content within 30 minutes" in page
    assert "it hides no notice and decides nothing" in page
    assert all(notice in page for notice in notices)
    assert page.count('<span class="badge badge-brigade">possible brigade</span>') == 2 * len(notices)
