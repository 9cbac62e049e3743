"""The content intake on SQLite and PostgreSQL: decided once, stored once, audited once,
answered only after commit, and many requests sharing one commit under load."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy.exc import IntegrityError

from netgov.audit.chain import AuditEvent, verify_chain
from netgov.core.decision import decision_from_json
from netgov.errors import InvalidRequestError, PermissionDeniedError, ServiceUnavailableError
from netgov.identity.secrets import Passwords, parse_key
from netgov.service.intake_batch import Outcome
from netgov.service.runtime import Runtime
from netgov.settings import Settings
from netgov.store.database import is_sqlite
from netgov.store.tables import ContentRow
from tests.service.support import SCAM, Commits, audit_actions, item, submit, writer_held
from tests.service_world import World, bundled_rulebook

# Tests on the shared world use content ids of their own (a prefix per test) and count
# only their own rows and events; the tests that move the clock, touch the API key or stop
# the intake take a world of their own.


def _stored(world: World, prefix: str) -> list[tuple[str, str]]:
    """(platform, content id) of the stored items whose id starts with ``prefix``, in order of storing."""
    with world.runtime.uow() as uow:
        query = uow.session.query(ContentRow).where(ContentRow.content_id.startswith(prefix)).order_by(ContentRow.pk)
        return [(row.platform_id, row.content_id) for row in query]


def _create_events(world: World, *outcomes: Outcome) -> int:
    objects = {f"decision:{outcome.decision_id}" for outcome in outcomes}
    return sum(1 for obj in audit_actions(world, "decision.create") if obj in objects)


def test_a_new_item_is_decided_stored_and_audited_once(shared_world: World) -> None:
    (outcome,) = submit(shared_world, item("new-1", SCAM))
    decision = decision_from_json(outcome.document)
    assert (outcome.content_id, outcome.created, outcome.conflict) == ("new-1", True, None)
    assert decision.id == outcome.decision_id
    assert decision.action.value == "hold_for_review"
    with shared_world.runtime.uow() as uow:
        found = uow.decisions.get(outcome.decision_id)
        report = verify_chain(uow.audit.events())
    assert found is not None
    assert (found[0].jurisdiction, found[1].text) == ("ex.north.harbour.east", SCAM)
    assert _create_events(shared_world, outcome) == 1
    assert report.ok


def test_a_retry_returns_the_stored_decision_and_writes_nothing(world: World) -> None:
    (first,) = submit(world, item("retry-1"))
    # A decision made now would get another id and time: the retry must get the stored one.
    world.clock.advance(minutes=5)
    (retry,) = submit(world, item("retry-1"))
    assert (retry.created, retry.decision_id, retry.document) == (False, first.decision_id, first.document)
    assert _stored(world, "retry-") == [("chirp", "retry-1")]
    assert len(audit_actions(world, "decision.create")) == 1


def test_the_same_id_with_other_content_is_a_conflict_and_writes_nothing(shared_world: World) -> None:
    (first,) = submit(shared_world, item("conflict-1"))
    (again,) = submit(shared_world, item("conflict-1", "an edited text"))
    assert again.conflict is not None
    assert "conflict-1" in again.conflict
    assert (again.created, again.document, again.decision_id) == (False, b"", first.decision_id)
    with shared_world.runtime.uow() as uow:
        found = uow.decisions.get(first.decision_id)
    assert found is not None
    assert found[1].text != "an edited text"
    assert _create_events(shared_world, first) == 1


def test_the_same_content_id_on_two_platforms_is_two_items(shared_world: World) -> None:
    chirp, marketly = submit(shared_world, item("both-1"), item("both-1", platform="marketly", jurisdiction="ex.south"))
    assert chirp.created
    assert marketly.created
    assert chirp.decision_id != marketly.decision_id


def test_a_duplicate_inside_one_batch_is_decided_once(shared_world: World) -> None:
    first, repeat, other = submit(shared_world, item("dup-a"), item("dup-a"), item("dup-b"))
    assert (first.created, repeat.created, other.created) == (True, False, True)
    assert repeat.decision_id == first.decision_id
    assert _stored(shared_world, "dup-") == [("chirp", "dup-a"), ("chirp", "dup-b")]
    assert _create_events(shared_world, first, other) == 2


def test_a_changed_duplicate_inside_one_batch_is_a_conflict(shared_world: World) -> None:
    first, changed = submit(shared_world, item("changed-a"), item("changed-a", "something else"))
    assert first.created
    assert changed.conflict is not None
    assert _stored(shared_world, "changed-") == [("chirp", "changed-a")]


def test_concurrent_submitters_each_get_their_own_outcome_and_share_commits(shared_world: World) -> None:
    count, intake = 24, shared_world.runtime.intake
    outcomes: dict[int, Outcome] = {}
    submitted = threading.Barrier(count + 1)

    def submitter(n: int) -> None:
        future = intake.submit([item(f"many-{n}")])
        submitted.wait()
        outcomes[n] = future.result(timeout=30)[0]

    threads = [threading.Thread(target=submitter, args=(n,)) for n in range(count)]
    with Commits(shared_world.runtime.database) as commits:
        with writer_held(shared_world):
            for thread in threads:
                thread.start()
            submitted.wait()
        for thread in threads:
            thread.join(timeout=30)
    assert {n: o.content_id for n, o in outcomes.items()} == {n: f"many-{n}" for n in range(count)}
    assert all(o.created for o in outcomes.values())
    assert len(_stored(shared_world, "many-")) == _create_events(shared_world, *outcomes.values()) == count
    assert 1 <= commits.count <= 2


def test_a_failing_request_fails_alone_while_the_rest_of_its_group_succeeds(shared_world: World) -> None:
    intake = shared_world.runtime.intake
    with writer_held(shared_world):
        first = intake.submit([item("group-first")])
        good = intake.submit([item("group-good-1"), item("group-good-2")])
        # No such platform: the content row's foreign key refuses it on both backends.
        bad = intake.submit([item("group-bad", platform="nowhere")])
        also_good = intake.submit([item("group-good-3")])
    assert [o.created for future in (first, good, also_good) for o in future.result(timeout=30)] == [True] * 4
    with pytest.raises(IntegrityError):
        bad.result(timeout=30)
    stored = [content_id for _, content_id in _stored(shared_world, "group-")]
    assert stored == ["group-first", "group-good-1", "group-good-2", "group-good-3"]
    assert verify_chain(_events(shared_world)).ok


def _events(world: World) -> list[AuditEvent]:
    with world.runtime.uow() as uow:
        return list(uow.audit.events())


def test_a_content_id_longer_than_its_column_fails_only_its_own_request_on_postgresql(shared_world: World) -> None:
    if is_sqlite(shared_world.runtime.database):
        pytest.skip("SQLite does not enforce VARCHAR lengths")
    intake = shared_world.runtime.intake
    with writer_held(shared_world):
        too_long = intake.submit([item("long-" + "x" * 196)])
        fine = intake.submit([item("long-" + "y" * 195)])
    with pytest.raises(InvalidRequestError, match="cannot be stored"):
        too_long.result(timeout=30)
    assert fine.result(timeout=30)[0].created


def test_two_service_processes_storing_the_same_item_at_once_store_it_once(shared_world: World, tmp_path: Path) -> None:
    passwords = Passwords(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    settings = Settings(database_url=shared_world.runtime.settings.database_url, data_dir=tmp_path)
    with Runtime.open(settings, clock=shared_world.clock, rulebook=bundled_rulebook(), passwords=passwords) as other:
        with writer_held(shared_world):
            mine = shared_world.runtime.intake.submit([item("twice-1")])
            theirs = other.intake.submit([item("twice-1")])
            # Let both writers reach the held lock (or the unique index behind it).
            time.sleep(0.3)
        outcomes = [mine.result(timeout=30)[0], theirs.result(timeout=30)[0]]
    assert sorted(o.created for o in outcomes) == [False, True]
    assert outcomes[0].decision_id == outcomes[1].decision_id
    assert _stored(shared_world, "twice-") == [("chirp", "twice-1")]


def test_a_key_use_is_recorded_by_the_next_commit(world: World) -> None:
    lookup = parse_key(world.keys["chirp"])
    assert lookup is not None
    world.runtime.intake.note_key_use(lookup, world.clock())
    assert _last_used(world, lookup) is None
    submit(world, item("post-1"))
    assert _last_used(world, lookup) == world.clock()


def test_a_key_use_noted_before_a_failed_commit_is_recorded_by_the_next_one(world: World) -> None:
    lookup = parse_key(world.keys["chirp"])
    assert lookup is not None
    world.runtime.intake.note_key_use(lookup, world.clock())
    with pytest.raises(IntegrityError):
        submit(world, item("bad", platform="nowhere"))
    submit(world, item("post-1"))
    assert _last_used(world, lookup) == world.clock()


def test_a_key_use_within_a_second_of_the_recorded_one_is_not_written_again(world: World) -> None:
    lookup = parse_key(world.keys["chirp"])
    assert lookup is not None
    recorded = world.clock()
    world.runtime.intake.note_key_use(lookup, recorded)
    submit(world, item("post-1"))
    world.runtime.intake.note_key_use(lookup, recorded + timedelta(milliseconds=999))
    submit(world, item("post-2"))
    assert _last_used(world, lookup) == recorded


def test_a_key_use_a_second_after_the_recorded_one_is_written(world: World) -> None:
    lookup = parse_key(world.keys["chirp"])
    assert lookup is not None
    world.runtime.intake.note_key_use(lookup, world.clock())
    submit(world, item("post-1"))
    later = world.clock() + timedelta(seconds=1)
    world.runtime.intake.note_key_use(lookup, later)
    submit(world, item("post-2"))
    assert _last_used(world, lookup) == later


def _last_used(world: World, lookup: str) -> object:
    with world.runtime.uow() as uow:
        key = uow.identity.api_key(lookup)
        assert key is not None
        return key.last_used_at


def test_stop_finishes_queued_work_before_returning(world: World) -> None:
    futures = [world.runtime.intake.submit([item(f"post-{n}")]) for n in range(12)]
    world.runtime.intake.stop()
    assert all(future.done() for future in futures)
    assert all(future.result()[0].created for future in futures)
    assert len(_stored(world, "post-")) == 12


def test_a_submission_after_stop_is_refused_at_once(world: World) -> None:
    world.runtime.intake.stop()
    future = world.runtime.intake.submit([item("late")])
    assert future.done()
    with pytest.raises(ServiceUnavailableError, match="stopping"):
        future.result()


def test_a_submission_racing_stop_is_either_stored_or_refused_never_left_waiting(world: World) -> None:
    intake = world.runtime.intake
    futures: list[Future[list[Outcome]]] = []
    with writer_held(world):
        futures.append(intake.submit([item("before")]))
        stopper = threading.Thread(target=intake.stop)
        stopper.start()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not (futures[-1].done() and futures[-1].exception()):
            futures.append(intake.submit([item(f"during-{len(futures)}")]))
            time.sleep(0.001)
    stopper.join(timeout=30)
    assert futures[-1].done(), "no submission was refused once stop() had begun"
    refused = [f for f in futures if f.exception(timeout=5) is not None]
    assert all(isinstance(f.exception(), ServiceUnavailableError) for f in refused)
    stored = [f.result()[0].content_id for f in futures if f not in refused]
    assert [content_id for _, content_id in _stored(world, "")] == stored


def test_an_edge_acting_for_a_platform_may_submit_only_that_platform_s_content(world: World) -> None:
    from netgov.identity import Grant, Principal, Role

    chirp = Principal(
        kind="platform", id="chirp", name="Chirp", grants=(Grant(role=Role.PLATFORM_CLIENT, platform="chirp"),)
    )
    assert world.runtime.intake.submit([item("own")], principal=chirp).result(timeout=30)[0].created
    with pytest.raises(PermissionDeniedError, match="platform chirp"):
        world.runtime.intake.submit([item("theirs", platform="marketly")], principal=chirp)
