"""A notifier appeals a decision not to act on what they reported: with the notice's query
code and the item's number; an overturn acts on the content after all."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from netgov.errors import ConflictError, NotFoundError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.notices import Addressee, NoticeItem
from netgov.service.appeal_views import appeal_of_item
from netgov.service.appeals import ByNotifier
from netgov.service.cases import step_case
from netgov.service.notice_answers import NoticeAnswer, answer_notice
from netgov.service.notice_filing import Receipt
from netgov.store.tables import PlatformEffectRow, StatementRow
from tests.service.appeal_support import appeal, file
from tests.service.notice_support import case_of, decide, draft, items
from tests.service.notice_support import file as file_notice
from tests.service.support import staff
from tests.service_world import World

ITEM = NoticeItem(content_id="p-scam", account_id="u-scammer")


def _ignored_by_platform(world: World) -> Receipt:
    """A notice to chirp, which answers that it will not act."""
    receipt = file_notice(world, draft(ITEM, addressee=Addressee.PLATFORM))
    with world.runtime.uow(write=True) as uow:
        answer_notice(
            uow,
            actor=staff(world, "chirp_moderator"),
            notice_id=receipt.notice_id,
            seq=1,
            answer=NoticeAnswer(acted=False, reasons="we see no scam"),
            policy=world.runtime.statement_policy,
            at=world.clock(),
        )
    return receipt


def _decide_appeal(world: World, case_id: str, outcome: CaseOutcome) -> None:
    decide(world, case_id, outcome, reason="the post is the scam the notice describes")


def test_the_notifier_appeals_with_the_query_code_and_the_platform_is_the_decider(world: World) -> None:
    receipt = _ignored_by_platform(world)
    filed = file(world, ByNotifier(query_code=receipt.query_code, seq=1), at=world.clock(), reason="it is a scam")
    assert (filed.appellant, filed.original_decider, filed.notice_id, filed.notice_seq) == (
        "notifier",
        "platform:chirp",
        receipt.notice_id,
        1,
    )
    with world.runtime.uow() as uow:
        case = uow.cases.case(filed.case_id or "")
        seen = appeal_of_item(uow, receipt.notice_id, 1)
    assert case is not None
    assert (case.source, case.office_id, case.recused) == ("appeal", "office-harbour", None)  # chirp's seat
    assert seen is not None
    assert seen.status == "filed"


def test_a_wrong_code_or_item_is_a_404_and_only_no_action_is_appealable(world: World) -> None:
    receipt = _ignored_by_platform(world)
    for by in (ByNotifier(query_code="0000-0000-0000-0000", seq=1), ByNotifier(query_code=receipt.query_code, seq=9)):
        with pytest.raises(NotFoundError):
            file(world, by, at=world.clock())
    pending = file_notice(world, draft(NoticeItem(content_id="p-other"), addressee=Addressee.PLATFORM))
    with pytest.raises(ConflictError, match="not decided yet"):
        file(world, ByNotifier(query_code=pending.query_code, seq=1), at=world.clock())


def test_the_notifiers_window_runs_from_the_items_decision(world: World) -> None:
    receipt = _ignored_by_platform(world)
    world.clock.advance(days=world.runtime.settings.appeal_window_days, seconds=1)
    with pytest.raises(ConflictError, match="closed on"):
        file(world, ByNotifier(query_code=receipt.query_code, seq=1), at=world.clock())


def test_an_overturn_acts_on_the_content_the_platform_left_up(world: World) -> None:
    receipt = _ignored_by_platform(world)
    filed = file(world, ByNotifier(query_code=receipt.query_code, seq=1), at=world.clock())
    world.clock.advance(hours=2)
    _decide_appeal(world, filed.case_id or "", CaseOutcome.OVERTURNED)
    (item,) = items(world, receipt.notice_id)
    assert (item.outcome, item.decided_at) == ("action_taken", world.clock())
    assert item.outcome_reason is not None
    assert item.outcome_reason.startswith("On appeal")
    with world.runtime.uow() as uow:
        statement = uow.session.get(StatementRow, item.statement_id)
        effects = list(uow.session.scalars(select(PlatformEffectRow).where(PlatformEffectRow.appeal_id == filed.id)))
    assert statement is not None
    assert (statement.measure, statement.content_id, statement.account_id, statement.source) == (
        "remove",
        "p-scam",
        "u-scammer",
        "notice",
    )
    assert statement.automated_decision == "not_automated"
    assert [(e.kind, e.content_id, e.statement_id) for e in effects] == [("remove", "p-scam", statement.id)]
    assert appeal(world, filed.id).status == "overturned"


def test_an_upheld_notifier_appeal_leaves_the_content_and_says_why(world: World) -> None:
    receipt = _ignored_by_platform(world)
    filed = file(world, ByNotifier(query_code=receipt.query_code, seq=1), at=world.clock())
    _decide_appeal(world, filed.case_id or "", CaseOutcome.UPHELD)
    (item,) = items(world, receipt.notice_id)
    assert item.outcome == "no_action"
    with world.runtime.uow() as uow:
        seen = appeal_of_item(uow, receipt.notice_id, 1)
    assert seen is not None
    assert (seen.status, seen.outcome_reason) == ("upheld", "the post is the scam the notice describes")


def test_a_regulators_decision_not_to_act_recuses_its_decider(world: World) -> None:
    receipt = file_notice(world, draft(ITEM))
    reported = case_of(world, receipt)
    reviewer = staff(world, "reviewer_harbour")
    with world.runtime.uow(write=True) as uow:
        for to in (CaseState.INVESTIGATING, CaseState.UNDER_REVIEW):
            step_case(uow, actor=reviewer, case_id=reported.id, to=to, reason="look", at=world.clock())
        step_case(
            uow,
            actor=reviewer,
            case_id=reported.id,
            to=CaseState.DECIDED,
            reason="satire, not a scam",
            outcome=CaseOutcome.NO_VIOLATION,
            at=world.clock(),
            policy=world.runtime.statement_policy,
        )
        uow.commit()
    world.clock.advance(days=1)
    filed = file(world, ByNotifier(query_code=receipt.query_code, seq=1), at=world.clock() + timedelta(seconds=1))
    assert filed.original_decider == "staff:reviewer_harbour"
    with world.runtime.uow() as uow:
        case = uow.cases.case(filed.case_id or "")
        member = uow.identity.staff_by_username("reviewer_harbour")
    assert case is not None
    assert member is not None
    # Back to the office that decided, which has nobody else: the case waits for someone who did not decide.
    assert (case.office_id, case.recused, case.assignee_id) == (reported.office_id, f" {member.id} ", None)


def test_an_item_known_only_by_a_long_url_is_appealed_by_it(world: World) -> None:
    url = "https://chirp.example/p/" + "x" * 400
    receipt = file_notice(world, draft(NoticeItem(url=url), addressee=Addressee.PLATFORM))
    with world.runtime.uow(write=True) as uow:
        answer_notice(
            uow,
            actor=staff(world, "chirp_moderator"),
            notice_id=receipt.notice_id,
            seq=1,
            answer=NoticeAnswer(acted=False, reasons="we see no scam"),
            policy=world.runtime.statement_policy,
            at=world.clock(),
        )
    filed = file(world, ByNotifier(query_code=receipt.query_code, seq=1), at=world.clock())
    (item,) = items(world, receipt.notice_id)
    assert filed.content_id == item.target[:200]
