"""Driving the console as a browser would, through a TestClient over the world's app.

The client speaks https: session cookies are ``Secure`` by default, and a cookie jar (like
a browser) keeps Secure cookies away from plain http.
"""

from __future__ import annotations

import re

import httpx2 as httpx
from fastapi.testclient import TestClient

from netgov.api.app import create_app
from tests.service_world import PASSWORD, World

BASE_URL = "https://testserver"


def console_client(world: World) -> TestClient:
    return TestClient(create_app(world.runtime), base_url=BASE_URL, follow_redirects=False)


def hidden_value(html: str, name: str) -> str:
    """The value of the hidden input ``name`` in ``html``."""
    found = re.search(rf'<input type="hidden" name="{re.escape(name)}" value="([^"]*)"', html)
    assert found, f"no hidden input {name!r} on the page"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD, *, next_page: str = "") -> httpx.Response:
    """Load the sign-in form and submit it, with the form's CSRF token."""
    form = client.get("/console/sign-in")
    token = hidden_value(form.text, "csrf_token")
    data = {"username": username, "password": password, "csrf_token": token, "next": next_page}
    return client.post("/console/sign-in", data=data)


def signed_in(world: World, username: str) -> TestClient:
    client = console_client(world)
    answer = sign_in(client, username)
    assert answer.status_code == 303, answer.text
    return client


def csrf_token(client: TestClient) -> str:
    """The session's CSRF token, as the layout puts it in every signed-in page."""
    return hidden_value(client.get("/console/").text, "csrf_token")
