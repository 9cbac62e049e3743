"""Links in markup whose visible text names another site than the one they open.

``<a href="https://evil.example/">paypal.com</a>`` and ``[paypal.com](https://evil.example/)``
show one domain and go to another, the oldest phishing trick. Only link text that itself
reads as a URL or domain counts: "click here" shows no destination and is not a mismatch.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

# Bounded repetitions keep a post full of unclosed "<a" linear in practice.
_ANCHOR = re.compile(
    r"<a\b[^>]{0,2000}?\bhref\s*=\s*(?:\"([^\"]{0,2000})\"|'([^']{0,2000})'|([^\s>]{1,2000}))"
    r"[^>]{0,2000}>(.{0,2000}?)</a\s*>",
    re.IGNORECASE | re.DOTALL,
)
_MARKDOWN = re.compile(r"\[([^\[\]\n]{1,500})\]\(\s*<?([^\s()<>]{1,2000})>?(?:\s+\"[^\"\n]{0,500}\")?\s*\)")
_TAG = re.compile(r"<[^>]{0,2000}>")


@dataclass(frozen=True, slots=True)
class MarkupLink:
    start: int
    end: int
    href: str
    shown: str


def has_markup(folded: str) -> bool:
    """A cheap test on the folded (lower-case) view before running the expressions."""
    return "href" in folded or "](" in folded


def markup_texts(joined: str, starts: Sequence[int]) -> set[int]:
    """Which texts of a batch (joined, with ``starts`` as in BatchViews) may hold markup."""
    found: set[int] = set()
    for needle in ("href", "]("):
        position = joined.find(needle)
        while position != -1:
            text = bisect_right(starts, position) - 1
            found.add(text)
            position = joined.find(needle, starts[text + 1])
    return found


def markup_links(original: str) -> Iterator[MarkupLink]:
    for match in _ANCHOR.finditer(original):
        href = match.group(1) or match.group(2) or match.group(3) or ""
        shown = _TAG.sub(" ", match.group(4))
        yield MarkupLink(match.start(), match.end(), html.unescape(href).strip(), html.unescape(shown))
    for match in _MARKDOWN.finditer(original):
        yield MarkupLink(match.start(), match.end(), match.group(2), match.group(1))
