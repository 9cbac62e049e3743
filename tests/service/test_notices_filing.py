"""Filing notices: stored for the platform, or turned into casework for the office covering the
place, with reports on the same content merged and decided content answered at once."""

from __future__ import annotations

import pytest

from netgov.errors import InvalidRequestError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.notices import Addressee, NoticeItem
from netgov.governance.query_codes import code_hash
from netgov.store.tables import NoticeRow
from tests.service.notice_support import EAST, case_of, decide, draft, file, items, notice_row, timeline
from tests.service.support import audit_actions
from tests.service_world import World


def test_a_notice_to_a_platform_waits_for_the_platform(world: World) -> None:
    receipt = file(world, draft(addressee=Addressee.PLATFORM))
    row = notice_row(world, receipt.notice_id)
    assert (row.status, row.addressee, row.platform_id) == ("received", "platform", "chirp")
    assert [(i.case_id, i.outcome) for i in items(world, receipt.notice_id)] == [(None, None)]
    assert receipt.items[0].message == "sent to chirp, which must answer it"


def test_the_query_code_is_shown_once_and_only_its_hash_is_kept(world: World) -> None:
    receipt = file(world)
    row = notice_row(world, receipt.notice_id)
    assert row.query_code_hash == code_hash(receipt.query_code)
    stored = " ".join(str(getattr(row, column.name)) for column in NoticeRow.__table__.columns)
    assert receipt.query_code not in stored


def test_a_notice_to_a_regulator_opens_a_case_at_the_office_of_its_jurisdiction(world: World) -> None:
    receipt = file(world, draft(jurisdiction=EAST))
    case = case_of(world, receipt)
    assert (case.source, case.office_id, case.jurisdiction_code) == ("report", "office-east", EAST)
    assert (case.category, case.platform_id, case.content_id) == ("SCAMS_AND_FRAUD", "chirp", "p1")
    assert receipt.status == "in_review"


def test_without_a_jurisdiction_the_case_goes_where_the_platform_sits(world: World) -> None:
    assert case_of(world, file(world)).office_id == "office-harbour"  # chirp's seat: ex.north.harbour
    assert case_of(world, file(world, draft(platform="marketly"))).office_id == "office-south"


def test_the_case_cites_the_article_the_rulebook_enforces_for_the_category(world: World) -> None:
    case = case_of(world, file(world))
    assert (case.regulation, case.severity) == ("MOSR", "high")
    assert case.article in {"7", "8"}


def test_reports_on_the_same_content_merge_into_one_case_with_a_count(world: World) -> None:
    first = file(world, address="198.51.100.1")
    second = file(world, address="198.51.100.2")
    assert case_of(world, first).id == case_of(world, second).id
    lines = [e.reason for e in timeline(world, case_of(world, first).id) if e.kind == "reported"]
    assert len(lines) == 2
    assert "(2 report(s) on this case)" in lines[-1]


def test_the_same_page_written_differently_merges_too(world: World) -> None:
    page = "https://chirp.example/p/1?b=2&a=1"
    first = file(world, draft(NoticeItem(url=page)))
    second = file(world, draft(NoticeItem(url="HTTPS://CHIRP.example/p/1?a=1&utm_source=x&b=2#c")))
    assert case_of(world, first).id == case_of(world, second).id


def test_each_item_of_a_notice_is_a_case_of_its_own(world: World) -> None:
    receipt = file(world, draft(NoticeItem(content_id="p1"), NoticeItem(content_id="p2")))
    assert case_of(world, receipt, 1).id != case_of(world, receipt, 2).id


def test_a_report_on_decided_content_is_answered_with_the_decision(world: World) -> None:
    case = case_of(world, file(world))
    decide(world, case.id, CaseOutcome.NO_VIOLATION, reason="satire, not a scam")
    later = file(world, address="198.51.100.9")
    (item,) = items(world, later.notice_id)
    assert (item.outcome, item.case_id) == ("existing_decision", case.id)
    assert item.outcome_reason == "This content was already decided (no violation): satire, not a scam"
    assert later.status == "decided"
    assert case_of(world, later).state == "decided"  # not reopened


def test_content_decided_in_another_case_is_answered_with_that_decision(world: World) -> None:
    case = case_of(world, file(world, draft(NoticeItem(url="https://chirp.example/p1", content_id="p1"))))
    decide(world, case.id, CaseOutcome.NO_VIOLATION)
    by_id = file(world, draft(NoticeItem(content_id="p1")))
    assert items(world, by_id.notice_id)[0].outcome == "existing_decision"


def test_filing_is_audited_without_personal_data(world: World) -> None:
    receipt = file(world, draft(reporter_name="Ana Example", reporter_email="ana@example.org"))
    assert audit_actions(world, "notice.file") == [f"notice:{receipt.notice_id}"]
    with world.runtime.uow() as uow:
        (event,) = [e for e in uow.audit.events() if e.action == "notice.file"]
    text = f"{event.actor} {event.reason} {event.details}"
    assert "Ana" not in text
    assert "ana@example.org" not in text
    assert event.actor == "public:reporter"


def test_the_reporter_is_kept_as_a_keyed_hash(world: World) -> None:
    one = notice_row(world, file(world, draft(reporter_email="Ana@Example.org"), address="198.51.100.1").notice_id)
    two = notice_row(world, file(world, draft(reporter_email="ana@example.org"), address="198.51.100.2").notice_id)
    assert one.reporter_key == two.reporter_key
    assert "ana" not in one.reporter_key
    assert one.reporter_email == "Ana@Example.org"


def test_an_unknown_platform_is_refused(world: World) -> None:
    with pytest.raises(InvalidRequestError, match="platform: no platform 'nowhere'"):
        file(world, draft(platform="nowhere"))


def test_an_unknown_jurisdiction_is_refused(world: World) -> None:
    with pytest.raises(InvalidRequestError, match="jurisdiction: no jurisdiction 'xx'"):
        file(world, draft(jurisdiction="xx"))


def test_a_refused_notice_leaves_nothing_behind(world: World) -> None:
    with pytest.raises(InvalidRequestError):
        file(world, draft(good_faith=False))
    assert audit_actions(world, "notice.file") == []
