"""Signing in and out of the console: cookies, lockout, server-side sessions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from netgov.identity.secrets import digest_token
from netgov.store.tables import WebSessionRow
from tests.service_world import World, open_world
from tests.web.console_client import console_client, csrf_token, sign_in, signed_in


def _cookie(answer_headers: list[str], name: str) -> str:
    (found,) = [header for header in answer_headers if header.startswith(f"{name}=")]
    return found


def test_pages_need_a_session_and_send_the_browser_to_sign_in(world: World) -> None:
    answer = console_client(world).get("/console/decisions?action=remove")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/sign-in?next=%2Fconsole%2Fdecisions%3Faction%3Dremove"


def test_the_sign_in_page_is_a_labelled_form(world: World) -> None:
    page = console_client(world).get("/console/sign-in")
    assert page.status_code == 200
    assert '<label for="username">Username</label>' in page.text
    assert '<label for="password">Password</label>' in page.text
    assert 'type="password"' in page.text


def test_signing_in_sets_a_session_cookie_for_the_console_only(world: World) -> None:
    answer = sign_in(console_client(world), "officer_east")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/"
    cookie = _cookie(answer.headers.get_list("set-cookie"), "netgov_session")
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert flags == {"httponly", "secure", "samesite=lax", "path=/console", "max-age=28800"}


def test_only_a_digest_of_the_session_token_is_stored(world: World) -> None:
    answer = sign_in(console_client(world), "officer_east")
    token = _cookie(answer.headers.get_list("set-cookie"), "netgov_session").split(";")[0].split("=", 1)[1]
    with world.runtime.uow() as uow:
        stored = uow.session.scalars(select(WebSessionRow.token_digest)).all()
    assert stored == [digest_token(token)]
    assert token not in stored


@pytest.fixture
def plain_http_world(database: str, tmp_path: Path) -> Iterator[World]:
    yield from open_world(database, tmp_path, cookie_secure=False)


def test_the_cookie_is_not_secure_when_settings_say_so(plain_http_world: World) -> None:
    answer = sign_in(console_client(plain_http_world), "officer_east")
    cookie = _cookie(answer.headers.get_list("set-cookie"), "netgov_session")
    assert "secure" not in cookie.lower()


def test_signed_in_pages_show_the_user(world: World) -> None:
    page = signed_in(world, "officer_east").get("/console/")
    assert page.status_code == 200
    assert "Officer East" in page.text


def test_a_wrong_password_gets_the_generic_message(world: World) -> None:
    answer = sign_in(console_client(world), "officer_east", "not the password")
    assert answer.status_code == 401
    assert "The username or password is wrong." in answer.text
    assert "netgov_session" not in answer.headers.get("set-cookie", "")


def test_an_unknown_user_gets_the_same_message(world: World) -> None:
    answer = sign_in(console_client(world), "nobody", "not the password")
    assert answer.status_code == 401
    assert "The username or password is wrong." in answer.text


def test_an_unprintable_username_is_just_wrong(world: World) -> None:
    answer = sign_in(console_client(world), "officer\x00east", "not the password")
    assert answer.status_code == 401
    assert "The username or password is wrong." in answer.text


def test_repeated_failures_lock_the_account_and_say_until_when(world: World) -> None:
    client = console_client(world)
    for _ in range(world.runtime.settings.lockout_attempts):
        sign_in(client, "officer_east", "not the password")
    answer = sign_in(client, "officer_east")
    assert answer.status_code == 429
    assert "Too many failed sign-ins; try again after 09:15 UTC." in answer.text


def test_sign_in_returns_to_the_page_asked_for(world: World) -> None:
    answer = sign_in(console_client(world), "officer_east", next_page="/console/decisions?action=remove")
    assert answer.headers["location"] == "/console/decisions?action=remove"


@pytest.mark.parametrize("elsewhere", ["https://evil.example/console/", "//evil.example/console/"])
def test_sign_in_never_returns_outside_the_console(world: World, elsewhere: str) -> None:
    answer = sign_in(console_client(world), "officer_east", next_page=elsewhere)
    assert answer.headers["location"] == "/console/"


def test_the_sign_in_page_skips_the_form_when_signed_in(world: World) -> None:
    answer = signed_in(world, "officer_east").get("/console/sign-in")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/"


def test_signing_out_ends_the_session_on_the_server(world: World) -> None:
    client = signed_in(world, "officer_east")
    token = client.cookies["netgov_session"]
    answer = client.post("/console/sign-out", data={"csrf_token": csrf_token(client)})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/sign-in"
    assert "netgov_session=" in answer.headers["set-cookie"]
    replayed = console_client(world)
    replayed.cookies.set("netgov_session", token, domain="testserver", path="/console")
    assert replayed.get("/console/decisions").status_code == 303
    with world.runtime.uow() as uow:
        assert uow.identity.session(digest_token(token)) is None


def test_a_session_ends_when_its_lifetime_is_over(world: World) -> None:
    client = signed_in(world, "officer_east")
    world.clock.advance(hours=world.runtime.settings.session_hours, seconds=1)
    answer = client.get("/console/decisions")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/console/sign-in")


def test_an_htmx_request_without_a_session_is_told_to_load_the_sign_in_page(world: World) -> None:
    answer = console_client(world).get("/console/decisions", headers={"HX-Request": "true"})
    assert answer.headers["HX-Redirect"].startswith("/console/sign-in")
