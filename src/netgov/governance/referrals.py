"""Referrals: a case passed to another agency, and where the agency has got with it.

    sent → acknowledged → in_progress → concluded
      └──────────┴──────────┴───────→ declined

Agencies are free text (every country names its own); ``SUGGESTED_AGENCIES`` are the usual
ones, offered by the console and the CLI. ``REFERRAL_TRANSITIONS`` is the single source of
truth for the statuses, as ``case_states.TRANSITIONS`` is for cases.
"""

from __future__ import annotations

from enum import StrEnum

from netgov.errors import IllegalTransitionError, InvalidRequestError


class ReferralStatus(StrEnum):
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    CONCLUDED = "concluded"
    DECLINED = "declined"


REFERRAL_TRANSITIONS: dict[ReferralStatus, tuple[ReferralStatus, ...]] = {
    ReferralStatus.SENT: (ReferralStatus.ACKNOWLEDGED, ReferralStatus.DECLINED),
    ReferralStatus.ACKNOWLEDGED: (ReferralStatus.IN_PROGRESS, ReferralStatus.CONCLUDED, ReferralStatus.DECLINED),
    ReferralStatus.IN_PROGRESS: (ReferralStatus.CONCLUDED, ReferralStatus.DECLINED),
    ReferralStatus.CONCLUDED: (),
    ReferralStatus.DECLINED: (),
}

SUGGESTED_AGENCIES = (
    "police",
    "data_protection_authority",
    "consumer_protection",
    "financial_regulator",
    "child_protection_hotline",
)

AGENCY_MAX = 80


def check_referral_step(referral_id: str, from_status: ReferralStatus, to_status: ReferralStatus) -> None:
    """Return when the referral may move to ``to_status``; else IllegalTransitionError listing the allowed ones."""
    allowed = REFERRAL_TRANSITIONS[from_status]
    if to_status not in allowed:
        options = ", ".join(allowed) or "none, it is final"
        raise IllegalTransitionError(
            f"referral {referral_id} is {from_status}; it cannot move to {to_status}. "
            f"Allowed from {from_status}: {options}"
        )


def agency_name(text: str) -> str:
    """The agency as stored: trimmed, non-empty, at most ``AGENCY_MAX`` characters."""
    name = text.strip()
    if not name:
        suggestions = ", ".join(SUGGESTED_AGENCIES)
        raise InvalidRequestError(f"agency: name the agency the case goes to, e.g. one of {suggestions}")
    if len(name) > AGENCY_MAX:
        raise InvalidRequestError(f"agency: at most {AGENCY_MAX} characters, not {len(name)}")
    return name
