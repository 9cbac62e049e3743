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
from netgov.core.lists import EntryList
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.signals import Evidence, Signal
from netgov.core.taxonomy import Category
from netgov.core.text import Normalizer, TextViews
from netgov.core.text.folding import is_cjk
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


class LexiconDetector:
    def __init__(self, keys: list[str], terms: list[list[_Term]], normalizer: Normalizer) -> None:
        self._automaton = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard)
        self._terms = terms
        self._normalizer = normalizer

    def detect(self, content: Content, text: TextViews) -> Sequence[Signal]:
        skeleton = text.skeleton
        if not skeleton:
            return ()
        found = self._automaton.find_matches_as_indexes(skeleton, overlapping=True)
        if not found:
            return ()
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
        return gaps_ok(original, start, end, term.words)


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
        if not index or problems:
            return Built(None, problems)
        return Built(LexiconDetector(list(index), terms, context.normalizer), problems)

    def examples(self) -> Sequence[DetectorExample]:
        from netgov.detectors.lexicon_examples import EXAMPLES

        return EXAMPLES


def _add_lexicon(
    lexicon: EntryList,
    normalizer: Normalizer,
    index: dict[str, int],
    terms: list[list[_Term]],
    problems: list[Diagnostic],
) -> None:
    for entry in lexicon.entries:
        key = normalizer.skeletonized(entry.text)
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
            )
        )
