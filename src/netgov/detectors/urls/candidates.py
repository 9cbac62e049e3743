"""Candidates: what the grammar matched in the folded view, per text of a batch.

RE2 finds the spans (on UTF-8 bytes, where the Python wrapper adds no per-match work);
Python's ``re`` then parses just those spans into their parts. Only offsets and a few
short strings are kept; everything else is decided in ``extract.py``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from re import Match

from netgov.detectors.urls.grammar import compile_finder, compile_parser


@dataclass(frozen=True, slots=True)
class Candidate:
    """Offsets in one text's folded view. ``kind`` is ``url`` (with a scheme), ``bare``
    (a domain without one) or ``ip`` (a dotted quad without one)."""

    kind: str
    start: int
    host_start: int
    host_end: int
    end: int
    scheme: str = ""
    userinfo: str = ""
    path: str = ""
    port: bool = False


# Which group holds the host, for each kind of candidate.
_HOSTS = (("url", "host"), ("bare", "bare"), ("ip", "ip"))


class Scanner:
    def __init__(self) -> None:
        self._finder = compile_finder()
        self._parser = compile_parser()

    def scan(self, folded: str) -> list[Candidate]:
        return self.scan_batch(folded, (0, len(folded) + 1)).get(0, [])

    def scan_batch(self, joined: str, starts: Sequence[int]) -> dict[int, list[Candidate]]:
        """Candidates of each text of a batch, from one pass over the joined folded texts
        (``starts`` as in BatchViews). No candidate crosses a separator (the grammar
        excludes it), so each belongs to one text, with offsets made relative to it."""
        data = joined.encode("utf-8")
        found: dict[int, list[Candidate]] = {}
        spans = (match.span() for match in self._finder.finditer(data))
        for start, end in _characters(joined, data, spans):
            parsed = self._parser.fullmatch(joined, start, end)
            if parsed is None:
                continue  # cannot happen while both grammars are the same; never fail a post
            text = bisect_right(starts, _host_start(parsed)) - 1
            found.setdefault(text, []).append(_candidate(parsed, starts[text]))
        return found


def _characters(text: str, data: bytes, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Byte spans in ``data`` (``text`` in UTF-8) as character spans, in one pass."""
    if len(data) == len(text):
        yield from spans
        return
    byte = character = 0
    for start, end in spans:
        start_character = character + len(data[byte:start].decode("utf-8"))
        character = start_character + len(data[start:end].decode("utf-8"))
        byte = end
        yield start_character, character


def _host_start(parsed: Match[str]) -> int:
    scheme = parsed.start("scheme")
    return scheme if scheme >= 0 else max(parsed.start(group) for _, group in _HOSTS)


def _candidate(parsed: Match[str], offset: int) -> Candidate:
    kind, group = next((kind, group) for kind, group in _HOSTS if parsed.start(group) >= 0)
    host_start, host_end = parsed.span(group)
    scheme_start = parsed.start("scheme")
    start = scheme_start if scheme_start >= 0 else host_start
    return Candidate(
        kind=kind,
        start=start - offset,
        host_start=host_start - offset,
        host_end=host_end - offset,
        end=parsed.end() - offset,
        scheme=parsed.group("scheme") or "",
        userinfo=parsed.group("userinfo") or "",
        path=parsed.group("path") or "",
        port=parsed.start("port") >= 0,
    )
