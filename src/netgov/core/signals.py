"""Signals: what detectors observed, with evidence located in the original text."""

from __future__ import annotations

import msgspec

from netgov.core.taxonomy import Category


class Evidence(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """One match: a half-open span ``[start, end)`` of code points in the original text.

    ``entry`` is the list entry that matched (a lexicon term or a pattern id) or the kind
    of thing found (``phone``, a domain), never personal data from the user's text, so
    evidence can be stored without copying the post. ``detail`` says why it fired (which
    validator, which context words); ``digest`` is a salted hash of a personal-data value,
    which lets a reviewer see that two posts share a value without seeing it.
    """

    start: int
    end: int
    entry: str = ""
    detail: str = ""
    digest: str = ""


class Signal(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """``detector`` is the family (``lexicon``), ``label`` the list or model output within it.

    ``count`` and ``distinct`` (what ``min_count`` and ``min_distinct`` test) derive from
    the evidence, unless the detector states them: a wave's evidence is one cluster, but
    it counts the cluster's posts (``occurrences``) and its accounts (``sources``).
    """

    detector: str
    label: str
    score: float
    category: Category | None = None
    evidence: tuple[Evidence, ...] = ()
    occurrences: int | None = None
    sources: int | None = None

    @property
    def key(self) -> str:
        return f"{self.detector}/{self.label}"

    @property
    def count(self) -> int:
        return len(self.evidence) if self.occurrences is None else self.occurrences

    @property
    def distinct(self) -> int:
        return len({e.entry for e in self.evidence}) if self.sources is None else self.sources
