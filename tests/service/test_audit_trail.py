"""The audit trail written by the workflows, on SQLite and PostgreSQL: events commit or
roll back with their change, and concurrent writers keep one unbroken chain."""

from __future__ import annotations

import threading

from netgov.audit.chain import verify_chain
from netgov.service.audit_trail import Entry, record
from netgov.service.sign_in import sign_in
from tests.service.support import audit_actions, item
from tests.service_world import PASSWORD, STAFF, World


def _entry(n: int) -> Entry:
    return Entry(actor="system:netgov", action="test.event", object=f"thing:{n}", reason="a test", details={"n": n})


def test_entries_recorded_together_follow_each_other_in_the_chain(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        before = uow.audit.head()
        head = record(uow, [_entry(1), _entry(2), _entry(3)], at=world.clock())
        uow.commit()
    assert head.seq == before.seq + 3
    with world.runtime.uow() as uow:
        events = list(uow.audit.events(start=before.seq + 1))
    assert [(e.seq, e.object, e.details) for e in events] == [
        (before.seq + n, f"thing:{n}", {"n": n}) for n in (1, 2, 3)
    ]
    assert events[0].prev_hash == before.hash


def test_entries_of_an_uncommitted_change_are_not_kept(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        record(uow, [_entry(1)], at=world.clock())
    assert audit_actions(world, "test.event") == []


def test_concurrent_writers_keep_one_unbroken_chain(world: World) -> None:
    runtime, usernames = world.runtime, list(STAFF)
    start = threading.Barrier(len(usernames))

    def sign_in_and_submit(username: str) -> None:
        start.wait()
        with runtime.uow(write=True) as uow:
            sign_in(
                uow,
                username=username,
                password=PASSWORD,
                passwords=runtime.passwords,
                policy=runtime.lockout,
                lifetime=runtime.session_lifetime,
                at=world.clock(),
            )
        runtime.intake.submit([item(f"by-{username}")]).result(timeout=30)

    threads = [threading.Thread(target=sign_in_and_submit, args=(name,)) for name in usernames]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with runtime.uow() as uow:
        report = verify_chain(uow.audit.events())
    assert report.ok, report.problem
    assert len(audit_actions(world, "staff.sign_in")) == len(audit_actions(world, "decision.create")) == len(usernames)
