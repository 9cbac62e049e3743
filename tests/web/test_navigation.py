"""The console's menu follows the principal's permissions (a pure function, no database)."""

from __future__ import annotations

import pytest

from netgov.identity.principal import Grant, Principal
from netgov.identity.roles import Role
from netgov.web.navigation import menu
from tests.service_world import STAFF


def _principal(username: str) -> Principal:
    return Principal(kind="staff", id=username, name=username, grants=STAFF[username])


def _labels(username: str) -> list[str]:
    return [item.label for item in menu(_principal(username))]


@pytest.mark.parametrize("username", ["admin", "auditor", "supervisor"])
def test_those_who_may_read_the_audit_log_see_it_in_the_menu(username: str) -> None:
    assert _labels(username) == [
        "Overview",
        "Decisions",
        "Coverage",
        "Cases",
        "Orders",
        "Notices",
        "Trusted flaggers",
        "Appeals",
        "Audit log",
    ]


@pytest.mark.parametrize("username", ["officer_north", "officer_east"])
def test_regulator_officers_see_the_coverage_of_their_subtree(username: str) -> None:
    assert _labels(username) == [
        "Overview",
        "Decisions",
        "Coverage",
        "Cases",
        "Orders",
        "Notices",
        "Trusted flaggers",
        "Appeals",
    ]


def test_reviewers_see_the_cases_they_may_work_and_their_appeals() -> None:
    assert _labels("reviewer_harbour") == ["Overview", "Decisions", "Cases", "Appeals"]


@pytest.mark.parametrize("username", ["chirp_admin", "chirp_moderator"])
def test_platform_staff_see_overview_decisions_their_orders_and_notices(username: str) -> None:
    assert _labels(username) == ["Overview", "Decisions", "Orders", "Notices", "Trusted flaggers"]


def test_the_cases_entry_links_to_its_page() -> None:
    (cases,) = [item for item in menu(_principal("reviewer_harbour")) if item.label == "Cases"]
    assert cases.path == "/cases"


def test_the_orders_entry_links_to_its_page() -> None:
    (orders,) = [item for item in menu(_principal("chirp_moderator")) if item.label == "Orders"]
    assert orders.path == "/orders"


def test_the_coverage_entry_links_to_its_page() -> None:
    (coverage,) = [item for item in menu(_principal("officer_north")) if item.label == "Coverage"]
    assert coverage.path == "/coverage"


@pytest.mark.parametrize(
    ("label", "path"), [("Notices", "/notices"), ("Trusted flaggers", "/flaggers"), ("Appeals", "/appeals")]
)
def test_the_redress_entries_link_to_their_pages(label: str, path: str) -> None:
    (entry,) = [item for item in menu(_principal("officer_north")) if item.label == label]
    assert entry.path == path


def test_the_audit_log_entry_links_to_its_page() -> None:
    (audit,) = [item for item in menu(_principal("auditor")) if item.label == "Audit log"]
    assert audit.path == "/audit"


def test_a_provincial_supervisor_gets_no_audit_log_entry_since_the_log_is_read_whole() -> None:
    provincial = Principal(
        kind="staff", id="x", name="X", grants=(Grant(role=Role.SUPERVISOR, jurisdiction="ex.north"),)
    )
    labels = [item.label for item in menu(provincial)]
    assert labels == ["Overview", "Decisions", "Coverage", "Cases", "Orders", "Notices", "Trusted flaggers", "Appeals"]


def test_a_principal_without_grants_sees_only_the_overview() -> None:
    assert [item.label for item in menu(Principal(kind="staff", id="x", name="X"))] == ["Overview"]


def test_a_platform_role_without_a_platform_gives_no_decisions_entry() -> None:
    loose = Principal(kind="staff", id="x", name="X", grants=(Grant(role=Role.PLATFORM_MODERATOR),))
    assert [item.label for item in menu(loose)] == ["Overview"]


def test_no_one_signed_in_gets_no_menu() -> None:
    assert menu(None) == ()
