"""Trusted flaggers: an office awards the status; the flagger's notices in its expertise go
first; an expired or revoked key is refused with the reason; accuracy is tracked."""

from __future__ import annotations

import pytest

from netgov.core.taxonomy import Category
from netgov.errors import ConflictError, NotAuthenticatedError, PermissionDeniedError
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.flaggers import FlaggerGrant
from netgov.governance.notices import NoticeItem
from netgov.service.flaggers import grant_flagger, list_flaggers, revoke_flagger
from netgov.service.permissions import SYSTEM
from tests.service.notice_support import case_of, decide, draft, file, grant, notice_row, timeline
from tests.service.support import audit_actions, staff
from tests.service_world import World


def test_a_supervisor_grants_the_status_and_gets_a_key_once(world: World) -> None:
    granted = grant(world)
    assert granted.key.startswith("ngf_")
    assert granted.flagger.row.key_hash != granted.key
    assert (granted.flagger.row.office_id, granted.flagger.status) == ("office-ex", "active")
    assert audit_actions(world, "flagger.grant") == [f"flagger:{granted.flagger.row.id}"]


def test_an_officer_without_flagger_manage_may_not_grant(world: World) -> None:
    request = FlaggerGrant(name="X", expertise=(Category.VIOLENCE,), expires_at=world.clock().replace(year=2027))
    with world.runtime.uow(write=True) as uow, pytest.raises(PermissionDeniedError, match=r"flagger\.manage"):
        grant_flagger(uow, actor=staff(world, "officer_north"), grant=request, office="office-north", at=world.clock())


def test_a_flaggers_notice_in_its_expertise_goes_first(world: World) -> None:
    key = grant(world).key
    public = case_of(world, file(world, draft(NoticeItem(content_id="other"))))
    trusted = case_of(world, file(world, key=key))
    assert trusted.trusted_flagger
    assert trusted.priority > public.priority
    assert file(world, key=key).trusted_flagger


def test_a_flagger_joining_a_public_report_raises_the_cases_priority(world: World) -> None:
    before = case_of(world, file(world))
    after = case_of(world, file(world, key=grant(world).key))
    assert after.id == before.id
    assert (after.trusted_flagger, after.priority) == (True, before.priority + 100)
    assert [e.kind for e in timeline(world, after.id)].count("prioritised") == 1


def test_outside_its_expertise_a_flagger_is_not_prioritised(world: World) -> None:
    key = grant(world, expertise=(Category.VIOLENCE,)).key
    receipt = file(world, key=key)
    assert not receipt.trusted_flagger
    assert not case_of(world, receipt).trusted_flagger
    assert notice_row(world, receipt.notice_id).flagger_id is not None


def test_an_expired_key_is_refused_with_the_reason(world: World) -> None:
    key = grant(world, days=1).key
    world.clock.advance(days=2)
    with pytest.raises(PermissionDeniedError, match="status of Scam Watch expired on"):
        file(world, key=key)


def test_a_revoked_key_is_refused_with_the_reason(world: World) -> None:
    granted = grant(world)
    with world.runtime.uow(write=True) as uow:
        revoke_flagger(
            uow, actor=staff(world, "supervisor"), flagger_id=granted.flagger.row.id, reason="misuse", at=world.clock()
        )
    with pytest.raises(PermissionDeniedError, match=r"was revoked on .*: misuse"):
        file(world, key=granted.key)


def test_a_status_is_revoked_once(world: World) -> None:
    flagger_id = grant(world).flagger.row.id
    with world.runtime.uow(write=True) as uow:
        revoke_flagger(uow, actor=SYSTEM, flagger_id=flagger_id, reason="misuse", at=world.clock())
    with world.runtime.uow(write=True) as uow, pytest.raises(ConflictError, match="already revoked"):
        revoke_flagger(uow, actor=SYSTEM, flagger_id=flagger_id, reason="again", at=world.clock())


def test_a_key_that_is_no_flaggers_is_not_authenticated(world: World) -> None:
    with pytest.raises(NotAuthenticatedError, match="not a trusted flagger's submission key"):
        file(world, key="ngf_nothing")


def test_accuracy_counts_upheld_notices_over_decided_ones(world: World) -> None:
    granted = grant(world)
    upheld = file(world, draft(NoticeItem(content_id="a")), key=granted.key)
    rejected = file(world, draft(NoticeItem(content_id="b")), key=granted.key)
    file(world, draft(NoticeItem(content_id="c")), key=granted.key)
    decide(world, case_of(world, upheld).id, CaseOutcome.VIOLATION)
    decide(world, case_of(world, rejected).id, CaseOutcome.NO_VIOLATION)
    with world.runtime.uow() as uow:
        (view,) = list_flaggers(uow, actor=staff(world, "auditor"), at=world.clock())
    assert (view.accuracy.notices, view.accuracy.decided, view.accuracy.upheld) == (3, 2, 1)
    assert view.accuracy.share == 0.5


def test_the_contact_is_shown_only_to_those_who_manage_the_flagger(world: World) -> None:
    request = FlaggerGrant(
        name="Watch",
        expertise=(Category.SCAMS_AND_FRAUD,),
        expires_at=world.clock().replace(year=2027),
        contact="a@b.org",
    )
    with world.runtime.uow(write=True) as uow:
        grant_flagger(uow, actor=staff(world, "supervisor"), grant=request, office=None, at=world.clock())
    with world.runtime.uow() as uow:
        (managed,) = list_flaggers(uow, actor=staff(world, "supervisor"), at=world.clock())
        (read,) = list_flaggers(uow, actor=staff(world, "chirp_moderator"), at=world.clock())
    assert (managed.contact, read.contact) == ("a@b.org", None)
