"""Evidence without the data: a kind, a reason, and a salted digest of the value.

The digest is the first 16 hex digits of SHA-256 over the salt followed by the normalised
value (E.164 phone, compact identity number, lower-case e-mail, ...). With the same salt,
the same value gives the same digest in every post, so a reviewer can see that two posts
expose the same number without seeing it; without the salt, a digest of a 9-digit number
could be reversed by trying every number, which is why deployments must set one.
"""

from __future__ import annotations

import hashlib

from netgov.core.signals import Evidence
from netgov.detectors.pii.entities import Entity, Surroundings
from netgov.detectors.pii.spans import OriginalSpans

BASE_SCORE = 0.6
CONTEXT_BONUS = 0.3
DOXX_BONUS = 0.1


def digest(salt: str, value: str) -> str:
    return hashlib.sha256((salt + value).encode("utf-8")).hexdigest()[:16]


def masked(entity: Entity, around: Surroundings, spans: OriginalSpans, salt: str) -> tuple[Evidence, float]:
    """The evidence for ``entity``, in original-text offsets, and its score."""
    doxx = around.word("doxx", entity.start, entity.end)
    score = BASE_SCORE + (CONTEXT_BONUS if entity.context else 0.0) + (DOXX_BONUS if doxx else 0.0)
    detail = f"validator={entity.validator}; context=" + (f"'{entity.context}'" if entity.context else "none")
    if doxx:
        detail += f"; doxx='{doxx}'"
    start, end = spans(entity.start, entity.end)
    evidence = Evidence(start=start, end=end, entry=entity.label, detail=detail, digest=digest(salt, entity.value))
    return evidence, min(1.0, round(score, 6))
