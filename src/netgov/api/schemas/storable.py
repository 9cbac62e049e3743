"""Text the databases can keep, checked where requests are parsed.

PostgreSQL refuses the NUL character and UTF-8 cannot encode a lone surrogate; refusing both
while parsing makes them a 422 naming the field, not a failure at commit. The patterns say
the same in the schema itself, so clients and schema-driven tests know before they send.
"""

from __future__ import annotations

NO_NUL = r"^[^\x00]*$"
# Not blank either: at least one character that is neither NUL nor space (\x1c-\x1f are
# spaces to Python's str.strip too).
NOT_BLANK = r"^[^\x00]*[^\x00\s\x1c-\x1f][^\x00]*$"


def storable(value: str) -> str:
    """``value`` when both databases can store it; else ValueError saying why."""
    if "\x00" in value:
        raise ValueError("must not contain the NUL character")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("must be valid Unicode (it contains a lone surrogate)") from None
    return value
