"""Reading stored decisions, on SQLite and PostgreSQL: lists within the reader's scope,
single decisions with the reason for a refusal, and post text only with an audited reason."""

from __future__ import annotations

import pytest

from netgov.errors import InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.identity.principal import Principal
from netgov.service.api_keys import authenticate_key
from netgov.service.decisions import get_decision, get_statement, list_decisions, read_content
from netgov.store.repositories.decisions import DecisionFilter
from tests.service.support import CALM, EAST, SCAM, WEST, item, staff, submit
from tests.service_world import World

EVERYTHING = DecisionFilter()


@pytest.fixture(scope="module")
def stored(shared_world: World) -> dict[str, str]:
    """Decision ids by name: two in county east, one in county west, one at city level
    (all chirp), one in the south (marketly)."""
    outcomes = submit(
        shared_world,
        item("east-scam", SCAM),
        item("east-calm", CALM),
        item("west-scam", SCAM, jurisdiction=WEST),
        item("city-calm", CALM, jurisdiction="ex.north.harbour"),
        item("south-scam", SCAM, platform="marketly", jurisdiction="ex.south"),
    )
    return {outcome.content_id: outcome.decision_id for outcome in outcomes}


def _listed(world: World, principal: Principal | None, limit: int = 50) -> set[str]:
    with world.runtime.uow() as uow:
        page = list_decisions(uow, principal, EVERYTHING, after=None, limit=limit)
    assert page.total == len(page.rows)
    return {row.content_id for row in page.rows}


def _read_events(world: World, decision_id: str) -> list[tuple[str, str]]:
    with world.runtime.uow() as uow:
        events = uow.audit.events()
        return [
            (e.actor, e.reason)
            for e in events
            if (e.action, e.object) == ("decision.read_content", f"decision:{decision_id}")
        ]


def test_a_county_officer_lists_only_their_countys_decisions(shared_world: World, stored: dict[str, str]) -> None:
    assert _listed(shared_world, staff(shared_world, "officer_east")) == {"east-scam", "east-calm"}


def test_a_city_reviewer_lists_the_whole_city(shared_world: World, stored: dict[str, str]) -> None:
    listed = _listed(shared_world, staff(shared_world, "reviewer_harbour"))
    assert listed == {"east-scam", "east-calm", "west-scam", "city-calm"}


def test_a_platform_moderator_lists_only_their_platforms_decisions(shared_world: World, stored: dict[str, str]) -> None:
    assert _listed(shared_world, staff(shared_world, "marketly_moderator")) == {"south-scam"}
    assert len(_listed(shared_world, staff(shared_world, "chirp_moderator"))) == 4


def test_the_national_auditor_lists_every_decision(shared_world: World, stored: dict[str, str]) -> None:
    assert _listed(shared_world, staff(shared_world, "auditor")) == set(stored)


def test_nobody_signed_in_lists_nothing(shared_world: World, stored: dict[str, str]) -> None:
    assert _listed(shared_world, None) == set()


def test_a_list_pages_by_cursor_and_counts_every_page_the_same(shared_world: World, stored: dict[str, str]) -> None:
    admin, seen, totals, after = staff(shared_world, "admin"), [], set(), None
    with shared_world.runtime.uow() as uow:
        while True:
            page = list_decisions(uow, admin, EVERYTHING, after=after, limit=2)
            seen += [row.content_id for row in page.rows]
            totals.add(page.total)
            if page.next is None:
                break
            after = page.next
    assert sorted(seen) == sorted(stored)
    assert totals == {5}


@pytest.mark.parametrize("limit", [0, 501])
def test_a_page_size_outside_1_to_500_is_refused(shared_world: World, limit: int) -> None:
    with shared_world.runtime.uow() as uow, pytest.raises(InvalidRequestError, match="between 1 and 500"):
        list_decisions(uow, staff(shared_world, "admin"), EVERYTHING, after=None, limit=limit)


def test_a_decision_outside_ones_scope_is_denied_with_the_reason(shared_world: World, stored: dict[str, str]) -> None:
    with shared_world.runtime.uow() as uow, pytest.raises(PermissionDeniedError) as denied:
        get_decision(uow, staff(shared_world, "officer_east"), stored["west-scam"])
    assert "Officer East" in str(denied.value)
    assert f"jurisdiction {EAST}" in str(denied.value)
    assert f"jurisdiction {WEST}" in str(denied.value)


