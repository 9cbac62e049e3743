"""Turning a ``MediaRef`` into hashes: the only place that reads media files.

Bytes in the reference win over its ``uri``; a reference with neither is matched on the
hashes the platform sent. Remote URIs are not fetched: downloading is the platform's
job, and a scan must not make requests on behalf of the posts it reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from netgov.core.content import MediaRef
from netgov.media.hashing import UnreadableMediaError, decode_image, exact_hashes, is_pdq, pdq_of_image
from netgov.media.video import hash_video


@dataclass(frozen=True, slots=True)
class FrameHash:
    """One PDQ hash of an item: ``at`` is the frame's second in a video (None for an
    image); ``quality`` is None when the platform sent the hash."""

    hash: str
    quality: int | None
    at: float | None = None


@dataclass(frozen=True, slots=True)
class ItemHashes:
    pdq: tuple[FrameHash, ...]
    exact: tuple[tuple[str, str], ...]  # (signal type, hex value)
    video: bool = False


@dataclass(frozen=True, slots=True)
class SourceOptions:
    fps: float = 1.0
    max_bytes: int = 256 * 1024 * 1024
    base_dir: Path | None = None


def item_hashes(ref: MediaRef, options: SourceOptions) -> ItemHashes:
    """Raises UnreadableMediaError for bytes that do not decode or a file not readable."""
    data = ref.data if ref.data is not None else _read(ref.uri, options) if ref.uri else None
    if data is None:
        return _sent(ref)
    md5, sha256 = exact_hashes(data)
    exact = ((_md5_type(ref), md5), ("sha256", sha256))
    if ref.kind == "video":
        frames = hash_video(data, options.fps)
        return ItemHashes(tuple(FrameHash(f.pdq.hash, f.pdq.quality, f.at) for f in frames), exact, video=True)
    pdq = pdq_of_image(decode_image(data))
    return ItemHashes((FrameHash(pdq.hash, pdq.quality),), exact)


def _sent(ref: MediaRef) -> ItemHashes:
    if ref.pdq is not None and not is_pdq(ref.pdq):
        raise UnreadableMediaError("pdq must be 64 hex digits")
    pdq = (FrameHash(ref.pdq.lower(), None),) if ref.pdq else ()
    sent = ((_md5_type(ref), ref.md5), ("sha256", ref.sha256))
    exact = tuple((kind, value.lower()) for kind, value in sent if value)
    return ItemHashes(pdq, exact)


def _md5_type(ref: MediaRef) -> str:
    # ThreatExchange keeps the MD5 of whole video files as its own signal type.
    return "video_md5" if ref.kind == "video" else "md5"


def local_path(uri: str, base_dir: Path | None = None) -> Path:
    """A local path or ``file://`` URI as a path; relative paths are taken from base_dir."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme and len(parsed.scheme) > 1:  # one letter: a Windows drive
        raise UnreadableMediaError(f"not fetched: {parsed.scheme}:// (only local paths and file:// URIs)")
    path = Path(uri)
    return path if path.is_absolute() or base_dir is None else base_dir / path


def _read(uri: str, options: SourceOptions) -> bytes:
    path = local_path(uri, options.base_dir)
    try:
        if path.stat().st_size > options.max_bytes:
            raise UnreadableMediaError(f"{path}: larger than {options.max_bytes} bytes")
        return path.read_bytes()
    except OSError as error:
        raise UnreadableMediaError(f"{path}: {error.strerror or error}") from error
