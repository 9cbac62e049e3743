"""Trusted flaggers (DSA Art. 22): who holds the status, for what, until when, and how often
they are right.

An office awards the status to an organisation for its area of expertise (categories) and a
term. Its notices in that area go ahead of others in the queues; its accuracy, the share of
its decided notices that were upheld, is tracked and shown, which is what Art. 22(2)(c) and
the periodic reports of Art. 22(3) look at.

Pure domain code: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum

import msgspec

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError

NAME_MAX = 300
CONTACT_MAX = 320
# The longest term one award may run before the office looks at the flagger again.
MAX_TERM = timedelta(days=5 * 366)


class FlaggerStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


class Accuracy(msgspec.Struct, frozen=True, kw_only=True):
    notices: int
    decided: int
    upheld: int

    @property
    def share(self) -> float | None:
        """Upheld / decided; None until something was decided."""
        return upheld_share(decided=self.decided, upheld=self.upheld)


class FlaggerGrant(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    expertise: tuple[Category, ...]
    expires_at: datetime
    contact: str | None = None


def upheld_share(*, decided: int, upheld: int) -> float | None:
    return upheld / decided if decided else None


def flagger_status(*, expires_at: datetime, revoked_at: datetime | None, at: datetime) -> FlaggerStatus:
    if revoked_at is not None and revoked_at <= at:
        return FlaggerStatus.REVOKED
    if expires_at <= at:
        return FlaggerStatus.EXPIRED
    return FlaggerStatus.ACTIVE


def check_grant(grant: FlaggerGrant, *, at: datetime) -> FlaggerGrant:
    """The grant, trimmed and its expertise deduplicated; InvalidRequestError naming each bad field."""
    problems: list[str] = []
    name = grant.name.strip()
    if not name:
        problems.append("name: name the organisation")
    elif len(name) > NAME_MAX:
        problems.append(f"name: at most {NAME_MAX} characters")
    if not grant.expertise:
        problems.append("expertise: name at least one category the status covers")
    if grant.expires_at.tzinfo is None:
        problems.append("expires_at: must carry a timezone")
    elif grant.expires_at <= at:
        problems.append("expires_at: the term must end in the future")
    elif grant.expires_at - at > MAX_TERM:
        problems.append(f"expires_at: a term runs at most {MAX_TERM.days} days; award it again when it ends")
    contact = grant.contact.strip() if grant.contact else None
    if contact is not None and len(contact) > CONTACT_MAX:
        problems.append(f"contact: at most {CONTACT_MAX} characters")
    if problems:
        raise InvalidRequestError("; ".join(problems))
    return FlaggerGrant(name=name, expertise=_unique(grant.expertise), expires_at=grant.expires_at, contact=contact)


def within_expertise(expertise: Sequence[Category], category: Category) -> bool:
    """Whether a notice of ``category`` is in the flagger's area: only those are prioritised."""
    return category in expertise


def _unique(categories: Sequence[Category]) -> tuple[Category, ...]:
    return tuple(dict.fromkeys(categories))
