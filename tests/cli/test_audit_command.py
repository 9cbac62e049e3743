"""``netgov audit``: verify, checkpoint, public-key and log, over a real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from netgov.audit.checkpoints import (
    checkpoint_from_json,
    checkpoint_to_json,
    public_key_to_pem,
    verify_checkpoint,
)
from netgov.cli.main import cli
from netgov.service.audit_admin import load_or_create_signing_key
from netgov.service.audit_trail import Entry, record
from tests.service_world import World


def _run(world: World, *args: str) -> Result:
    settings = world.runtime.settings
    runner = CliRunner(env={"NETGOV_DATA_DIR": str(settings.data_dir), "NETGOV_DATABASE_URL": None})
    return runner.invoke(cli, ["audit", *args])


def _db(world: World) -> list[str]:
    return ["--db", world.runtime.settings.resolved_database_url]


def _head_seq(world: World) -> int:
    with world.runtime.uow() as uow:
        return uow.audit.head().seq


# verify


def test_verify_prints_the_events_checked_and_the_head_and_exits_0(world: World) -> None:
    with world.runtime.uow() as uow:
        head = uow.audit.head()
    result = _run(world, "verify", *_db(world))
    assert result.exit_code == 0, result.output
    assert f"events checked: {head.seq}\nhead: event {head.seq} ({head.hash})\n" in result.output


def test_verify_refuses_an_unmigrated_database_with_exit_2_naming_the_fix(database: str) -> None:
    result = CliRunner().invoke(cli, ["audit", "verify", "--db", database])
    assert result.exit_code == 2
    assert "has no netgov schema" in result.output
    assert "netgov db upgrade" in result.output


def test_verify_rejects_a_malformed_checkpoint_file_as_a_usage_error(world: World, tmp_path: Path) -> None:
    bad = tmp_path / "checkpoint.json"
    bad.write_text('{"log": "examplia"}')
    result = _run(world, "verify", *_db(world), "--checkpoint", str(bad))
    assert result.exit_code == 2
    assert "not a valid audit checkpoint: Object missing required field `seq`" in result.output


def test_verify_rejects_a_public_key_file_that_holds_no_key(world: World, tmp_path: Path) -> None:
    bad = tmp_path / "key.pem"
    bad.write_text("hello")
    result = _run(world, "verify", *_db(world), "--public-key", str(bad))
    assert result.exit_code == 2
    assert "cannot read the checkpoint public key" in result.output


def test_verify_notes_that_signatures_were_not_checked_without_a_public_key(world: World, tmp_path: Path) -> None:
    signed = _run(world, "checkpoint", *_db(world), "--out", str(tmp_path / "checkpoint.json"))
    assert signed.exit_code == 0, signed.output
    result = _run(world, "verify", *_db(world), "--checkpoint", str(tmp_path / "checkpoint.json"))
    assert result.exit_code == 0, result.output
    assert "note: checkpoint signatures were not checked; pass --public-key FILE" in result.stderr


def test_verify_accepts_a_list_of_checkpoints_and_the_public_key_as_published(world: World, tmp_path: Path) -> None:
    documents = [_run(world, "checkpoint", *_db(world)).stdout.strip() for _ in range(2)]
    (tmp_path / "checkpoints.json").write_text("[" + ",".join(documents) + "]")
    (tmp_path / "key.pem").write_text(_run(world, "public-key").stdout)
    result = _run(
        world,
        "verify",
        *_db(world),
        "--checkpoint",
        str(tmp_path / "checkpoints.json"),
        "--public-key",
        str(tmp_path / "key.pem"),
    )
    assert result.exit_code == 0, result.output
    assert "The audit log is intact, and it holds 2 checkpoint(s)." in result.output


# checkpoint and public-key


def test_checkpoint_prints_the_head_signed_by_the_installation_key(world: World) -> None:
    head = _head_seq(world)
    result = _run(world, "checkpoint", *_db(world))
    assert result.exit_code == 0, result.output
    checkpoint = checkpoint_from_json(result.stdout)
    key = load_or_create_signing_key(world.runtime.settings)
    assert (checkpoint.seq, checkpoint.log) == (head, world.runtime.settings.installation)
    assert verify_checkpoint(key.public_key(), checkpoint)


def test_checkpoint_writes_the_json_to_the_out_file(world: World, tmp_path: Path) -> None:
    out = tmp_path / "published" / "checkpoint.json"
    out.parent.mkdir()
    result = _run(world, "checkpoint", *_db(world), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"written to {out}" in result.output
    assert out.read_bytes() == checkpoint_to_json(checkpoint_from_json(out.read_bytes())) + b"\n"


def test_checkpoint_with_an_unreadable_signing_key_exits_1_naming_the_file(world: World) -> None:
    world.runtime.settings.audit_key_path.mkdir()
    result = _run(world, "checkpoint", *_db(world))
    assert result.exit_code == 1
    assert "error: cannot read the checkpoint signing key" in result.output
    assert "audit-signing-key.pem" in result.output


def test_public_key_prints_the_pem_that_checks_the_checkpoints(world: World) -> None:
    result = _run(world, "public-key")
    assert result.exit_code == 0, result.output
    key = load_or_create_signing_key(world.runtime.settings)
    assert result.stdout.encode() == public_key_to_pem(key.public_key())


# log


def _add(world: World, *reasons: str) -> None:
    with world.runtime.uow(write=True) as uow:
        entries = [
            Entry(actor="staff:auditor", action="decision.read_content", object=f"decision:d{n}", reason=reason)
            for n, reason in enumerate(reasons)
        ]
        record(uow, entries, at=world.clock())
        uow.commit()


def test_log_shows_the_newest_events_oldest_first_one_line_each(world: World) -> None:
    _add(world, "appeal 118", "appeal 119")
    head = _head_seq(world)
    result = _run(world, "log", *_db(world), "--limit", "2")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{head - 1:>7}  2026-06-01T09:00:00Z  staff:auditor  decision.read_content  decision:d0  appeal 118",
        f"{head:>7}  2026-06-01T09:00:00Z  staff:auditor  decision.read_content  decision:d1  appeal 119",
    ]


def test_log_pages_back_with_before(world: World) -> None:
    result = _run(world, "log", *_db(world), "--before", "4", "--limit", "500")
    assert [int(line.split()[0]) for line in result.output.splitlines()] == [1, 2, 3]


def test_log_keeps_a_reason_typed_over_several_lines_on_one_line(world: World) -> None:
    _add(world, "appeal 118:\nchecking the quoted text")
    result = _run(world, "log", *_db(world), "--limit", "1")
    assert result.output.rstrip("\n").endswith("appeal 118: checking the quoted text")
    assert len(result.output.splitlines()) == 1


@pytest.mark.parametrize("limit", ["0", "501"])
def test_log_refuses_a_limit_out_of_range(world: World, limit: str) -> None:
    result = _run(world, "log", *_db(world), "--limit", limit)
    assert result.exit_code == 2
    assert "--limit" in result.output
