"""Lockout after repeated failed sign-ins: a pure policy over the account's counters."""

from __future__ import annotations

from datetime import datetime, timedelta

import msgspec


class LockoutPolicy(msgspec.Struct, frozen=True, kw_only=True):
    attempts: int = 5
    duration: timedelta = timedelta(minutes=15)

    def locked(self, locked_until: datetime | None, now: datetime) -> bool:
        return locked_until is not None and now < locked_until

    def after_failure(self, failures: int, now: datetime) -> tuple[int, datetime | None]:
        """The new failure count and, when it reaches the limit, the time the lock ends."""
        failures += 1
        if failures >= self.attempts:
            return 0, now + self.duration
        return failures, None
