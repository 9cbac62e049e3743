"""Filing, deciding and reading notices in the service tests' world."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import msgspec

from netgov.core.taxonomy import Category
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.flaggers import FlaggerGrant
from netgov.governance.notices import Addressee, NoticeDraft, NoticeItem
from netgov.service.cases import step_case
from netgov.service.flaggers import Granted, grant_flagger
from netgov.service.notice_filing import Filer, Receipt, file_notice
from netgov.service.permissions import SYSTEM
from netgov.store.tables import CaseEventRow, CaseRow, NoticeItemRow, NoticeRow
from tests.service.support import staff
from tests.service_world import World

EAST = "ex.north.harbour.east"
EXPLANATION = "The post promises to double any crypto sent to it: a classic advance-fee scam."


def draft(
    *items: NoticeItem,
    addressee: Addressee = Addressee.REGULATOR,
    platform: str = "chirp",
    category: Category = Category.SCAMS_AND_FRAUD,
    **fields: object,
) -> NoticeDraft:
    base = NoticeDraft(
        addressee=addressee,
        platform=platform,
        category=category,
        explanation=EXPLANATION,
        good_faith=True,
        items=items or (NoticeItem(content_id="p1"),),
    )
    return msgspec.structs.replace(base, **fields) if fields else base


def file(
    world: World, notice: NoticeDraft | None = None, *, address: str = "203.0.113.5", key: str | None = None
) -> Receipt:
    with world.runtime.uow(write=True) as uow:
        return file_notice(
            uow,
            draft=notice or draft(),
            filer=Filer(address=address, flagger_key=key),
            gate=world.runtime.notice_gate,
            rulebook=world.runtime.rulebook,
            at=world.clock(),
        )


def notice_row(world: World, notice_id: str) -> NoticeRow:
    with world.runtime.uow() as uow:
        row = uow.notices.notice(notice_id)
        assert row is not None
        return row


def items(world: World, notice_id: str) -> list[NoticeItemRow]:
    with world.runtime.uow() as uow:
        return uow.notices.items(notice_id)


def case_of(world: World, notice: Receipt | str, seq: int = 1) -> CaseRow:
    """The case item ``seq`` of the notice (a receipt, or its id) opened or joined."""
    notice_id = notice if isinstance(notice, str) else notice.notice_id
    (item,) = [i for i in items(world, notice_id) if i.seq == seq]
    assert item.case_id is not None, "the item opened or joined a case"
    with world.runtime.uow() as uow:
        case = uow.cases.case(item.case_id)
        assert case is not None
        return case


def timeline(world: World, case_id: str) -> list[CaseEventRow]:
    with world.runtime.uow() as uow:
        return list(uow.cases.events(case_id))


def decide(world: World, case_id: str, outcome: CaseOutcome, *, reason: str = "the post is a scam") -> None:
    """Walk the case to a decision (or close it early) as the operator."""
    steps: Sequence[CaseState] = (CaseState.INVESTIGATING, CaseState.UNDER_REVIEW)
    last = CaseState.CLOSED if outcome in (CaseOutcome.WITHDRAWN, CaseOutcome.DUPLICATE) else CaseState.DECIDED
    with world.runtime.uow(write=True) as uow:
        for to in steps:
            step_case(uow, actor=SYSTEM, case_id=case_id, to=to, reason=f"to {to}", at=world.clock())
        step_case(
            uow,
            actor=SYSTEM,
            case_id=case_id,
            to=last,
            reason=reason,
            outcome=outcome,
            at=world.clock(),
            policy=world.runtime.statement_policy,
        )
        uow.commit()


def dismiss(world: World, case_id: str) -> None:
    """Close the case before any review as no violation: one step, the cheapest way to decide."""
    with world.runtime.uow(write=True) as uow:
        step_case(
            uow,
            actor=SYSTEM,
            case_id=case_id,
            to=CaseState.CLOSED,
            reason="nothing illegal",
            outcome=CaseOutcome.NO_VIOLATION,
            at=world.clock(),
        )
        uow.commit()


def grant(world: World, *, days: float = 365, expertise: Sequence[Category] = (Category.SCAMS_AND_FRAUD,)) -> Granted:
    request = FlaggerGrant(
        name="Scam Watch", expertise=tuple(expertise), expires_at=world.clock() + timedelta(days=days)
    )
    with world.runtime.uow(write=True) as uow:
        return grant_flagger(uow, actor=staff(world, "supervisor"), grant=request, office=None, at=world.clock())
