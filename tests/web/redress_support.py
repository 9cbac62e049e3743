"""Notices, decided report cases and appeals in the test world, for the console's pages.

A report on one of chirp's posts in the east county goes to office-east, where officer_east
works it; deciding it a violation issues the statement the affected account appeals. Each
call names fresh content (``post-1``, ``post-2``...) unless told which, so tests can share
one world per backend (``shared_world``): a world costs seconds, a notice milliseconds.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.notices import NoticeItem
from netgov.service.appeals import ByAffectedAccount, file_appeal
from netgov.service.cases import step_case, take_case
from netgov.store.tables import AppealRow, StatementRow
from tests.databases import BACKENDS, database_url
from tests.service.notice_support import EAST, case_of, draft, file
from tests.service.support import staff
from tests.service_world import World, open_world

APPEAL_REASON = "I quoted the scam to warn my followers; the post says so in its first line."
# The shared world's brigade rule: 3 notices on one post within 30 minutes, mostly from new reporters.
BRIGADE = {"brigade_min_notices": 3, "brigade_window_minutes": 30, "brigade_suspect_share": 0.6}
_posts = itertools.count(1)


@pytest.fixture(scope="module", params=BACKENDS)
def shared_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One world per backend and module, for tests that each report their own posts."""
    data_dir = tmp_path_factory.mktemp("console-redress")
    for url in database_url(request.param, data_dir):
        limits = {"notice_rate_per_ip": 10_000, "notice_rate_per_reporter": 10_000}
        yield from open_world(url, data_dir, **BRIGADE, **limits)


def fresh_post() -> str:
    return f"post-{next(_posts)}"


def url_of(post: str) -> str:
    return f"https://chirp.example/p/{post}"


def report(world: World, post: str, *, address: str = "203.0.113.5", key: str | None = None, **fields: object) -> str:
    """A notice to the regulator on ``post`` (by URL, content and account id) in the east county; its id."""
    item = NoticeItem(url=url_of(post), content_id=post, account_id=f"acct-{post}")
    return file(world, draft(item, jurisdiction=EAST, **fields), address=address, key=key).notice_id


def decide_as(world: World, username: str, case_id: str, outcome: CaseOutcome, reason: str) -> None:
    """Take the case and step it to a decision with ``outcome``, as ``username``."""
    actor = staff(world, username)
    with world.runtime.uow(write=True) as uow:
        take_case(uow, actor=actor, case_id=case_id, at=world.clock())
        for to in (CaseState.INVESTIGATING, CaseState.UNDER_REVIEW):
            step_case(uow, actor=actor, case_id=case_id, to=to, reason=f"to {to}", at=world.clock())
        policy, at = world.runtime.statement_policy, world.clock()
        step_case(
            uow,
            actor=actor,
            case_id=case_id,
            to=CaseState.DECIDED,
            reason=reason,
            outcome=outcome,
            at=at,
            policy=policy,
        )
        uow.commit()


def decided_report(world: World, post: str) -> StatementRow:
    """A report on ``post`` decided a violation by officer_east; the statement it issued."""
    case = case_of(world, report(world, post))
    decide_as(world, "officer_east", case.id, CaseOutcome.VIOLATION, "the post is an advance-fee scam")
    with world.runtime.uow() as uow:
        return uow.session.scalars(select(StatementRow).where(StatementRow.case_id == case.id)).one()


def appealed(world: World, post: str) -> AppealRow:
    """The affected account's appeal against officer_east's decision on ``post``."""
    statement = decided_report(world, post)
    by = ByAffectedAccount(statement_id=statement.id, token=statement.access_token)
    with world.runtime.uow(write=True) as uow:
        row = file_appeal(
            uow,
            by=by,
            reason=APPEAL_REASON,
            at=world.clock(),
            window_days=world.runtime.settings.appeal_window_days,
            rulebook=world.runtime.rulebook,
        )
        uow.commit()
    return row
