"""The intake with its writer in a process of its own: the same promises as the thread.

Each test opens a runtime with ``intake_process`` on (the child loads the bundled rulebook
and its own connections), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from netgov.audit.chain import verify_chain
from netgov.core.content import Content
from netgov.errors import ServiceUnavailableError
from netgov.service.intake_batch import Item
from netgov.service.intake_process import ProcessWriter
from tests.service.support import writer_held
from tests.service_world import World, open_world

SCAM = "Send 1 BTC to this wallet and get 2 BTC back, guaranteed doubling today"


@pytest.fixture
def process_world(database: str, tmp_path: Path) -> Iterator[World]:
    yield from open_world(database, tmp_path, intake_process=True)


def _item(content_id: str, text: str = SCAM) -> Item:
    return Item(content=Content(id=content_id, platform="chirp", text=text), jurisdiction=None, actor="platform:chirp")


def test_the_writer_runs_in_another_process(process_world: World) -> None:
    writer = process_world.runtime.intake.writer
    assert isinstance(writer, ProcessWriter)


def test_a_post_is_decided_stored_and_audited_by_the_writer_process(process_world: World) -> None:
    outcome = process_world.runtime.intake.submit([_item("p-1")]).result(timeout=60)[0]
    assert outcome.created
    assert b'"action":"remove"' in outcome.document
    with process_world.runtime.uow() as uow:
        assert uow.decisions.existing("chirp", ["p-1"])["p-1"].decision_id == outcome.decision_id
        assert verify_chain(uow.audit.events()).ok


def test_a_retry_returns_the_stored_decision_and_a_changed_post_is_a_conflict(process_world: World) -> None:
    intake = process_world.runtime.intake
    first = intake.submit([_item("p-2")]).result(timeout=60)[0]
    again = intake.submit([_item("p-2")]).result(timeout=60)[0]
    changed = intake.submit([_item("p-2", "something else")]).result(timeout=60)[0]
    assert (again.created, again.decision_id, again.document) == (False, first.decision_id, first.document)
    assert changed.conflict is not None


def test_many_requests_share_commits_and_each_gets_its_own_answer(process_world: World) -> None:
    intake = process_world.runtime.intake
    futures = [intake.submit([_item(f"many-{n}", f"ordinary post number {n}")]) for n in range(200)]
    outcomes = [future.result(timeout=60)[0] for future in futures]
    assert [o.content_id for o in outcomes] == [f"many-{n}" for n in range(200)]
    assert all(o.created for o in outcomes)


def test_stop_finishes_what_is_queued_and_then_refuses(process_world: World) -> None:
    intake = process_world.runtime.intake
    futures = [intake.submit([_item(f"q-{n}", f"queued post {n}")]) for n in range(50)]
    intake.stop()
    assert all(future.result(timeout=0)[0].created for future in futures)
    with pytest.raises(ServiceUnavailableError):
        intake.submit([_item("late")]).result(timeout=5)


def test_a_dead_writer_process_is_started_again_for_the_next_request(process_world: World) -> None:
    writer = process_world.runtime.intake.writer
    assert isinstance(writer, ProcessWriter)
    first = writer.pid
    os.kill(first or 0, signal.SIGKILL)
    time.sleep(0.2)
    outcome = process_world.runtime.intake.submit([_item("after-death")]).result(timeout=120)[0]
    assert outcome.created
    assert writer.pid != first


def test_a_writer_that_dies_during_a_request_fails_it_with_503_and_the_retry_decides_once(
    process_world: World,
) -> None:
    writer = process_world.runtime.intake.writer
    assert isinstance(writer, ProcessWriter)
    with writer_held(process_world):
        # The child blocks on the chain lock with this request in hand; then it is killed.
        pending = process_world.runtime.intake.submit([_item("mid-death")])
        time.sleep(0.5)
        os.kill(writer.pid or 0, signal.SIGKILL)
        with pytest.raises(ServiceUnavailableError, match="retry it"):
            pending.result(timeout=60)
    retried = process_world.runtime.intake.submit([_item("mid-death")]).result(timeout=120)[0]
    assert retried.created
    with process_world.runtime.uow() as uow:
        assert list(uow.decisions.existing("chirp", ["mid-death"])) == ["mid-death"]
