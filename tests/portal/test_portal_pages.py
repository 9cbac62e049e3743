from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_front_page_needs_no_account(portal: TestClient) -> None:
    page = portal.get("/portal/")
    assert page.status_code == 200
    assert "You need no account" in page.text
    assert page.headers["cache-control"] == "no-store"


def test_an_unknown_page_answers_404_as_a_page(portal: TestClient) -> None:
    page = portal.get("/portal/nowhere")
    assert page.status_code == 404
    assert "the portal has no page at /portal/nowhere" in page.text.lower()


def test_portal_pages_forbid_framing_and_foreign_scripts(portal: TestClient) -> None:
    headers = portal.get("/portal/").headers
    assert headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in headers["content-security-policy"]
