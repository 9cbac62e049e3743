"""A case's decision answers every notice on it: the outcome, the reasons, the statement."""

from __future__ import annotations

from sqlalchemy import select

from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.notices import NoticeItem
from netgov.store.tables import StatementRow
from tests.service.notice_support import case_of, decide, draft, file, items, notice_row
from tests.service.support import audit_actions
from tests.service_world import World


def test_a_violation_tells_every_merged_notice_that_action_was_taken(world: World) -> None:
    first, second = file(world, address="198.51.100.1"), file(world, address="198.51.100.2")
    decide(world, case_of(world, first).id, CaseOutcome.VIOLATION, reason="an advance-fee scam")
    for receipt in (first, second):
        (item,) = items(world, receipt.notice_id)
        assert (item.outcome, item.outcome_reason, item.decided_at) == (
            "action_taken",
            "an advance-fee scam",
            world.clock(),
        )
        assert notice_row(world, receipt.notice_id).status == "decided"


def test_the_statement_issued_for_the_case_is_named_on_the_item(world: World) -> None:
    receipt = file(world)
    case = case_of(world, receipt)
    decide(world, case.id, CaseOutcome.VIOLATION)
    (item,) = items(world, receipt.notice_id)
    with world.runtime.uow() as uow:
        statements = list(uow.session.scalars(select(StatementRow.id).where(StatementRow.case_id == case.id)))
    assert statements
    assert item.statement_id == statements[-1]


def test_no_violation_tells_the_notice_no_action_was_taken(world: World) -> None:
    receipt = file(world)
    decide(world, case_of(world, receipt).id, CaseOutcome.NO_VIOLATION, reason="lawful satire")
    (item,) = items(world, receipt.notice_id)
    assert (item.outcome, item.outcome_reason, item.statement_id) == ("no_action", "lawful satire", None)


def test_closing_early_answers_the_notice_too(world: World) -> None:
    receipt = file(world)
    decide(world, case_of(world, receipt).id, CaseOutcome.WITHDRAWN, reason="the post was deleted")
    assert items(world, receipt.notice_id)[0].outcome == "no_action"


def test_a_notice_is_decided_only_when_all_its_items_are(world: World) -> None:
    receipt = file(world, draft(NoticeItem(content_id="p1"), NoticeItem(content_id="p2")))
    decide(world, case_of(world, receipt, 1).id, CaseOutcome.VIOLATION)
    assert notice_row(world, receipt.notice_id).status == "in_review"
    world.clock.advance(hours=1)
    decide(world, case_of(world, receipt, 2).id, CaseOutcome.NO_VIOLATION)
    row = notice_row(world, receipt.notice_id)
    assert (row.status, row.decided_at) == ("decided", world.clock())


def test_settling_is_audited_per_notice(world: World) -> None:
    receipt = file(world)
    decide(world, case_of(world, receipt).id, CaseOutcome.VIOLATION)
    assert audit_actions(world, "notice.settle") == [f"notice:{receipt.notice_id}"]
