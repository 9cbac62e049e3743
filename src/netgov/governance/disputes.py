"""Out-of-court dispute settlement (DSA Art. 21): deadlines and outcomes of the records kept.

Pure domain code. A dispute referred to a certified settlement body is due 90 days after it
was filed, 180 for a complex one (Art. 21(4)); whether it is overdue is computed from the
deadline and the clock when read, never stored, so it can never go stale. A body deciding
in favour of the recipient reverts the decision as an overturned appeal does.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from netgov.errors import ConflictError

DAYS = 90
COMPLEX_DAYS = 180


class DisputeOutcome(StrEnum):
    IN_FAVOUR_OF_RECIPIENT = "in_favour_of_recipient"
    IN_FAVOUR_OF_PLATFORM = "in_favour_of_platform"
    SETTLED = "settled"
    WITHDRAWN = "withdrawn"

    @property
    def reverts(self) -> bool:
        """Whether the decision disputed is reverted (the body found for the recipient)."""
        return self is DisputeOutcome.IN_FAVOUR_OF_RECIPIENT


def deadline(filed_at: datetime, *, complex: bool) -> datetime:
    return filed_at + timedelta(days=COMPLEX_DAYS if complex else DAYS)


def is_overdue(*, deadline_at: datetime, closed_at: datetime | None, at: datetime) -> bool:
    """Open past its deadline; a closed dispute is never overdue, however late it closed."""
    return closed_at is None and at > deadline_at


def require_open(*, dispute_id: str, outcome: str | None) -> None:
    if outcome is not None:
        raise ConflictError(f"dispute {dispute_id} already has its outcome ({outcome}); an outcome is recorded once")
