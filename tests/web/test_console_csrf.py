"""Every form and state-changing HTMX request carries a CSRF token the console checks."""

from __future__ import annotations

import pytest

from netgov.web.csrf import same_token
from tests.service_world import World
from tests.web.console_client import console_client, csrf_token, hidden_value, signed_in


def _audit_actions(world: World) -> list[str]:
    with world.runtime.uow() as uow:
        return [event.action for event in uow.audit.events()]


def test_sign_in_without_the_double_submit_cookie_is_refused(world: World) -> None:
    client = console_client(world)
    token = hidden_value(client.get("/console/sign-in").text, "csrf_token")
    client.cookies.clear()
    answer = client.post("/console/sign-in", data={"username": "admin", "password": "x", "csrf_token": token})
    assert answer.status_code == 403
    assert "CSRF token is missing" in answer.text


def test_sign_in_with_a_token_other_than_the_cookie_is_refused(world: World) -> None:
    client = console_client(world)
    client.get("/console/sign-in")
    answer = client.post("/console/sign-in", data={"username": "admin", "password": "x", "csrf_token": "forged"})
    assert answer.status_code == 403
    assert "does not match its cookie" in answer.text


def test_a_refused_sign_in_form_counts_no_failed_attempt(world: World) -> None:
    client = console_client(world)
    client.get("/console/sign-in")
    client.post("/console/sign-in", data={"username": "admin", "password": "x", "csrf_token": "forged"})
    assert "staff.sign_in_failed" not in _audit_actions(world)


def test_sign_out_without_a_token_is_refused_and_the_session_lives_on(world: World) -> None:
    client = signed_in(world, "admin")
    answer = client.post("/console/sign-out")
    assert answer.status_code == 403
    assert "The request carries no CSRF token." in answer.text
    assert client.get("/console/").status_code == 200


def test_sign_out_with_a_wrong_token_is_refused(world: World) -> None:
    client = signed_in(world, "admin")
    answer = client.post("/console/sign-out", data={"csrf_token": "0" * 64})
    assert answer.status_code == 403
    assert "does not match your session" in answer.text


def test_the_token_may_come_in_the_htmx_header(world: World) -> None:
    client = signed_in(world, "admin")
    answer = client.post("/console/sign-out", headers={"X-CSRF-Token": csrf_token(client)})
    assert answer.status_code == 303


def test_the_layout_gives_htmx_the_token_as_a_header(world: World) -> None:
    client = signed_in(world, "admin")
    token = csrf_token(client)
    assert f'hx-headers=\'{{"X-CSRF-Token": "{token}"}}\'' in client.get("/console/").text


def test_another_session_s_token_does_not_do(world: World) -> None:
    mine, theirs = signed_in(world, "admin"), signed_in(world, "auditor")
    answer = mine.post("/console/sign-out", data={"csrf_token": csrf_token(theirs)})
    assert answer.status_code == 403


@pytest.mark.parametrize(
    ("expected", "given", "same"),
    [("abc", "abc", True), ("abc", "abd", False), ("abc", "", False), ("", "", False), ("abc", "ábc", False)],
)
def test_tokens_are_compared_whole_and_never_empty(expected: str, given: str, same: bool) -> None:
    assert same_token(expected, given) is same
