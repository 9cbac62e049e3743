"""Out-of-court disputes: kept by the platform's staff and regulators' supervisors, due in 90
or 180 days, overdue when open past it, and a finding for the recipient reverts the decision."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from netgov.errors import ConflictError, InvalidRequestError, PermissionDeniedError
from netgov.governance.disputes import DisputeOutcome
from netgov.identity.principal import Principal
from netgov.service.disputes import DisputeRequest, list_disputes, record_dispute, record_outcome
from netgov.store.tables import DisputeRow, PlatformEffectRow
from tests.service import cases_country
from tests.service.appeal_support import statement, stored_statement, strikes
from tests.service.cases_country import Country
from tests.service.support import staff

country = cases_country.country
RULE = "rule:scam.fraud-solicitation"


def _record(country: Country, actor: Principal, **fields: object) -> DisputeRow:
    request = DisputeRequest(platform_id="chirp", body="Online Disputes Board", **fields)  # type: ignore[arg-type]
    with country.world.runtime.uow(write=True) as uow:
        row = record_dispute(uow, actor=actor, request=request, at=country.at)
        uow.commit()
    return row


def _outcome(country: Country, actor: Principal, dispute_id: str, outcome: DisputeOutcome) -> DisputeRow:
    with country.world.runtime.uow(write=True) as uow:
        row = record_outcome(
            uow, actor=actor, dispute_id=dispute_id, outcome=outcome, details="found so", at=country.at
        )
        uow.commit()
    return row


def _moderator(country: Country, platform: str = "chirp") -> Principal:
    return staff(country.world, f"{platform}_moderator")


def test_a_dispute_is_due_in_90_days_and_a_complex_one_in_180(country: Country) -> None:
    plain = _record(country, _moderator(country))
    complex_one = _record(country, _moderator(country), complex=True)
    assert plain.deadline_at - plain.filed_at == timedelta(days=90)
    assert complex_one.deadline_at - complex_one.filed_at == timedelta(days=180)


def test_a_dispute_is_overdue_while_open_past_its_deadline(country: Country) -> None:
    row = _record(country, _moderator(country), body_reference=f"{country.code}-ref")
    later = country.at + timedelta(days=91)
    with country.world.runtime.uow() as uow:
        (view,) = [
            v
            for v in list_disputes(uow, actor=_moderator(country), platform="chirp", limit=200, offset=0, at=later)
            if v.id == row.id
        ]
    assert view.overdue
    country.at = later
    _outcome(country, _moderator(country), row.id, DisputeOutcome.SETTLED)
    with country.world.runtime.uow() as uow:
        (view,) = [
            v
            for v in list_disputes(uow, actor=_moderator(country), platform="chirp", limit=200, offset=0, at=later)
            if v.id == row.id
        ]
    assert not view.overdue


def test_a_finding_for_the_recipient_reverts_as_an_overturn_does(country: Country) -> None:
    disputed = statement(country, decided_by=RULE)
    row = _record(country, _moderator(country), statement_id=disputed.id)
    _outcome(country, _moderator(country), row.id, DisputeOutcome.IN_FAVOUR_OF_RECIPIENT)
    assert stored_statement(country.world, disputed.id).status == "reverted"
    assert all(strike.lifted_at is not None for strike in strikes(country.world, disputed.id))
    with country.world.runtime.uow() as uow:
        kinds = list(
            uow.session.scalars(select(PlatformEffectRow.kind).where(PlatformEffectRow.statement_id == disputed.id))
        )
    assert kinds == ["restore_content"]


def test_a_finding_for_the_platform_reverts_nothing(country: Country) -> None:
    disputed = statement(country, decided_by=RULE)
    row = _record(country, _moderator(country), statement_id=disputed.id)
    _outcome(country, _moderator(country), row.id, DisputeOutcome.IN_FAVOUR_OF_PLATFORM)
    assert stored_statement(country.world, disputed.id).status == "active"


def test_an_outcome_is_recorded_once(country: Country) -> None:
    row = _record(country, _moderator(country))
    _outcome(country, _moderator(country), row.id, DisputeOutcome.WITHDRAWN)
    with pytest.raises(ConflictError, match="already has its outcome"):
        _outcome(country, _moderator(country), row.id, DisputeOutcome.SETTLED)


def test_another_platform_and_officers_cannot_keep_the_platforms_disputes(country: Country) -> None:
    with pytest.raises(PermissionDeniedError, match="platform chirp"):
        _record(country, _moderator(country, "marketly"))
    with pytest.raises(PermissionDeniedError, match=r"dispute\.manage"):
        _record(country, staff(country.world, "officer_north"))


def test_a_regulators_supervisor_keeps_disputes_of_platforms_seated_in_their_jurisdiction(country: Country) -> None:
    row = _record(country, staff(country.world, "supervisor"))
    with country.world.runtime.uow() as uow:
        seen = list_disputes(
            uow, actor=staff(country.world, "supervisor"), platform=None, limit=200, offset=0, at=country.at
        )
        theirs = list_disputes(
            uow, actor=_moderator(country, "marketly"), platform=None, limit=200, offset=0, at=country.at
        )
    assert row.id in {view.id for view in seen}
    assert row.id not in {view.id for view in theirs}


def test_a_dispute_about_another_platforms_statement_is_refused(country: Country) -> None:
    disputed = statement(country, decided_by=RULE)
    with pytest.raises(InvalidRequestError, match="statement_id"), country.world.runtime.uow(write=True) as uow:
        record_dispute(
            uow,
            actor=_moderator(country, "marketly"),
            request=DisputeRequest(platform_id="marketly", body="Board", statement_id=disputed.id),
            at=country.at,
        )
