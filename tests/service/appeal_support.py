"""Statements to appeal, appeals to file and appeal cases to decide, in a test country."""

from __future__ import annotations

import itertools
from datetime import datetime

from sqlalchemy import select

from netgov.core.actions import Action
from netgov.core.decision import Source
from netgov.core.taxonomy import Category
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.service.appeals import AppealBy, file_appeal
from netgov.service.cases import step_case
from netgov.service.statement_grounds import human_statement
from netgov.service.statements import IssuedStatement, issue_statement
from netgov.store.tables import AppealRow, CaseRow, PlatformEffectRow, StatementRow, StrikeRow
from tests.service.cases_country import EAST, Country
from tests.service_world import World

_numbers = itertools.count(1)


def statement(
    country: Country,
    *,
    decided_by: str,
    suffix: str = EAST,
    case_id: str | None = None,
    measure: Action = Action.REMOVE,
    account: str | None = None,
) -> StatementRow:
    """A statement of reasons issued now for a fresh post of chirp, in the country's ``suffix``."""
    number = next(_numbers)
    world = country.world
    sor = human_statement(
        regulations=world.runtime.rulebook.regulations,
        platform="chirp",
        content_id=f"{country.code}-post-{number}",
        measure=measure,
        category=Category.SCAMS_AND_FRAUD,
        source=Source.OWN_INITIATIVE,
        regulation="MOSR",
        article="7",
        facts="The post asks for a fee to release a prize.",
        automated_detection=False,
        at=country.at,
        decision_id=f"{country.code}-decision-{number}",
    )
    issued = IssuedStatement(
        statement=sor,
        decided_by=decided_by,
        account_id=account or f"{country.code}-account-{number}",
        case_id=case_id,
        jurisdiction=country.place(suffix),
    )
    with world.runtime.uow(write=True) as uow:
        row = issue_statement(uow, issued=issued, actor="system:netgov", at=country.at, strike_days=365)
        uow.commit()
    return row


def file(
    world: World, by: AppealBy, *, at: datetime, reason: str = "I was quoting the scam to warn people"
) -> AppealRow:
    with world.runtime.uow(write=True) as uow:
        row = file_appeal(
            uow,
            by=by,
            reason=reason,
            at=at,
            window_days=world.runtime.settings.appeal_window_days,
            rulebook=world.runtime.rulebook,
        )
        uow.commit()
    return row


def decide(country: Country, username: str, case_id: str, outcome: CaseOutcome, reason: str = "on review") -> CaseRow:
    """Take the case along its procedure to a decision with ``outcome``, as ``username``."""
    for to in (CaseState.INVESTIGATING, CaseState.UNDER_REVIEW):
        country.step(username, case_id, to)
    with country.world.runtime.uow(write=True) as uow:
        case = step_case(
            uow,
            actor=country.staff(username),
            case_id=case_id,
            to=CaseState.DECIDED,
            reason=reason,
            outcome=outcome,
            at=country.at,
            policy=country.world.runtime.statement_policy,
        )
        uow.commit()
    return case


def appeal(world: World, appeal_id: str) -> AppealRow:
    with world.runtime.uow() as uow:
        row = uow.redress.appeal(appeal_id)
        assert row is not None
        return row


def stored_statement(world: World, statement_id: str) -> StatementRow:
    with world.runtime.uow() as uow:
        row = uow.session.get(StatementRow, statement_id)
        assert row is not None
        return row


def strikes(world: World, statement_id: str) -> list[StrikeRow]:
    with world.runtime.uow() as uow:
        return list(uow.session.scalars(select(StrikeRow).where(StrikeRow.statement_id == statement_id)))


def effects_of_appeal(world: World, appeal_id: str) -> list[PlatformEffectRow]:
    with world.runtime.uow() as uow:
        query = select(PlatformEffectRow).where(PlatformEffectRow.appeal_id == appeal_id)
        return list(uow.session.scalars(query.order_by(PlatformEffectRow.seq)))


def staff_id(country: Country, username: str) -> str:
    with country.world.runtime.uow() as uow:
        row = uow.identity.staff_by_username(country.name(username))
        assert row is not None
        return row.id
