"""Reading notices: each reader its own scope, who reported only when asked with a reason, and
the public status by query code with nothing about anyone else."""

from __future__ import annotations

import pytest

from netgov.errors import NotFoundError, PermissionDeniedError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.notices import Addressee
from netgov.service.notice_answers import forward_notice
from netgov.service.notice_views import get_notice, list_notices, notice_status
from netgov.store.repositories.notices import NoticeFilter
from tests.service.notice_support import case_of, decide, draft, file
from tests.service.support import audit_actions, staff
from tests.service_world import World

PERSONAL = {"reporter_name": "Ana Example", "reporter_email": "ana@example.org"}


def listed(world: World, who: str, where: NoticeFilter | None = None) -> list[str]:
    with world.runtime.uow() as uow:
        page = list_notices(uow, staff(world, who), where or NoticeFilter(), after=None, limit=50)
    return [view.row.id for view in page.views]


def test_regulators_list_the_notices_placed_in_their_subtree(world: World) -> None:
    north = file(world).notice_id  # chirp sits in ex.north.harbour
    south = file(world, draft(platform="marketly"), address="198.51.100.2").notice_id
    assert listed(world, "officer_north") == [north]
    assert sorted(listed(world, "supervisor")) == sorted([north, south])


def test_platforms_list_what_is_addressed_or_forwarded_to_them(world: World) -> None:
    to_regulator = file(world).notice_id
    to_platform = file(world, draft(addressee=Addressee.PLATFORM), address="198.51.100.2").notice_id
    assert listed(world, "chirp_moderator") == [to_platform]
    assert listed(world, "marketly_moderator") == []
    assert to_regulator not in listed(world, "chirp_moderator")


def test_pages_follow_one_another_by_cursor(world: World) -> None:
    filed = []
    for n in range(5):
        filed.append(file(world, address=f"198.51.100.{n}").notice_id)
        world.clock.advance(minutes=1)
    seen: list[str] = []
    after = None
    with world.runtime.uow() as uow:
        while True:
            page = list_notices(uow, staff(world, "supervisor"), NoticeFilter(), after=after, limit=2)
            seen += [view.row.id for view in page.views]
            assert page.total == 5
            if page.next is None:
                break
            after = page.next
    assert seen == list(reversed(filed))


def test_a_notice_shows_how_many_reports_its_case_merges(world: World) -> None:
    first = file(world).notice_id
    file(world, address="198.51.100.2")
    with world.runtime.uow() as uow:
        view = get_notice(uow, staff(world, "officer_north"), first, at=world.clock())
    (item,) = view.items
    assert item.case_id is not None
    assert view.reports == {item.case_id: 2}
    assert view.reporter is None


def test_who_reported_needs_a_reason_and_is_audited(world: World) -> None:
    notice_id = file(world, draft(**PERSONAL)).notice_id
    with world.runtime.uow(write=True) as uow:
        view = get_notice(
            uow, staff(world, "officer_north"), notice_id, reporter_reason="contact the reporter", at=world.clock()
        )
    assert view.reporter is not None
    assert (view.reporter.name, view.reporter.email) == ("Ana Example", "ana@example.org")
    assert audit_actions(world, "notice.read_reporter") == [f"notice:{notice_id}"]


def test_auditors_never_see_who_reported(world: World) -> None:
    notice_id = file(world, draft(**PERSONAL)).notice_id
    with world.runtime.uow(write=True) as uow, pytest.raises(PermissionDeniedError, match="personal data"):
        get_notice(uow, staff(world, "auditor"), notice_id, reporter_reason="curious", at=world.clock())


def test_a_platform_sees_who_wrote_to_it_but_not_who_wrote_to_the_regulator(world: World) -> None:
    to_platform = file(world, draft(addressee=Addressee.PLATFORM, **PERSONAL)).notice_id
    forwarded = file(world, draft(**PERSONAL), address="198.51.100.2").notice_id
    with world.runtime.uow(write=True) as uow:
        forward_notice(
            uow, actor=staff(world, "officer_north"), notice_id=forwarded, reason="for chirp", at=world.clock()
        )
    with world.runtime.uow(write=True) as uow:
        view = get_notice(
            uow, staff(world, "chirp_moderator"), to_platform, reporter_reason="confirm receipt", at=world.clock()
        )
    assert view.reporter is not None
    with world.runtime.uow(write=True) as uow, pytest.raises(PermissionDeniedError, match="wrote to the regulator"):
        get_notice(uow, staff(world, "chirp_moderator"), forwarded, reporter_reason="who?", at=world.clock())


def test_the_public_status_shows_the_outcome_with_its_reasons(world: World) -> None:
    receipt = file(world, draft(**PERSONAL))
    decide(world, case_of(world, receipt).id, CaseOutcome.NO_VIOLATION, reason="lawful satire")
    with world.runtime.uow() as uow:
        status = notice_status(uow, receipt.query_code.lower())
    (item,) = status.items
    assert (status.status, item.outcome, item.reasons, item.appealable) == (
        "decided",
        "no_action",
        "lawful satire",
        True,
    )
    assert "Ana" not in repr(status)
    assert "ana@example.org" not in repr(status)


def test_the_public_status_of_an_open_notice_has_no_outcome(world: World) -> None:
    receipt = file(world)
    with world.runtime.uow() as uow:
        (item,) = notice_status(uow, receipt.query_code).items
    assert (item.status, item.outcome, item.reasons, item.appealable) == ("in_review", None, None, False)


@pytest.mark.parametrize("code", ["0000-0000-0000-0000", "not a code", "", "x" * 500])
def test_unknown_and_malformed_codes_get_the_same_answer(world: World, code: str) -> None:
    file(world)
    with world.runtime.uow() as uow, pytest.raises(NotFoundError) as refused:
        notice_status(uow, code)
    assert str(refused.value) == "no notice has this query code; check it against your receipt"
