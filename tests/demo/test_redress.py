"""The demo's notices and appeals: a trusted flagger, a merged case, a possible brigade, a
waiting appeal with a reviewer who did not decide, an overturned one with its restore, and
a dispute; seeded through the services, once however often the demo seeds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from netgov.audit.chain import verify_chain
from netgov.demo.redress import FLAGGER, OFFICER, REVIEWER, RedressStory, seed_redress
from netgov.demo.seed import seed_demo
from netgov.identity.secrets import Passwords
from netgov.service.runtime import Runtime
from netgov.settings import Settings
from netgov.store.database import connect
from netgov.store.schema import upgrade
from netgov.store.tables import AppealRow, DisputeRow, NoticeRow, PlatformEffectRow, StatementRow, TrustedFlaggerRow
from tests.databases import BACKENDS, database_url
from tests.service_world import START, Clock, bundled_rulebook


@dataclass
class Seeded:
    runtime: Runtime
    story: RedressStory


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """The demo world with no synthetic posts, and the story; one per backend for the module."""
    directory = tmp_path_factory.mktemp("demo-redress")
    for url in database_url(request.param, directory):
        schema = connect(url)
        upgrade(schema)
        schema.dispose()
        cheap = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
        settings = Settings(database_url=url, data_dir=directory)
        runtime = Runtime.open(settings, clock=Clock(), rulebook=bundled_rulebook(), passwords=cheap)
        try:
            story = seed_demo(runtime, posts=0, now=START).redress
            assert story is not None
            yield Seeded(runtime, story)
        finally:
            runtime.close()


def _staff_id(seeded: Seeded, username: str) -> str:
    with seeded.runtime.uow() as uow:
        member = uow.identity.staff_by_username(username)
        assert member is not None
        return member.id


def test_a_trusted_flagger_holds_the_status(seeded: Seeded) -> None:
    with seeded.runtime.uow() as uow:
        flagger = uow.notices.flagger(seeded.story.flagger or "")
    assert flagger is not None
    assert (flagger.name, flagger.revoked_at) == (FLAGGER, None)
    assert flagger.expires_at > START


def test_one_case_merges_three_notices_one_of_them_the_flaggers(seeded: Seeded) -> None:
    with seeded.runtime.uow() as uow:
        items = uow.notices.items_of_case(seeded.story.merged_case or "")
        notices = uow.session.scalars(select(NoticeRow).where(NoticeRow.id.in_([i.notice_id for i in items])))
        flaggers = [notice.flagger_id for notice in notices]
        case = uow.cases.case(seeded.story.merged_case or "")
    assert len(items) == 3
    assert flaggers.count(seeded.story.flagger) == 1
    assert case is not None
    assert (case.state, case.trusted_flagger) == ("filed", True)


def test_a_burst_is_flagged_a_possible_brigade_and_nothing_more(seeded: Seeded) -> None:
    with seeded.runtime.uow() as uow:
        items = uow.notices.items_of_case(seeded.story.brigade_case or "")
        case = uow.cases.case(seeded.story.brigade_case or "")
        kinds = [event.kind for event in uow.cases.events(seeded.story.brigade_case or "")]
    assert len(items) > seeded.runtime.notice_gate.brigade.min_notices
    assert all(item.brigade for item in items)
    assert "brigade_signal" in kinds
    assert case is not None
    assert (case.state, case.outcome) == ("filed", None)


def test_the_waiting_appeal_is_with_the_reviewer_and_recuses_the_officer_who_decided(seeded: Seeded) -> None:
    with seeded.runtime.uow() as uow:
        case = uow.cases.case(seeded.story.waiting_appeal_case or "")
    assert case is not None
    assert case.assignee_id == _staff_id(seeded, REVIEWER)
    assert case.recused == f" {_staff_id(seeded, OFFICER)} "
    assert case.state == "filed"


def test_the_overturned_appeal_reverted_its_statement_and_tells_chirp_to_restore(seeded: Seeded) -> None:
    with seeded.runtime.uow() as uow:
        appeal = uow.session.get(AppealRow, seeded.story.overturned_appeal)
        assert appeal is not None
        statement = uow.session.get(StatementRow, appeal.statement_id)
        effects = uow.session.scalars(
            select(PlatformEffectRow.kind).where(PlatformEffectRow.content_id == appeal.content_id)
        ).all()
    assert appeal.status == "overturned"
    assert statement is not None
    assert statement.status == "reverted"
    assert list(effects) == ["remove", "restore_content"]


def test_an_upheld_appeal_went_to_an_out_of_court_body(seeded: Seeded) -> None:
    with seeded.runtime.uow() as uow:
        dispute = uow.session.get(DisputeRow, seeded.story.dispute)
        assert dispute is not None
        appeal = uow.session.get(AppealRow, dispute.appeal_id)
    assert appeal is not None
    assert appeal.status == "upheld"
    assert dispute.outcome is None
    assert (dispute.deadline_at - dispute.filed_at).days == 90


def test_seeding_the_story_again_changes_nothing(seeded: Seeded) -> None:
    def counts() -> list[int]:
        with seeded.runtime.uow() as uow:
            tables = (TrustedFlaggerRow, NoticeRow, AppealRow, DisputeRow, PlatformEffectRow)
            return [int(uow.session.scalar(select(func.count()).select_from(table)) or 0) for table in tables]

    before = counts()
    assert seed_redress(seeded.runtime, now=START) == RedressStory(seeded=False)
    assert counts() == before


def test_the_story_leaves_an_intact_audit_chain(seeded: Seeded) -> None:
    with seeded.runtime.uow() as uow:
        report = verify_chain(uow.audit.events())
    assert report.ok, report.problem
