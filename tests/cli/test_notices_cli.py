"""``netgov notices`` and ``netgov flaggers``: list, show, forward, answer; grant, list, revoke."""

from __future__ import annotations

import json

from click.testing import CliRunner, Result

from netgov.cli.main import cli
from netgov.governance.notices import Addressee
from tests.service.notice_support import draft, file
from tests.service.support import audit_actions
from tests.service_world import World


def netgov(world: World, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--db", world.runtime.settings.resolved_database_url])


def test_notices_are_listed_and_shown(world: World) -> None:
    receipt = file(world)
    listed = netgov(world, "notices", "list")
    assert listed.exit_code == 0, listed.output
    assert receipt.notice_id in listed.output
    shown = json.loads(netgov(world, "notices", "show", receipt.notice_id, "--format", "json").output)
    assert (shown["status"], shown["items"][0]["target"], shown["reporter"]) == ("in_review", "id:p1", None)


def test_a_staff_member_lists_only_their_scope(world: World) -> None:
    file(world, draft(platform="marketly"))
    listed = netgov(world, "notices", "list", "--as", "officer_north", "--format", "json")
    assert json.loads(listed.output)["notices"] == []


def test_a_notice_is_forwarded_and_answered_from_the_command_line(world: World) -> None:
    receipt = file(world)
    forwarded = netgov(world, "notices", "forward", receipt.notice_id, "--reason", "for chirp", "--as", "officer_north")
    assert forwarded.exit_code == 0, forwarded.output
    answer = [
        "notices", "answer", receipt.notice_id, "1", "--acted", "--reasons", "removed", "--measure", "remove",
        "--regulation", "MOSR", "--article", "7", "--as", "chirp_moderator",
    ]  # fmt: skip
    answered = netgov(world, *answer)
    assert answered.exit_code == 0, answered.output
    assert "action_taken, statement sor_" in answered.output
    assert audit_actions(world, "notice.answer") == [f"notice:{receipt.notice_id}"]


def test_a_refused_answer_is_one_line_and_exit_1(world: World) -> None:
    receipt = file(world, draft(addressee=Addressee.PLATFORM))
    refused = netgov(
        world,
        "notices",
        "answer",
        receipt.notice_id,
        "1",
        "--no-action",
        "--reasons",
        "x",
        "--as",
        "marketly_moderator",
    )
    assert refused.exit_code == 1
    assert "Traceback" not in refused.output


def test_flaggers_are_granted_listed_and_revoked(world: World) -> None:
    granted = netgov(
        world,
        "flaggers",
        "grant",
        "Scam Watch",
        "--expertise",
        "SCAMS_AND_FRAUD",
        "--until",
        "2027-06-01",
        "--as",
        "supervisor",
    )
    assert granted.exit_code == 0, granted.output
    first, key = granted.output.splitlines()
    flagger_id = first.split()[1]
    assert key.startswith("ngf_")
    listed = json.loads(netgov(world, "flaggers", "list", "--format", "json").output)["flaggers"]
    assert [(f["id"], f["status"]) for f in listed] == [(flagger_id, "active")]
    revoked = netgov(world, "flaggers", "revoke", flagger_id, "--reason", "misuse")
    assert revoked.exit_code == 0, revoked.output
    assert "revoked" in netgov(world, "flaggers", "list").output
