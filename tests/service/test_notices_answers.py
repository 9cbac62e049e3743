"""Platforms answer the notices they hold (acting issues a statement of reasons); regulators
forward notices to the platform concerned."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from netgov.core.actions import Action
from netgov.errors import ConflictError, InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.notices import Addressee, NoticeItem
from netgov.service.notice_answers import NoticeAnswer, answer_notice, forward_notice
from netgov.store.tables import NoticeItemRow, NoticeRow, StatementRow, StrikeRow
from tests.service.notice_support import case_of, decide, draft, file, items, notice_row, timeline
from tests.service.support import audit_actions, staff
from tests.service_world import World

ACTED = NoticeAnswer(
    acted=True, reasons="a scam, removed", measure=Action.REMOVE, regulation="MOSR", article="7", account_id="acct-9"
)
DECLINED = NoticeAnswer(acted=False, reasons="the offer is real and lawful")


def answer(world: World, who: str, notice_id: str, seq: int = 1, reply: NoticeAnswer = ACTED) -> NoticeItemRow:
    with world.runtime.uow(write=True) as uow:
        return answer_notice(
            uow,
            actor=staff(world, who),
            notice_id=notice_id,
            seq=seq,
            answer=reply,
            policy=world.runtime.statement_policy,
            at=world.clock(),
        )


def forward(world: World, who: str, notice_id: str) -> NoticeRow:
    with world.runtime.uow(write=True) as uow:
        return forward_notice(
            uow, actor=staff(world, who), notice_id=notice_id, reason="the platform acts faster", at=world.clock()
        )


def test_a_platform_acting_on_a_notice_issues_the_statement_of_reasons(world: World) -> None:
    receipt = file(world, draft(addressee=Addressee.PLATFORM))
    item = answer(world, "chirp_moderator", receipt.notice_id)
    assert (item.outcome, item.outcome_reason) == ("action_taken", "a scam, removed")
    with world.runtime.uow() as uow:
        statement = uow.session.get(StatementRow, item.statement_id)
        strikes = list(uow.session.scalars(select(StrikeRow).where(StrikeRow.statement_id == item.statement_id)))
    assert statement is not None
    assert (statement.notice_id, statement.content_id, statement.measure, statement.source) == (
        receipt.notice_id,
        "p1",
        "remove",
        "notice",
    )
    assert (statement.account_id, statement.decided_by) == ("acct-9", "staff:chirp_moderator")
    assert len(strikes) == 1
    assert notice_row(world, receipt.notice_id).status == "decided"
    assert audit_actions(world, "notice.answer") == [f"notice:{receipt.notice_id}"]


def test_a_platform_may_decline_with_its_reasons(world: World) -> None:
    receipt = file(world, draft(addressee=Addressee.PLATFORM))
    item = answer(world, "chirp_moderator", receipt.notice_id, reply=DECLINED)
    assert (item.outcome, item.outcome_reason, item.statement_id) == ("no_action", "the offer is real and lawful", None)


def test_an_item_is_answered_once(world: World) -> None:
    receipt = file(world, draft(addressee=Addressee.PLATFORM))
    answer(world, "chirp_moderator", receipt.notice_id, reply=DECLINED)
    with pytest.raises(ConflictError, match="already decided"):
        answer(world, "chirp_moderator", receipt.notice_id)


def test_acting_cites_its_legal_basis(world: World) -> None:
    receipt = file(world, draft(addressee=Addressee.PLATFORM))
    with pytest.raises(InvalidRequestError, match="measure, regulation and article"):
        answer(world, "chirp_moderator", receipt.notice_id, reply=NoticeAnswer(acted=True, reasons="gone"))
    with pytest.raises(InvalidRequestError, match="no article '999'"):
        answer(world, "chirp_moderator", receipt.notice_id, reply=NoticeAnswer(**{**_fields(ACTED), "article": "999"}))


def test_acting_on_a_url_only_item_names_the_content(world: World) -> None:
    receipt = file(world, draft(NoticeItem(url="https://chirp.example/p/7"), addressee=Addressee.PLATFORM))
    with pytest.raises(InvalidRequestError, match="content_id: the notice gave only a URL"):
        answer(world, "chirp_moderator", receipt.notice_id)
    item = answer(
        world, "chirp_moderator", receipt.notice_id, reply=NoticeAnswer(**{**_fields(ACTED), "content_id": "p7"})
    )
    assert item.outcome == "action_taken"


def test_another_platform_cannot_answer(world: World) -> None:
    receipt = file(world, draft(addressee=Addressee.PLATFORM))
    with pytest.raises(PermissionDeniedError):
        answer(world, "marketly_moderator", receipt.notice_id)


def test_a_missing_item_is_not_found(world: World) -> None:
    receipt = file(world, draft(addressee=Addressee.PLATFORM))
    with pytest.raises(NotFoundError, match="has no item 2"):
        answer(world, "chirp_moderator", receipt.notice_id, seq=2)


def test_a_notice_to_the_regulator_is_not_the_platforms_until_forwarded(world: World) -> None:
    receipt = file(world)
    with pytest.raises(PermissionDeniedError):
        answer(world, "chirp_moderator", receipt.notice_id)
    row = forward(world, "officer_north", receipt.notice_id)
    assert (row.status, row.forwarded_by) == ("forwarded", "staff:officer_north")
    assert answer(world, "chirp_moderator", receipt.notice_id, reply=DECLINED).outcome == "no_action"


def test_forwarding_is_noted_on_the_case_and_audited(world: World) -> None:
    receipt = file(world)
    forward(world, "officer_north", receipt.notice_id)
    reasons = [e.reason for e in timeline(world, case_of(world, receipt).id) if e.kind == "notice"]
    assert reasons == [f"notice {receipt.notice_id} forwarded to chirp: the platform acts faster"]
    assert audit_actions(world, "notice.forward") == [f"notice:{receipt.notice_id}"]


def test_forwarding_needs_casework_where_the_notice_is_placed(world: World) -> None:
    receipt = file(world, draft(platform="marketly"))  # placed in ex.south
    with pytest.raises(PermissionDeniedError):
        forward(world, "officer_north", receipt.notice_id)
    with pytest.raises(PermissionDeniedError):
        forward(world, "auditor", receipt.notice_id)


def test_a_notice_is_forwarded_once_and_only_from_the_regulator(world: World) -> None:
    to_regulator = file(world)
    forward(world, "officer_north", to_regulator.notice_id)
    with pytest.raises(ConflictError, match="already forwarded"):
        forward(world, "officer_north", to_regulator.notice_id)
    to_platform = file(world, draft(addressee=Addressee.PLATFORM), address="198.51.100.7")
    with pytest.raises(ConflictError, match="was addressed to chirp already"):
        forward(world, "officer_north", to_platform.notice_id)


def test_the_offices_decision_prevails_over_the_platforms_answer(world: World) -> None:
    receipt = file(world)
    forward(world, "officer_north", receipt.notice_id)
    answer(world, "chirp_moderator", receipt.notice_id, reply=DECLINED)
    decide(world, case_of(world, receipt).id, CaseOutcome.VIOLATION, reason="a scam after all")
    (item,) = items(world, receipt.notice_id)
    assert (item.outcome, item.outcome_reason) == ("action_taken", "a scam after all")


def _fields(reply: NoticeAnswer) -> dict[str, object]:
    return {name: getattr(reply, name) for name in reply.__struct_fields__}