def test_another_platforms_decision_is_denied(shared_world: World, stored: dict[str, str]) -> None:
    with shared_world.runtime.uow() as uow, pytest.raises(PermissionDeniedError, match="platform chirp"):
        get_decision(uow, staff(shared_world, "chirp_moderator"), stored["south-scam"])


def test_a_decision_within_scope_is_read(shared_world: World, stored: dict[str, str]) -> None:
    with shared_world.runtime.uow() as uow:
        decision = get_decision(uow, staff(shared_world, "officer_east"), stored["east-scam"])
    assert (decision.id, decision.content_id, decision.action.value) == (
        stored["east-scam"],
        "east-scam",
        "hold_for_review",
    )


def test_an_unknown_decision_is_not_found(shared_world: World) -> None:
    with shared_world.runtime.uow() as uow, pytest.raises(NotFoundError):
        get_decision(uow, staff(shared_world, "admin"), "dec_nope")


def test_reading_a_posts_text_needs_a_reason(shared_world: World, stored: dict[str, str]) -> None:
    officer = staff(shared_world, "officer_east")
    with shared_world.runtime.uow(write=True) as uow, pytest.raises(InvalidRequestError, match="needs a reason"):
        read_content(uow, officer, stored["east-calm"], reason="  ", at=shared_world.clock())
    assert _read_events(shared_world, stored["east-calm"]) == []


def test_reading_a_posts_text_is_committed_to_the_audit_log_with_its_reason(
    shared_world: World, stored: dict[str, str]
) -> None:
    officer, reason = staff(shared_world, "officer_east"), "report R-17: checking the reported post"
    with shared_world.runtime.uow(write=True) as uow:
        decision, content = read_content(uow, officer, stored["east-scam"], reason=reason, at=shared_world.clock())
        # Read from another connection while this unit of work is still open: already committed.
        assert _read_events(shared_world, stored["east-scam"]) == [("staff:officer_east", reason)]
    assert (decision.id, content.id, content.text) == (stored["east-scam"], "east-scam", SCAM)


def test_an_auditor_never_reads_a_posts_text(shared_world: World, stored: dict[str, str]) -> None:
    auditor = staff(shared_world, "auditor")
    with (
        shared_world.runtime.uow(write=True) as uow,
        pytest.raises(PermissionDeniedError, match=r"decision\.read_content"),
    ):
        read_content(uow, auditor, stored["south-scam"], reason="curious", at=shared_world.clock())
    assert _read_events(shared_world, stored["south-scam"]) == []


def test_a_posts_text_outside_ones_scope_is_denied_and_not_logged(shared_world: World, stored: dict[str, str]) -> None:
    officer = staff(shared_world, "officer_east")
    with shared_world.runtime.uow(write=True) as uow, pytest.raises(PermissionDeniedError):
        read_content(uow, officer, stored["west-scam"], reason="curious", at=shared_world.clock())
    assert _read_events(shared_world, stored["west-scam"]) == []


def test_a_platform_reads_its_own_posts_text_without_an_audit_event(
    shared_world: World, stored: dict[str, str]
) -> None:
    with shared_world.runtime.uow(write=True) as uow:
        chirp = authenticate_key(uow, shared_world.keys["chirp"]).principal
        _, content = read_content(uow, chirp, stored["city-calm"], reason="", at=shared_world.clock())
    assert content.text == CALM
    assert _read_events(shared_world, stored["city-calm"]) == []


def test_a_restrictive_decision_has_a_statement_of_reasons(shared_world: World, stored: dict[str, str]) -> None:
    with shared_world.runtime.uow() as uow:
        statement = get_statement(uow, staff(shared_world, "chirp_moderator"), stored["east-scam"])
    assert (statement.decision_id, statement.content_id, statement.measure.value) == (
        stored["east-scam"],
        "east-scam",
        "hold_for_review",
    )
    assert statement.legal_grounds
    assert statement.redress


def test_an_allow_decision_has_no_statement_of_reasons(shared_world: World, stored: dict[str, str]) -> None:
    with shared_world.runtime.uow() as uow, pytest.raises(NotFoundError, match="restricted nothing"):
        get_statement(uow, staff(shared_world, "chirp_moderator"), stored["east-calm"])


def test_a_statement_outside_ones_scope_is_denied(shared_world: World, stored: dict[str, str]) -> None:
    with shared_world.runtime.uow() as uow, pytest.raises(PermissionDeniedError):
        get_statement(uow, staff(shared_world, "marketly_moderator"), stored["east-scam"])
