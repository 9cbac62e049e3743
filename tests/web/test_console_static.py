"""Static files come from the package; every console answer carries the security headers."""

from __future__ import annotations

from importlib.resources import files

from tests.service_world import World
from tests.web.console_client import console_client


def test_htmx_is_served_from_the_package(world: World) -> None:
    answer = console_client(world).get("/console/static/htmx.min.js")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/javascript")
    assert answer.content == (files("netgov.web") / "static" / "htmx.min.js").read_bytes()


def test_the_stylesheet_is_served(world: World) -> None:
    answer = console_client(world).get("/console/static/console.css")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/css")


def test_the_vendored_htmx_is_version_2_with_its_licence_noted() -> None:
    static = files("netgov.web") / "static"
    assert (static / "htmx.min.js").read_text(encoding="utf-8").count('version:"2.0.11"') == 1
    assert "Zero-Clause BSD" in (static / "htmx.min.js.about.txt").read_text(encoding="utf-8")


def test_pages_allow_scripts_and_styles_from_the_console_only(world: World) -> None:
    answer = console_client(world).get("/console/sign-in")
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_pages_load_nothing_from_elsewhere(world: World) -> None:
    page = console_client(world).get("/console/sign-in").text
    assert "http://" not in page
    assert "https://" not in page


def test_console_pages_stay_out_of_the_api_description(world: World) -> None:
    paths = console_client(world).get("/openapi.json").json()["paths"]
    assert not [path for path in paths if path.startswith("/console")]
