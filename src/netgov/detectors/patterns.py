"""The pattern detector: regular expressions on RE2, which runs in linear time.

A pattern RE2 cannot run (backreferences, lookaround) is a load error, so no rule can
cause catastrophic backtracking. All patterns of a view are compiled into one RE2 set
that says which patterns occur in a single pass; spans are then found only for those.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import re2

from netgov.core.content import Content
from netgov.core.detection import BuildContext, Built, DetectorExample
from netgov.core.lists import EntryList, ListEntry
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.core.signals import Evidence, Signal
from netgov.core.taxonomy import Category
from netgov.core.text import BatchViews, TextViews
from netgov.detectors.evidence import SignalBuilder

VIEWS = ("folded", "original")
_MAX_SPANS = 50


@dataclass(frozen=True, slots=True)
class _Pattern:
    label: str
    entry: str
    weight: float
    language: str | None
    category: Category | None
    regex: Any


class _ViewMatcher:
    def __init__(self, view: str, patterns: list[_Pattern], sources: list[str]) -> None:
        self.view = view
        self.patterns = patterns
        self.set = re2.Set.SearchSet(_options(view))
        for source in sources:
            self.set.Add(source)
        self.set.Compile()


class PatternDetector:
    def __init__(self, matchers: list[_ViewMatcher]) -> None:
        self._matchers = matchers

    def detect(self, content: Content, text: TextViews) -> Sequence[Signal]:
        builder = SignalBuilder("pattern")
        for matcher in self._matchers:
            hits = matcher.set.Match(text.view(matcher.view))
            if hits:
                self._collect(matcher, hits, content, text, builder)
        return builder.signals()

    def detect_batch(self, contents: Sequence[Content], batch: BatchViews) -> list[Sequence[Signal]]:
        builders: dict[int, SignalBuilder] = {}
        for matcher in self._matchers:
            folded = matcher.view == "folded"
            joined = batch.folded if folded else batch.original
            if not matcher.set.Match(joined):
                continue
            starts = batch.folded_starts() if folded else batch.original_starts()
            for text, hits in _narrow(matcher.set, joined, starts, 0, len(contents)):
                builder = builders.setdefault(text, SignalBuilder("pattern"))
                self._collect(matcher, hits, contents[text], batch.view(text), builder)
        results: list[Sequence[Signal]] = [()] * len(contents)
        for text, builder in builders.items():
            results[text] = builder.signals()
        return results

    @staticmethod
    def _collect(
        matcher: _ViewMatcher, hits: Sequence[int], content: Content, text: TextViews, builder: SignalBuilder
    ) -> None:
        subject = text.view(matcher.view)
        for index in hits:
            pattern = matcher.patterns[index]
            if pattern.language and content.language and pattern.language != content.language:
                continue
            for start, end in _spans(pattern.regex, subject):
                span = text.to_original(matcher.view, start, end)
                evidence = Evidence(start=span[0], end=span[1], entry=pattern.entry)
                builder.add(pattern.label, evidence, pattern.weight, pattern.category)


def _narrow(
    patterns: Any, joined: str, starts: Sequence[int], low: int, high: int, whole: bool = True
) -> Iterator[tuple[int, Sequence[int]]]:
    """Which texts of ``[low, high)`` match which patterns, found by halving the range.

    A match over several joined texts may span a separator, so only a single text's own
    match counts; halving finds the few matching texts in about log2(n) steps each.
    """
    subject = joined if whole else joined[starts[low] : starts[high] - 1]
    hits = patterns.Match(subject)
    if not hits:
        return
    if high - low == 1:
        yield low, hits
        return
    middle = (low + high) // 2
    yield from _narrow(patterns, joined, starts, low, middle, whole=False)
    yield from _narrow(patterns, joined, starts, middle, high, whole=False)


def _spans(regex: Any, subject: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    while len(spans) < _MAX_SPANS:
        found = regex.search(subject, position)
        if found is None:
            break
        start, end = found.span()
        spans.append((start, end))
        position = end if end > start else end + 1
    return spans


def _options(view: str) -> Any:
    options = re2.Options()
    options.log_errors = False
    # The folded view is already lower-case; matching it case-insensitively lets authors
    # write "Bitcoin" and still match.
    options.case_sensitive = view == "original"
    return options


class PatternFactory:
    name = "pattern"
    description = "Regular expressions from pattern files, run on RE2 (linear time)."

    def labels(self, context: BuildContext) -> frozenset[str]:
        return frozenset(context.lists_of("pattern"))

    def build(self, context: BuildContext, labels: frozenset[str]) -> Built:
        problems: list[Diagnostic] = []
        by_view: dict[str, tuple[list[_Pattern], list[str]]] = {view: ([], []) for view in VIEWS}
        # Every pattern list is validated, used or not: a broken list is an error now,
        # not when a rule starts citing it.
        for name, patterns in sorted(context.lists_of("pattern").items()):
            view = _view_of(patterns, problems)
            for entry in patterns.entries:
                compiled = _compile(patterns, entry, view, problems)
                if compiled is not None and name in labels:
                    by_view[view][0].append(compiled)
                    by_view[view][1].append(entry.text)
        matchers = [_ViewMatcher(view, pats, srcs) for view, (pats, srcs) in by_view.items() if pats]
        if problems or not matchers:
            return Built(None, problems)
        return Built(PatternDetector(matchers), problems)

    def examples(self) -> Sequence[DetectorExample]:
        return _EXAMPLES


def _view_of(patterns: EntryList, problems: list[Diagnostic]) -> str:
    view = patterns.options.get("view", "folded")
    if view not in VIEWS:
        problems.append(Diagnostic(patterns.path, 1, 1, f"unknown view {view!r}; use folded or original"))
        return "folded"
    return view


def _compile(patterns: EntryList, entry: ListEntry, view: str, problems: list[Diagnostic]) -> _Pattern | None:
    try:
        regex = re2.compile(entry.text, _options(view))
    except re2.error as error:
        reason = error.args[0].decode() if error.args and isinstance(error.args[0], bytes) else str(error)
        problems.append(
            Diagnostic(
                patterns.path,
                entry.line,
                1,
                f"the pattern {entry.text!r} cannot run on the linear-time engine: {reason}",
            )
        )
        return None
    if regex.search("", 0) is not None:
        problems.append(
            Diagnostic(
                patterns.path,
                entry.line,
                1,
                f"the pattern {entry.text!r} matches empty text, so it would match every post",
            )
        )
        return None
    return _Pattern(
        label=patterns.name,
        entry=entry.id or f"{patterns.name}:{entry.line}",
        weight=entry.weight,
        language=entry.language,
        category=patterns.category,
        regex=regex,
    )


_WALLETS = EntryList(
    kind="pattern",
    name="doubling",
    path="<example>",
    entries=(ListEntry(r"(send|transfer) \d+ (btc|eth|usdt).{0,40}(get|receive) \d+ back", 1, id="double-back"),),
)

_EXAMPLES = (
    DetectorExample(
        "SEND 1 BTC and GET 2 back today",
        "doubling",
        spans=("SEND 1 BTC and GET 2 back",),
        lists=(_WALLETS,),
    ),
    DetectorExample(
        "Ｓｅｎｄ 1 ETH, receive 2 back",
        "doubling",
        spans=("Ｓｅｎｄ 1 ETH, receive 2 back",),
        lists=(_WALLETS,),
    ),
    DetectorExample("I sent 1 BTC to my brother", "doubling", should_match=False, lists=(_WALLETS,)),
)
