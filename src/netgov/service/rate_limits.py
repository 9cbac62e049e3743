"""Fixed-window rate limits for the public endpoints: in this process, or shared through Redis.

    limiter = open_limiter("memory")                  # or "redis://127.0.0.1:6379/0"
    wait = limiter.hit("address:…", limit=30, at=now)  # None: allowed; else seconds to wait

Windows are the clock's hours (``WINDOW`` seconds from the epoch): a key may be hit ``limit``
times in one, and is told to retry when the next begins. A hit that is refused still counts,
so hammering a closed window does not reopen it sooner.

The memory limiter keeps only the current window's counts and at most ``max_keys`` of them,
forgetting the least recently seen key first: a flood of distinct addresses cannot grow its
memory without bound (the cost is that, past that many keys in one hour, the quietest are
forgotten). The Redis limiter counts with ``INCR`` on keys that expire after their window,
so every process of the service shares one count; when Redis cannot be reached it lets the
request through and logs it, because a broken limiter must not stop the public reporting
illegal content.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import OrderedDict
from datetime import datetime
from typing import Protocol

log = logging.getLogger(__name__)

WINDOW = 3600
MAX_KEYS = 100_000


class Limiter(Protocol):
    def hit(self, key: str, *, limit: int, at: datetime) -> int | None:
        """Count one request for ``key``; None when it is within ``limit``, else the seconds
        until the window ends."""
        ...


def window_of(at: datetime) -> int:
    return int(at.timestamp() // WINDOW)


def seconds_left(at: datetime) -> int:
    """Whole seconds until the window containing ``at`` ends; at least 1."""
    return max(1, math.ceil((window_of(at) + 1) * WINDOW - at.timestamp()))


class MemoryLimiter:
    """Counts in this process; thread-safe."""

    def __init__(self, *, max_keys: int = MAX_KEYS) -> None:
        self._max_keys = max_keys
        self._window = -1
        self._counts: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._counts)

    def hit(self, key: str, *, limit: int, at: datetime) -> int | None:
        window = window_of(at)
        with self._lock:
            if window != self._window:
                # Every count belongs to the window that ended: forget them all at once.
                self._window = window
                self._counts.clear()
            count = self._counts.pop(key, 0) + 1
            self._counts[key] = count
            while len(self._counts) > self._max_keys:
                self._counts.popitem(last=False)
        return None if count <= limit else seconds_left(at)


class RedisLimiter:
    """Counts shared by every process that uses the same Redis and prefix."""

    def __init__(self, url: str, *, prefix: str = "netgov:limits") -> None:
        import redis

        self._client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._prefix = prefix
        self._errors: tuple[type[Exception], ...] = (redis.RedisError, OSError)

    def hit(self, key: str, *, limit: int, at: datetime) -> int | None:
        name = f"{self._prefix}:{window_of(at)}:{key}"
        try:
            pipe = self._client.pipeline(transaction=True)
            pipe.incr(name)
            pipe.expire(name, 2 * WINDOW)
            count = int(pipe.execute()[0])
        except self._errors as error:
            log.warning("rate limits are not enforced: Redis cannot be reached (%s)", error)
            return None
        return None if count <= limit else seconds_left(at)


def open_limiter(where: str, *, prefix: str = "netgov:limits") -> Limiter:
    """``memory`` or a Redis URL (the same value as ``Settings.waves``); ValueError otherwise."""
    if where == "memory":
        return MemoryLimiter()
    if where.startswith(("redis://", "rediss://", "unix://")):
        return RedisLimiter(where, prefix=prefix)
    raise ValueError(f"not a place for rate limits: {where!r} (expected memory or redis://HOST:PORT/DB)")
