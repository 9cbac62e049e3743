"""Signing in to the console, on SQLite and PostgreSQL: sessions, generic refusals,
lockout after repeated failures, expiry and sign-out, all in the audit log.

Tests on the shared world each use an account no other test of this module touches and
never move its clock; the ones that move time take a world of their own."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest

from netgov.errors import LockedOutError, NotAuthenticatedError
from netgov.service.sign_in import SignedIn, active_session, sign_in, sign_out
from tests.service.support import audit_actions, writer_held
from tests.service_world import PASSWORD, World

REFUSED = "the username or password is wrong"


def _sign_in(world: World, username: str, password: str = PASSWORD) -> SignedIn:
    runtime = world.runtime
    with runtime.uow(write=True) as uow:
        return sign_in(
            uow,
            username=username,
            password=password,
            passwords=runtime.passwords,
            policy=runtime.lockout,
            lifetime=runtime.session_lifetime,
            at=world.clock(),
        )


def _refused(world: World, username: str, password: str) -> str:
    with pytest.raises(NotAuthenticatedError) as refused:
        _sign_in(world, username, password)
    return str(refused.value)


def _session_of(world: World, token: str) -> object:
    with world.runtime.uow() as uow:
        return active_session(uow, token, at=world.clock())


def _events_about(world: World, action: str, username: str) -> int:
    return audit_actions(world, action).count(f"staff:{username}")


def test_the_right_password_opens_a_session_with_a_csrf_token(shared_world: World) -> None:
    signed_in = _sign_in(shared_world, "chirp_admin")
    assert signed_in.principal.actor == "staff:chirp_admin"
    assert signed_in.expires_at == shared_world.clock() + timedelta(hours=8)
    assert len(signed_in.csrf_token) >= 32
    with shared_world.runtime.uow() as uow:
        session = active_session(uow, signed_in.token, at=shared_world.clock())
    assert session is not None
    assert (session.principal, session.csrf_token) == (signed_in.principal, signed_in.csrf_token)
    assert _events_about(shared_world, "staff.sign_in", "chirp_admin") == 1


def test_the_session_token_is_not_stored(shared_world: World) -> None:
    signed_in = _sign_in(shared_world, "marketly_moderator")
    with shared_world.runtime.uow() as uow:
        assert uow.identity.session(signed_in.token) is None


def test_a_wrong_password_and_an_unknown_user_get_the_same_generic_refusal(shared_world: World) -> None:
    assert _refused(shared_world, "supervisor", "not the password") == REFUSED
    assert _refused(shared_world, "nobody_at_all", PASSWORD) == REFUSED


def test_repeated_failures_lock_the_account_even_against_the_right_password(shared_world: World) -> None:
    for _ in range(shared_world.runtime.settings.lockout_attempts):
        _refused(shared_world, "officer_north", "not the password")
    with pytest.raises(LockedOutError, match="try again after 09:15 UTC"):
        _sign_in(shared_world, "officer_north")


def test_simultaneous_failures_are_all_counted(shared_world: World) -> None:
    attempts = shared_world.runtime.settings.lockout_attempts
    started = threading.Barrier(attempts + 1)

    def attempt() -> None:
        started.wait()
        _refused(shared_world, "officer_west", "not the password")

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    # Every attempt reads the account while the first one's write is held back: a count
    # read without a row lock would be stale in all of them.
    with writer_held(shared_world):
        for thread in threads:
            thread.start()
        started.wait()
        time.sleep(0.3)
    for thread in threads:
        thread.join(timeout=30)
    with pytest.raises(LockedOutError):
        _sign_in(shared_world, "officer_west")


def test_a_lock_ends_after_its_duration(world: World) -> None:
    for _ in range(world.runtime.settings.lockout_attempts):
        _refused(world, "officer_east", "not the password")
    world.clock.advance(minutes=14, seconds=59)
    with pytest.raises(LockedOutError):
        _sign_in(world, "officer_east")
    world.clock.advance(seconds=1)
    assert _sign_in(world, "officer_east").principal.id == "officer_east"


def test_a_success_clears_the_failure_count(shared_world: World) -> None:
    attempts = shared_world.runtime.settings.lockout_attempts
    for _ in range(attempts - 1):
        _refused(shared_world, "reviewer_harbour", "not the password")
    _sign_in(shared_world, "reviewer_harbour")
    for _ in range(attempts - 1):
        _refused(shared_world, "reviewer_harbour", "not the password")
    assert _sign_in(shared_world, "reviewer_harbour").principal.id == "reviewer_harbour"


def test_failures_and_the_lockout_are_in_the_audit_log(shared_world: World) -> None:
    attempts = shared_world.runtime.settings.lockout_attempts
    for _ in range(attempts):
        _refused(shared_world, "chirp_moderator", "not the password")
    assert _events_about(shared_world, "staff.sign_in_failed", "chirp_moderator") == attempts - 1
    assert _events_about(shared_world, "staff.locked_out", "chirp_moderator") == 1


def test_a_session_expires_after_its_lifetime(world: World) -> None:
    signed_in = _sign_in(world, "auditor")
    world.clock.advance(hours=7, minutes=59)
    assert _session_of(world, signed_in.token) is not None
    world.clock.advance(minutes=1)
    assert _session_of(world, signed_in.token) is None


def test_signing_out_ends_the_session(shared_world: World) -> None:
    signed_in = _sign_in(shared_world, "admin")
    with shared_world.runtime.uow(write=True) as uow:
        sign_out(uow, signed_in.token, principal=signed_in.principal, at=shared_world.clock())
    assert _session_of(shared_world, signed_in.token) is None
    assert _events_about(shared_world, "staff.sign_out", "admin") == 1


def test_an_unknown_session_token_is_no_session(shared_world: World) -> None:
    assert _session_of(shared_world, "made-up-token") is None


def _disable(world: World, username: str) -> None:
    with world.runtime.uow(write=True) as uow:
        staff = uow.identity.staff_by_username(username)
        assert staff is not None
        staff.disabled = True
        uow.commit()


def test_disabled_staff_cannot_sign_in(shared_world: World) -> None:
    _disable(shared_world, "auditor")
    assert _refused(shared_world, "auditor", PASSWORD) == REFUSED


def test_a_disabled_account_loses_its_open_sessions(shared_world: World) -> None:
    signed_in = _sign_in(shared_world, "officer_east")
    _disable(shared_world, "officer_east")
    assert _session_of(shared_world, signed_in.token) is None


def test_signing_in_clears_sessions_that_ran_out(world: World) -> None:
    from sqlalchemy import func, select

    from netgov.store.tables import WebSessionRow

    _sign_in(world, "officer_east")
    world.clock.advance(hours=world.runtime.settings.session_hours + 1)
    _sign_in(world, "officer_west")
    with world.runtime.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(WebSessionRow)) == 1
