"""``netgov appeals/effects/disputes/strikes``: the operator's and staff's view of appeals,
the effects feed, dispute records and strikes, on SQLite and PostgreSQL.

The commands read the machine's clock, so the world's clock is set to it first."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from netgov.cli.main import cli
from netgov.core.content import Account, Content
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.effects import EffectKind
from netgov.service.appeals import ByAffectedAccount, file_appeal
from netgov.service.intake_batch import Item
from netgov.service.platform_effects import NewEffect, emit_effect
from netgov.store.tables import StatementRow
from tests.service.notice_support import decide
from tests.service.support import EAST, submit
from tests.service_world import World

DOUBLING = "We are giving back: send any amount between 0.1 and 20 SOL and we will send back double."


def netgov(world: World, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--db", world.runtime.settings.resolved_database_url])


@pytest.fixture
def now(world: World) -> World:
    world.clock.now = datetime.now(UTC)
    return world


def _removed(world: World, content_id: str, account: str) -> None:
    content = Content(id=content_id, platform="chirp", text=DOUBLING, account=Account(id=account))
    submit(world, Item(content=content, jurisdiction=EAST, actor="platform:chirp"))


def test_strikes_list_shows_each_strike_and_the_live_total(now: World) -> None:
    _removed(now, "c-1", "u-cli")
    result = netgov(now, "strikes", "list", "--platform", "chirp", "--account", "u-cli")
    assert result.exit_code == 0, result.output
    assert "live total: 2" in result.output
    record = json.loads(
        netgov(now, "strikes", "list", "--platform", "chirp", "--account", "u-cli", "--format", "json").output
    )
    assert [(s["weight"], s["live"]) for s in record["strikes"]] == [(2, True)]
    refused = netgov(now, "strikes", "list", "--platform", "chirp", "--account", "u-cli", "--as", "marketly_moderator")
    assert refused.exit_code == 1
    assert "platform chirp" in refused.output


def test_effects_list_shows_the_platforms_feed_in_order(now: World) -> None:
    with now.runtime.uow(write=True) as uow:
        for content_id in ("p1", "p2"):
            new = NewEffect(
                platform_id="chirp",
                kind=EffectKind.RESTORE_CONTENT,
                reason="overturned",
                actor="system:netgov",
                content_id=content_id,
            )
            emit_effect(uow, new=new, at=now.clock())
        uow.commit()
    listed = json.loads(netgov(now, "effects", "list", "--platform", "chirp", "--format", "json").output)
    assert [(e["kind"], e["content_id"], e["acknowledged_at"]) for e in listed["effects"]] == [
        ("restore_content", "p1", None),
        ("restore_content", "p2", None),
    ]
    table = netgov(now, "effects", "list", "--platform", "chirp", "--after", str(listed["effects"][0]["seq"]))
    assert "p2" in table.output
    assert "p1" not in table.output


def test_disputes_are_recorded_listed_with_their_deadline_and_closed(now: World) -> None:
    recorded = netgov(
        now,
        "disputes",
        "record",
        "--platform",
        "chirp",
        "--body",
        "Board",
        "--filed",
        "2026-01-02",
        "--as",
        "chirp_moderator",
    )
    assert recorded.exit_code == 0, recorded.output
    dispute_id = recorded.output.split()[1]
    assert "due 2026-04-02" in recorded.output
    listed = netgov(now, "disputes", "list", "--as", "chirp_moderator")
    assert dispute_id in listed.output
    assert "(overdue)" in listed.output
    closed = netgov(
        now, "disputes", "outcome", dispute_id, "--outcome", "settled", "--details", "agreed", "--as", "supervisor"
    )
    assert closed.exit_code == 0, closed.output
    again = netgov(now, "disputes", "outcome", dispute_id, "--outcome", "settled", "--details", "agreed")
    assert again.exit_code == 1
    assert "already has its outcome" in again.output


def test_appeals_stats_counts_against_the_decider_and_show_tells_the_outcome(now: World) -> None:
    assert netgov(now, "appeals", "stats").output.strip() == "no appeals"
    _removed(now, "c-2", "u-appeal")
    with now.runtime.uow() as uow:
        statement = uow.session.scalars(select(StatementRow).where(StatementRow.content_id == "c-2")).one()
    by = ByAffectedAccount(statement_id=statement.id, token=statement.access_token)
    with now.runtime.uow(write=True) as uow:
        appeal = file_appeal(
            uow, by=by, reason="a warning", at=now.clock(), window_days=183, rulebook=now.runtime.rulebook
        )
        uow.commit()
    decide(now, appeal.case_id or "", CaseOutcome.OVERTURNED, reason="it warned people")
    stats = netgov(now, "appeals", "stats", "--as", "auditor")
    assert stats.exit_code == 0, stats.output
    assert stats.output.splitlines()[1].split() == ["rule:scam.crypto-doubling", "1", "1", "1", "100%"]
    shown = netgov(now, "appeals", "show", appeal.id)
    assert "status: overturned" in shown.output
    assert "outcome_reason: it warned people" in shown.output
    refused = netgov(now, "appeals", "stats", "--as", "chirp_moderator")
    assert refused.exit_code == 1
