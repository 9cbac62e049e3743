"""The layout: who is signed in, with which roles, and the menu their roles allow."""

from __future__ import annotations

from tests.service_world import World
from tests.web.console_client import signed_in


def test_the_layout_names_the_user_and_their_roles_with_scopes(world: World) -> None:
    page = signed_in(world, "officer_east").get("/console/").text
    assert '<p class="name">Officer East</p>' in page
    assert "<li>regulator officer for jurisdiction ex.north.harbour.east</li>" in page


def test_a_platform_role_is_shown_with_its_platform(world: World) -> None:
    page = signed_in(world, "chirp_moderator").get("/console/").text
    assert "<li>platform moderator for platform chirp</li>" in page


def test_supervisors_get_the_audit_log_link(world: World) -> None:
    page = signed_in(world, "supervisor").get("/console/").text
    assert '<a href="/console/audit">Audit log</a>' in page


def test_officers_get_no_audit_log_link(world: World) -> None:
    page = signed_in(world, "officer_east").get("/console/").text
    assert "/console/audit" not in page
    assert '<a href="/console/decisions">Decisions</a>' in page


def test_the_current_page_is_marked_in_the_menu(world: World) -> None:
    page = signed_in(world, "officer_east").get("/console/decisions").text
    assert '<a href="/console/decisions" aria-current="page">Decisions</a>' in page
