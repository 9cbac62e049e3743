"""MemoryWaveStore: the wave store in one process's memory, bounded and expiring."""

from __future__ import annotations

from collections.abc import Sequence

from netgov.core.observations import Wave
from netgov.detectors.waves.signature import Signature, similarity
from netgov.waves.clusters import Cluster, Timeline
from netgov.waves.config import WaveConfig, cluster_id
from netgov.waves.ports import Activity, Sighting, Velocity


class MemoryWaveStore:
    """Band keys map to clusters in one insertion-ordered dict, refreshed on every use,
    so the oldest keys are at the front and eviction is a pop from there."""

    def __init__(self, config: WaveConfig | None = None) -> None:
        self.config = config or WaveConfig()
        self._index: dict[int, str] = {}
        self._clusters: dict[str, Cluster] = {}
        self._accounts: dict[str, Timeline] = {}

    def observe(self, sightings: Sequence[Sighting]) -> list[tuple[Wave, ...]]:
        return [self._observe_one(s) for s in sightings]

    def _observe_one(self, sighting: Sighting) -> tuple[Wave, ...]:
        at = sighting.at.timestamp()
        self._expire(at)
        cluster = self._match(sighting.signature)
        if cluster is None:
            cid = cluster_id(sighting.content_id, at)
            cluster = Cluster(cid, sighting.content_id, at, sighting.signature.minhash)
        self._clusters.pop(cluster.id, None)
        self._clusters[cluster.id] = cluster
        cluster.add(at, sighting.account, horizon=self.config.horizon, limit=self.config.max_members)
        self._index_bands(sighting.signature, cluster.id)
        return cluster.waves(at, self.config.windows)

    def _match(self, signature: Signature) -> Cluster | None:
        """The earliest live cluster sharing a band whose representative is similar enough."""
        found: Cluster | None = None
        index, clusters = self._index, self._clusters
        candidates = {cid for key in signature.bands if (cid := index.get(key)) is not None}
        for cid in candidates:
            cluster = clusters.get(cid)
            if cluster is None or (found is not None and cluster.first_seen >= found.first_seen):
                continue
            if similarity(signature.minhash, cluster.signature) >= self.config.similarity:
                found = cluster
        return found

    def _index_bands(self, signature: Signature, cid: str) -> None:
        index = self._index
        for key in signature.bands:
            index.pop(key, None)
            index[key] = cid
        limit = self.config.max_signatures * len(signature.bands)
        while len(index) > limit:
            del index[next(iter(index))]

    def _expire(self, now: float) -> None:
        cutoff = now - self.config.horizon
        clusters = self._clusters
        while clusters:
            oldest = next(iter(clusters.values()))
            if oldest.last_seen > cutoff and len(clusters) <= self.config.max_signatures:
                break
            del clusters[oldest.id]
        # Keys of expired clusters are dropped when they reach the front.
        index = self._index
        while index and index[next(iter(index))] not in clusters:
            del index[next(iter(index))]

    def record(self, activity: Sequence[Activity]) -> list[Velocity]:
        return [self._record_one(a) for a in activity]

    def _record_one(self, activity: Activity) -> Velocity:
        at = activity.at.timestamp()
        timeline = self._accounts.pop(activity.account, None) or Timeline()
        self._accounts[activity.account] = timeline
        timeline.add(activity.content_id, at, horizon=3600)
        while len(self._accounts) > self.config.max_signatures:
            del self._accounts[next(iter(self._accounts))]
        return Velocity(timeline.count_since(at - 60, at), timeline.count_since(at - 3600, at))
