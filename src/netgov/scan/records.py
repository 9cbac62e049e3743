"""One input line in, one output line out: a decision or the reason the line was refused."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import msgspec

from netgov.core.content import Content, content_from_json
from netgov.core.engine import Engine
from netgov.core.observations import Observations


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result for one line: ``json`` is what goes to the output file."""

    line: int
    json: bytes
    action: str | None
    category: str | None
    error: str | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Parsed:
    """A chunk of numbered lines, parsed: the posts, and the outcomes of refused lines by
    position in the chunk."""

    numbers: list[int]
    contents: list[Content]
    refused: dict[int, Outcome]


def decide_lines(engine: Engine, lines: Sequence[tuple[int, bytes]], now: datetime) -> list[Outcome]:
    """Decide a chunk of numbered lines; a line that is not a post becomes an error record."""
    return decide_parsed(engine, parse_chunk(lines), now)


def parse_chunk(lines: Sequence[tuple[int, bytes]]) -> Parsed:
    contents: list[Content] = []
    refused: dict[int, Outcome] = {}
    for position, (number, raw) in enumerate(lines):
        try:
            contents.append(parse_line(raw))
        except ValueError as error:
            message = str(error)
            record = msgspec.json.encode({"line": number, "error": message})
            refused[position] = Outcome(number, record, None, None, message)
    return Parsed([number for number, _ in lines], contents, refused)


def decide_parsed(
    engine: Engine, parsed: Parsed, now: datetime, observations: Sequence[Observations | None] | None = None
) -> list[Outcome]:
    """``observations``, when given, has one entry per parsed post (waves, ...)."""
    decisions = iter(engine.decide_many(parsed.contents, now=now, observations=observations))
    texts = iter(parsed.contents)
    outcomes = []
    for position, number in enumerate(parsed.numbers):
        if position in parsed.refused:
            outcomes.append(parsed.refused[position])
            continue
        decision, content = next(decisions), next(texts)
        category = decision.category.value if decision.category else None
        outcomes.append(
            Outcome(
                number,
                _ENCODER.encode(decision),
                decision.action.value,
                category,
                text=content.text,
            )
        )
    return outcomes


_ENCODER = msgspec.json.Encoder()


def parse_line(raw: bytes) -> Content:
    """Decode one JSONL line, with a message that says what is wrong with it."""
    try:
        return content_from_json(raw)
    except msgspec.ValidationError as error:
        raise ValueError(f"not a valid post: {error}") from error
    except msgspec.DecodeError as error:
        raise ValueError(f"not valid JSON: {error}") from error
