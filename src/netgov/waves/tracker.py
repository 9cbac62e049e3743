"""WaveTracker: what the caller runs before deciding a batch, the only place that
touches wave state. It signs each text, asks the store which wave each post belongs to,
fills in account velocity the platform did not send, and returns the contents and the
``Observations`` to hand to ``Engine.decide_many``."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import msgspec

from netgov.core.content import Content
from netgov.core.observations import Observations
from netgov.core.text import Normalizer
from netgov.detectors.waves.signature import LshParams, Signer
from netgov.waves.ports import Activity, Sighting, Velocity, WaveStore


@dataclass(frozen=True, slots=True)
class Tracked:
    contents: list[Content]
    observations: list[Observations | None]


class WaveTracker:
    def __init__(self, store: WaveStore, normalizer: Normalizer, params: LshParams | None = None) -> None:
        self.store = store
        self.signer = Signer(normalizer, params)

    def track(self, contents: Sequence[Content], *, now: datetime) -> Tracked:
        """Posts are timed by ``created_at``, else ``now``; one store call of each kind."""
        times = [c.created_at or now for c in contents]
        observations = self._waves(contents, times)
        velocities = self._velocities(contents, times)
        filled = [_with_velocity(c, velocities.get(i)) for i, c in enumerate(contents)]
        return Tracked(filled, observations)

    def _waves(self, contents: Sequence[Content], times: Sequence[datetime]) -> list[Observations | None]:
        sightings: list[Sighting] = []
        positions: list[int] = []
        for index, (content, at) in enumerate(zip(contents, times, strict=True)):
            signature = self.signer.sign(content.text)
            if signature is not None:
                sightings.append(Sighting(content.id, account_key(content), at, signature))
                positions.append(index)
        found: list[Observations | None] = [None] * len(contents)
        for index, waves in zip(positions, self.store.observe(sightings), strict=True):
            if waves:
                found[index] = Observations(waves=waves)
        return found

    def _velocities(self, contents: Sequence[Content], times: Sequence[datetime]) -> dict[int, Velocity]:
        wanted = [i for i, c in enumerate(contents) if c.account is not None and _lacks_velocity(c)]
        activity = [Activity(contents[i].id, account_key(contents[i]), times[i]) for i in wanted]
        return dict(zip(wanted, self.store.record(activity), strict=True))


def account_key(content: Content) -> str:
    """An opaque key per platform account: the store never holds raw account ids."""
    if content.account is None:
        return ""
    raw = f"{content.platform}\x00{content.account.id}".encode()
    return hashlib.blake2b(raw, digest_size=12).hexdigest()


def _lacks_velocity(content: Content) -> bool:
    account = content.account
    return account is not None and (account.posts_last_minute is None or account.posts_last_hour is None)


def _with_velocity(content: Content, velocity: Velocity | None) -> Content:
    account = content.account
    if velocity is None or account is None:
        return content
    # What the platform sent wins: the port only fills the gaps.
    filled = msgspec.structs.replace(
        account,
        posts_last_minute=velocity.last_minute if account.posts_last_minute is None else account.posts_last_minute,
        posts_last_hour=velocity.last_hour if account.posts_last_hour is None else account.posts_last_hour,
    )
    return msgspec.structs.replace(content, account=filled)
