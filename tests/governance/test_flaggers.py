"""Trusted flaggers as pure rules: status over time, accuracy, what a grant must say."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError
from netgov.governance.flaggers import (
    MAX_TERM,
    Accuracy,
    FlaggerGrant,
    FlaggerStatus,
    check_grant,
    flagger_status,
    within_expertise,
)

AT = datetime(2026, 6, 1, 12, tzinfo=UTC)
GRANT = FlaggerGrant(
    name=" Scam Watch ",
    expertise=(Category.SCAMS_AND_FRAUD, Category.SCAMS_AND_FRAUD),
    expires_at=AT + timedelta(days=365),
)


def test_accuracy_is_upheld_over_decided() -> None:
    assert Accuracy(notices=10, decided=4, upheld=3).share == 0.75


def test_accuracy_is_unknown_until_something_is_decided() -> None:
    assert Accuracy(notices=3, decided=0, upheld=0).share is None


def test_a_flagger_is_active_within_its_term() -> None:
    assert flagger_status(expires_at=AT + timedelta(days=1), revoked_at=None, at=AT) is FlaggerStatus.ACTIVE


def test_a_flagger_past_its_term_has_expired() -> None:
    assert flagger_status(expires_at=AT, revoked_at=None, at=AT) is FlaggerStatus.EXPIRED


def test_a_revocation_ends_the_status_before_the_term() -> None:
    revoked = flagger_status(expires_at=AT + timedelta(days=9), revoked_at=AT - timedelta(hours=1), at=AT)
    assert revoked is FlaggerStatus.REVOKED


def test_a_grant_is_trimmed_and_its_expertise_deduplicated() -> None:
    checked = check_grant(GRANT, at=AT)
    assert checked.name == "Scam Watch"
    assert checked.expertise == (Category.SCAMS_AND_FRAUD,)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name:"),
        ({"expertise": ()}, "expertise:"),
        ({"expires_at": AT}, "expires_at: the term must end in the future"),
        ({"expires_at": AT + MAX_TERM + timedelta(days=1)}, "expires_at: a term runs at most"),
        ({"expires_at": datetime(2027, 1, 1)}, "expires_at: must carry a timezone"),
        ({"contact": "x" * 400}, "contact:"),
    ],
)
def test_a_grant_missing_what_it_needs_is_refused_naming_the_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidRequestError, match=field):
        check_grant(msgspec.structs.replace(GRANT, **change), at=AT)


def test_only_notices_in_the_expertise_are_prioritised() -> None:
    assert within_expertise((Category.SCAMS_AND_FRAUD,), Category.SCAMS_AND_FRAUD)
    assert not within_expertise((Category.SCAMS_AND_FRAUD,), Category.VIOLENCE)
