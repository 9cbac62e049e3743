"""One input line in, one output line out: a decision or the reason the line was refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import msgspec

from netgov.core.content import Content, content_from_json
from netgov.core.engine import Engine


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result for one line: ``json`` is what goes to the output file."""

    line: int
    json: bytes
    action: str | None
    category: str | None
    error: str | None = None
    text: str = ""


def decide_line(engine: Engine, line_number: int, raw: bytes, now: datetime) -> Outcome:
    try:
        content = parse_line(raw)
    except ValueError as error:
        message = str(error)
        record = msgspec.json.encode({"line": line_number, "error": message})
        return Outcome(line_number, record, None, None, message)
    decision = engine.decide(content, now=now)
    category = decision.category.value if decision.category else None
    return Outcome(
        line_number, msgspec.json.encode(decision), decision.action.value, category, text=content.text
    )


def parse_line(raw: bytes) -> Content:
    """Decode one JSONL line, with a message that says what is wrong with it."""
    try:
        return content_from_json(raw)
    except msgspec.ValidationError as error:
        raise ValueError(f"not a valid post: {error}") from error
    except msgspec.DecodeError as error:
        raise ValueError(f"not valid JSON: {error}") from error
