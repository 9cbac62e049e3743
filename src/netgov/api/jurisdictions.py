"""The jurisdiction codes a submission may name, cached so a post costs no database read.

A code missing from the cache re-reads the table (at most once a second), so a
jurisdiction added while the service runs is accepted without a restart.
"""

from __future__ import annotations

import time

from starlette.concurrency import run_in_threadpool

from netgov.errors import InvalidRequestError
from netgov.service.runtime import Runtime

_SHOWN = 20


class KnownJurisdictions:
    def __init__(self, runtime: Runtime, *, refresh_after: float = 1.0) -> None:
        self._runtime = runtime
        self._refresh_after = refresh_after
        self._codes: frozenset[str] = frozenset()
        self._read_at = float("-inf")

    async def require(self, code: str, *, location: str = "jurisdiction") -> None:
        """Return when ``code`` is a known jurisdiction; else InvalidRequestError naming the known ones."""
        if code in self._codes:
            return
        if time.monotonic() - self._read_at >= self._refresh_after:
            self._codes = frozenset(await run_in_threadpool(self._read))
            self._read_at = time.monotonic()
            if code in self._codes:
                return
        raise InvalidRequestError(f"{location}: no jurisdiction {code!r}; {self._known()}")

    def _read(self) -> list[str]:
        with self._runtime.uow() as uow:
            return [row.code for row in uow.places.jurisdictions()]

    def _known(self) -> str:
        codes = sorted(self._codes)
        if not codes:
            return "this installation has no jurisdictions yet; leave jurisdiction out to use the platform's seat"
        if len(codes) <= _SHOWN:
            return "the known codes are " + ", ".join(codes)
        shown = ", ".join(codes[:_SHOWN])
        return (
            f"the known codes include {shown} (and {len(codes) - _SHOWN} more; `netgov jurisdictions list` shows all)"
        )
