"""Referrals to other agencies: sent, then acknowledged, in progress, concluded or declined,
each step audited and on the case's timeline."""

from __future__ import annotations

import pytest

from netgov.errors import IllegalTransitionError, InvalidRequestError, NotFoundError, PermissionDeniedError
from netgov.service.cases import refer, update_referral
from netgov.store.tables import ReferralRow
from tests.service import cases_country
from tests.service.cases_country import WEST, Country

country = cases_country.country


def _refer(country: Country, case_id: str, *, by: str = "officer_east", agency: str = "police") -> ReferralRow:
    row: ReferralRow = country.run(refer, by, case_id=case_id, agency=agency, reason="fraud ring")
    return row


def _update(country: Country, referral_id: str, status: str, reference: str | None = None) -> ReferralRow:
    row: ReferralRow = country.run(
        update_referral,
        "officer_east",
        referral_id=referral_id,
        status=status,
        reference=reference,
        reason=f"agency says {status}",
    )
    return row


def test_a_referral_goes_from_sent_to_concluded_with_the_agency_reference(country: Country) -> None:
    case = country.open()
    referral = _refer(country, case.id)
    assert (referral.status, referral.agency) == ("sent", "police")
    _update(country, referral.id, "acknowledged", "POL-2026-17")
    _update(country, referral.id, "in_progress")
    done = _update(country, referral.id, "concluded")
    assert (done.status, done.reference) == ("concluded", "POL-2026-17")
    kinds = [e.kind for e in country.timeline(case.id)]
    assert (kinds.count("referred"), kinds.count("referral_updated")) == (1, 3)
    assert country.audited(case.id).count("referral.update") == 3


def test_an_illegal_referral_step_is_refused_naming_the_allowed_ones(country: Country) -> None:
    referral = _refer(country, country.open().id)
    with pytest.raises(IllegalTransitionError, match="Allowed from sent: acknowledged, declined"):
        _update(country, referral.id, "concluded")
    _update(country, referral.id, "declined")
    with pytest.raises(IllegalTransitionError, match="final"):
        _update(country, referral.id, "acknowledged")


def test_an_unknown_status_or_empty_agency_is_refused(country: Country) -> None:
    case = country.open()
    with pytest.raises(InvalidRequestError, match="data_protection_authority"):
        _refer(country, case.id, agency="  ")
    referral = _refer(country, case.id, agency="Harbour Consumer Bureau")
    with pytest.raises(InvalidRequestError, match="status: 'lost'"):
        _update(country, referral.id, "lost")
    with pytest.raises(NotFoundError):
        _update(country, "ref_missing", "acknowledged")


def test_referring_needs_referral_manage_on_the_case(country: Country) -> None:
    case = country.open(WEST)
    with pytest.raises(PermissionDeniedError, match=r"referral\.manage"):
        _refer(country, case.id, by="reviewer_harbour")
    assert _refer(country, case.id, by="officer_north").status == "sent"
    assert country.audited(case.id).count("referral.create") == 1
