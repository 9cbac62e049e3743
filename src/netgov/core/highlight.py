"""A post's text cut into pieces for display: plain text, evidence, and masked personal data.

Every edge that shows a post with its evidence (``netgov scan --format pretty``, the staff
console) renders these segments its own way, so the rule that personal data is never
shown lives here once. Personal data is evidence with a ``digest``: its whole span is
replaced by its kind and digest, even where other evidence overlaps it, so no part of
the value leaks through a neighbouring mark.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

import msgspec

from netgov.core.decision import Decision
from netgov.core.signals import Evidence


class Piece(StrEnum):
    TEXT = "text"
    EVIDENCE = "evidence"
    PERSONAL_DATA = "personal_data"


class Segment(msgspec.Struct, frozen=True, kw_only=True):
    """``text`` is what may be shown: the original text, or nothing for personal data,
    which is described by ``entry`` (its kind, e.g. ``phone``) and ``digest`` instead."""

    kind: Piece
    text: str = ""
    entry: str = ""
    digest: str = ""


Span = tuple[int, int]


def segments(text: str, decision: Decision) -> list[Segment]:
    """``text`` as consecutive segments; joined, the non-personal segments give the text back."""
    # Empty spans are evidence from outside the text (URLs the platform sent separately).
    evidence = [e for s in decision.signals for e in s.evidence if e.end > e.start]
    masks = _merged_masks([e for e in evidence if e.digest])
    personal = {(e.start, e.end) for e in evidence if e.digest}
    marks = [span for span in _innermost({(e.start, e.end) for e in evidence}) if span not in personal]
    pieces: list[tuple[int, int, Segment | None]] = [(start, end, segment) for start, end, segment in masks]
    pieces += [(start, end, None) for start, end in _outside(_disjoint(marks), [(s, e) for s, e, _ in masks])]
    pieces.sort(key=lambda piece: piece[0])
    result: list[Segment] = []
    position = 0
    for start, end, mask in pieces:
        if start > position:
            result.append(Segment(kind=Piece.TEXT, text=text[position:start]))
        result.append(mask or Segment(kind=Piece.EVIDENCE, text=text[start:end]))
        position = end
    if position < len(text):
        result.append(Segment(kind=Piece.TEXT, text=text[position:]))
    return result


def _merged_masks(found: list[Evidence]) -> list[tuple[int, int, Segment]]:
    """Personal-data spans, overlapping ones merged: the first one's kind names the union."""
    merged: list[tuple[int, int, Segment]] = []
    for item in sorted(found, key=lambda e: (e.start, -e.end)):
        if merged and item.start < merged[-1][1]:
            start, end, segment = merged[-1]
            merged[-1] = (start, max(end, item.end), segment)
            continue
        merged.append((item.start, item.end, Segment(kind=Piece.PERSONAL_DATA, entry=item.entry, digest=item.digest)))
    return merged


def _innermost(spans: set[Span]) -> list[Span]:
    """Spans that contain no other span: a whole-text span (a classifier's) must not hide
    the spans inside it, least of all the masks over personal data."""
    return sorted(
        (start, end)
        for start, end in spans
        if not any(start <= s and e <= end and (s, e) != (start, end) for s, e in spans)
    )


def _disjoint(spans: list[Span]) -> list[Span]:
    """Sorted spans with each overlap given to the span that starts first."""
    kept: list[Span] = []
    for start, end in spans:
        start = max(start, kept[-1][1]) if kept else start
        if start < end:
            kept.append((start, end))
    return kept


def _outside(spans: Iterable[Span], holes: list[Span]) -> list[Span]:
    """The parts of ``spans`` that lie outside every hole."""
    parts: list[Span] = []
    for start, end in spans:
        position = start
        for hole_start, hole_end in holes:
            if hole_end <= position or hole_start >= end:
                continue
            if hole_start > position:
                parts.append((position, hole_start))
            position = max(position, hole_end)
        if position < end:
            parts.append((position, end))
    return parts
