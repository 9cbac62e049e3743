"""RedisWaveStore: the wave store shared by several workers through one Redis.

Key layout under ``PREFIX`` (default ``netgov:waves``), every key expiring after the
longest window:

    PREFIX:k:<band key>   string   cluster id that band last joined
    PREFIX:c:<cluster>    hash     sig (representative MinHash), first (time), rep (content id)
    PREFIX:t:<cluster>    zset     content id -> post time (the cluster's posts)
    PREFIX:a:<cluster>    zset     account -> latest post time in the cluster
    PREFIX:v:<account>    zset     content id -> post time (velocity, kept one hour)

A post is added by one Lua script (``scripts.OBSERVE``), so matching and joining are
atomic; a batch is one pipelined round trip.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import redis

from netgov.core.observations import Wave
from netgov.waves.config import WaveConfig, cluster_id
from netgov.waves.ports import Activity, Sighting, Velocity
from netgov.waves.scripts import OBSERVE

HOUR = 3600


class RedisWaveStore:
    def __init__(self, client: redis.Redis, config: WaveConfig | None = None, *, prefix: str = "netgov:waves") -> None:
        self.config = config or WaveConfig()
        self._client = client
        self._prefix = prefix
        self._script = client.register_script(OBSERVE)

    @classmethod
    def from_url(cls, url: str, config: WaveConfig | None = None, *, prefix: str = "netgov:waves") -> RedisWaveStore:
        return cls(redis.Redis.from_url(url), config, prefix=prefix)

    def observe(self, sightings: Sequence[Sighting]) -> list[tuple[Wave, ...]]:
        if not sightings:
            return []
        pipe = self._client.pipeline(transaction=False)
        for sighting in sightings:
            self._script(args=self._arguments(sighting), client=pipe)
        replies = pipe.execute()
        return [self._waves(reply) for reply in replies]

    def _arguments(self, sighting: Sighting) -> list[Any]:
        config = self.config
        at = sighting.at.timestamp()
        return [
            self._prefix,
            repr(at),
            sighting.content_id,
            sighting.account,
            sighting.signature.minhash,
            repr(config.similarity),
            config.horizon,
            config.max_members,
            cluster_id(sighting.content_id, at),
            len(config.windows),
            *(w.seconds for w in config.windows),
            *(format(key, "x") for key in sighting.signature.bands),
        ]

    def _waves(self, reply: list[Any]) -> tuple[Wave, ...]:
        cluster, representative = _text(reply[0]), _text(reply[1])
        found = []
        for index, window in enumerate(self.config.windows):
            size, accounts, first = reply[2 + 3 * index : 5 + 3 * index]
            if int(size) < 2:
                continue
            found.append(
                Wave(
                    cluster=cluster,
                    window=window.label,
                    size=int(size),
                    accounts=int(accounts),
                    first_seen=datetime.fromtimestamp(float(_text(first)), UTC),
                    representative=representative,
                )
            )
        return tuple(found)

    def record(self, activity: Sequence[Activity]) -> list[Velocity]:
        if not activity:
            return []
        pipe = self._client.pipeline(transaction=True)
        for item in activity:
            at = item.at.timestamp()
            key = f"{self._prefix}:v:{item.account}"
            pipe.zadd(key, {item.content_id: at})
            pipe.zremrangebyscore(key, "-inf", at - HOUR)
            pipe.expire(key, HOUR)
            pipe.zcount(key, f"({at - 60!r}", at)
            pipe.zcount(key, f"({at - HOUR!r}", at)
        replies = pipe.execute()
        return [Velocity(int(replies[i + 3]), int(replies[i + 4])) for i in range(0, len(replies), 5)]


def _text(value: bytes | str | int) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
