"""Content: the one item a platform asks the engine about."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import msgspec

MetadataValue = str | int | float | bool | None


class Account(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """The posting account as the platform knows it; only what rules may ask about."""

    id: str
    created_at: datetime | None = None
    verified: bool = False
    prior_strikes: int = 0
    # Velocity: sent by the platform, or filled in by the caller from the velocity port.
    posts_last_minute: int | None = None
    posts_last_hour: int | None = None


class MediaRef(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """An image or video: its bytes, where it is, or hashes already computed.

    ``kind`` is ``image`` or ``video``. ``uri`` may be a local path or a ``file://`` URI
    that the caller's media matcher reads; ``data`` carries the file itself (base64 in
    JSON). ``pdq`` (64 hex digits), ``md5`` and ``sha256`` are hashes the platform
    already computed; the engine itself never reads files.
    """

    kind: str = "image"
    uri: str | None = None
    data: bytes | None = None
    sha256: str | None = None
    md5: str | None = None
    pdq: str | None = None


class Content(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    id: str
    platform: str = ""
    account: Account | None = None
    text: str = ""
    urls: tuple[str, ...] = ()
    media: tuple[MediaRef, ...] = ()
    language: str | None = None
    jurisdiction: str | None = None
    created_at: datetime | None = None
    metadata: Mapping[str, MetadataValue] = msgspec.field(default_factory=dict)


def content_from_json(data: bytes | str) -> Content:
    """Decode one JSON object into Content; raises ``msgspec.ValidationError`` with the path."""
    return _DECODER.decode(data)


def content_to_json(content: Content) -> bytes:
    return msgspec.json.encode(content)


_DECODER = msgspec.json.Decoder(Content)
