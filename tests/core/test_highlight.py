"""Cutting a post into plain text, evidence and masked personal data."""

from __future__ import annotations

from datetime import UTC, datetime

from netgov.core.actions import Action
from netgov.core.decision import Decision
from netgov.core.highlight import Piece, Segment, segments
from netgov.core.signals import Evidence, Signal


def _decision(*evidence: Evidence) -> Decision:
    signal = Signal(detector="test", label="spans", score=1.0, evidence=evidence)
    return Decision(
        id="d",
        content_id="c",
        platform="p",
        action=Action.ALLOW,
        automated=True,
        rulebook_version="v",
        decided_at=datetime(2026, 6, 1, tzinfo=UTC),
        signals=(signal,),
    )


def _shown(text: str, *evidence: Evidence) -> str:
    """Segments written the way ``netgov scan --format pretty`` writes them."""
    parts = {
        Piece.TEXT: lambda s: s.text,
        Piece.EVIDENCE: lambda s: f"[[{s.text}]]",
        Piece.PERSONAL_DATA: lambda s: f"<{s.entry}>",
    }
    return "".join(parts[segment.kind](segment) for segment in segments(text, _decision(*evidence)))


def test_text_without_evidence_is_one_plain_segment() -> None:
    assert segments("hello", _decision()) == [Segment(kind=Piece.TEXT, text="hello")]


def test_evidence_is_marked_where_it_lies() -> None:
    assert _shown("buy gift cards now", Evidence(start=4, end=14, entry="gift cards")) == "buy [[gift cards]] now"


def test_personal_data_is_replaced_by_its_kind_and_digest() -> None:
    (_, masked, _) = segments("call 555 0101 now", _decision(Evidence(start=5, end=13, entry="phone", digest="ab12")))
    assert masked == Segment(kind=Piece.PERSONAL_DATA, entry="phone", digest="ab12")


def test_a_whole_text_span_does_not_hide_the_spans_inside_it() -> None:
    text = "win big at casino"
    shown = _shown(text, Evidence(start=0, end=len(text), entry="model"), Evidence(start=11, end=17, entry="casino"))
    assert shown == "win big at [[casino]]"


def test_evidence_overlapping_personal_data_never_uncovers_it() -> None:
    text = "mail bob@evil.example today"
    shown = _shown(text, Evidence(start=5, end=21, entry="email", digest="d1"), Evidence(start=9, end=27, entry="x"))
    assert shown == "mail <email>[[ today]]"
    assert "bob" not in shown
    assert "evil" not in shown


def test_evidence_inside_personal_data_does_not_unmask_it() -> None:
    text = "mail bob@evil.example today"
    shown = _shown(
        text, Evidence(start=5, end=21, entry="email", digest="d1"), Evidence(start=9, end=21, entry="domain")
    )
    assert shown == "mail <email> today"


def test_overlapping_personal_data_is_masked_as_one() -> None:
    text = "id 123456789012 end"
    shown = _shown(
        text, Evidence(start=3, end=12, entry="phone", digest="a"), Evidence(start=6, end=15, entry="card", digest="b")
    )
    assert shown == "id <phone> end"


def test_overlapping_evidence_is_marked_once() -> None:
    assert _shown("abcdef", Evidence(start=0, end=4), Evidence(start=2, end=6)) == "[[abcd]][[ef]]"


def test_evidence_from_outside_the_text_is_ignored() -> None:
    assert _shown("see link", Evidence(start=0, end=0, entry="url")) == "see link"


def test_the_text_comes_back_whole_when_nothing_is_personal() -> None:
    text = "one two three four"
    pieces = segments(text, _decision(Evidence(start=4, end=7), Evidence(start=8, end=18)))
    assert "".join(piece.text for piece in pieces) == text
