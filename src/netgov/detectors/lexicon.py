"""The lexicon detector: every lexicon of the rulebook in one Aho-Corasick automaton.

Terms and text are both reduced to their skeleton (see ``netgov.core.text``), so one
automaton pass over the skeleton finds obfuscated forms too; matches are then mapped back
to spans in the original text and checked for word boundaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick_rs

from netgov.core.content import Content
from netgov.core.detection import BuildContext, Built, DetectorExample
from netgov.core.lists import EntryList, ListEntry
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.signals import Evidence, Signal
from netgov.core.taxonomy import Category
from netgov.core.text import BatchViews, Normalizer, TextViews
from netgov.core.text.folding import is_cjk
from netgov.core.text.normalizer import BATCH_SEPARATOR
from netgov.detectors.boundaries import edges_ok, gaps_ok
from netgov.detectors.evidence import SignalBuilder


@dataclass(frozen=True, slots=True)
class _Term:
    label: str
    entry: str
    weight: float
    language: str | None
    category: Category | None
    check_left: bool
    check_right: bool
    words: int
    cjk: bool


class LexiconDetector:
    """Scans UTF-8 bytes: ahocorasick-rs is about 3x faster on bytes than on non-ASCII str,
    and byte offsets are converted to characters only for the few texts that match."""

    def __init__(self, keys: list[str], terms: list[list[_Term]], normalizer: Normalizer) -> None:
        self._automaton = ahocorasick_rs.BytesAhoCorasick(
            [key.encode("utf-8") for key in keys], matchkind=ahocorasick_rs.MatchKind.Standard
        )
        self._terms = terms
        self._normalizer = normalizer

    def detect(self, content: Content, text: TextViews) -> Sequence[Signal]:
        data = text.skeleton_bytes
        found = self._automaton.find_matches_as_indexes(data, overlapping=True) if data else None
        if not found:
            return ()
        return self._signals(_to_characters(found, data), content, text)

    def detect_batch(self, contents: Sequence[Content], batch: BatchViews) -> list[Sequence[Signal]]:
        results: list[Sequence[Signal]] = [()] * len(contents)
        data = batch.skeleton_bytes
        found = self._automaton.find_matches_as_indexes(data, overlapping=True)
        if not found:
            return results
        by_text: dict[int, tuple[int, list[tuple[int, int, int]]]] = {}
        for index, start, end in found:
            text, offset = batch.locate_in_skeleton(start)
            by_text.setdefault(text, (offset, []))[1].append((index, start - offset, end - offset))
        for text, (offset, matches) in by_text.items():
            end = data.find(BATCH_SEPARATOR.encode("ascii"), offset)
            own = data[offset : end if end != -1 else len(data)]
            results[text] = self._signals(_to_characters(matches, own), contents[text], batch.view(text))
        return results

    def _signals(self, found: Sequence[tuple[int, int, int]], content: Content, text: TextViews) -> Sequence[Signal]:
        builder = SignalBuilder("lexicon")
        offsets = text.skeleton_map
        for index, start, end in found:
            if not offsets.starts_a_character(start) or not offsets.starts_a_character(end):
                continue
            span = offsets.span(start, end)
            for term in self._terms[index]:
                if self._accepts(term, content, text.original, span):
                    builder.add(
                        term.label,
                        Evidence(start=span[0], end=span[1], entry=term.entry),
                        term.weight,
                        term.category,
                    )
        return builder.signals()

    def _accepts(self, term: _Term, content: Content, original: str, span: tuple[int, int]) -> bool:
        if term.language and content.language and term.language != content.language:
            return False
        start, end = span
        if not edges_ok(
            original,
            start,
            end,
            check_left=term.check_left,
            check_right=term.check_right,
            normalizer=self._normalizer,
        ):
            return False
        return term.cjk or gaps_ok(original, start, end, term.words)


class LexiconFactory:
    name = "lexicon"
    description = "Terms and phrases from lexicon files, matched after normalisation."

    def labels(self, context: BuildContext) -> frozenset[str]:
        return frozenset(context.lists_of("lexicon"))

    def build(self, context: BuildContext, labels: frozenset[str]) -> Built:
        problems: list[Diagnostic] = []
        index: dict[str, int] = {}
        terms: list[list[_Term]] = []
        lexicons = context.lists_of("lexicon")
        for label in sorted(labels):
            _add_lexicon(lexicons[label], context.normalizer, index, terms, problems)
        if not index or any(p.severity == "error" for p in problems):
            return Built(None, problems)
        return Built(LexiconDetector(list(index), terms, context.normalizer), problems)

    def examples(self) -> Sequence[DetectorExample]:
        from netgov.detectors.lexicon_examples import EXAMPLES

        return EXAMPLES


def _to_characters(found: Sequence[tuple[int, int, int]], data: bytes) -> Sequence[tuple[int, int, int]]:
    """Byte offsets in UTF-8 ``data`` to character offsets (matches start on characters)."""
    if data.isascii():
        return found
    return [(index, len(data[:start].decode("utf-8")), len(data[:end].decode("utf-8"))) for index, start, end in found]


def _add_lexicon(
    lexicon: EntryList,
    normalizer: Normalizer,
    index: dict[str, int],
    terms: list[list[_Term]],
    problems: list[Diagnostic],
) -> None:
    seen: dict[str, ListEntry] = {}
    for entry in lexicon.entries:
        key = normalizer.skeletonized(entry.text)
        if key in seen:
            first = seen[key]
            message = (
                f"the entry {entry.text!r} is the same as {first.text!r} (line {first.line}) after "
                "normalisation; only the first counts"
            )
            problems.append(Diagnostic(lexicon.path, entry.line, 1, message, "warning"))
            continue
        seen[key] = entry
        if not key:
            problems.append(
                Diagnostic(
                    lexicon.path,
                    entry.line,
                    1,
                    f"the entry {entry.text!r} has no letters or digits, so it can never match",
                )
            )
            continue
        slot = index.setdefault(key, len(index))
        if slot == len(terms):
            terms.append([])
        terms[slot].append(
            _Term(
                label=lexicon.name,
                entry=entry.id or entry.text,
                weight=entry.weight,
                language=entry.language,
                category=lexicon.category,
                check_left=not is_cjk(key[0]),
                check_right=not is_cjk(key[-1]),
                words=max(1, len(entry.text.split())),
                cjk=any(is_cjk(char) for char in key),
            )
        )
