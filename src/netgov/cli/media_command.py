"""``netgov media``: hash images and videos the way the media matcher does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import msgspec

from netgov.media.hashing import UnreadableMediaError, decode_image, exact_hashes, pdq_of_image
from netgov.media.video import hash_video

_VIDEO_SUFFIXES = frozenset({".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".gif", ".mpg", ".mpeg", ".ts"})


@click.group()
def media() -> None:
    """Media hashing: PDQ, MD5 and SHA-256 of images, PDQ of sampled video frames."""


@media.command("hash")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: readable lines; json: one JSON object per file.",
)
@click.option(
    "--fps",
    type=click.FloatRange(min=0.01, max=60),
    default=1.0,
    show_default=True,
    help="Video frames sampled per second.",
)
def hash_command(files: tuple[Path, ...], output_format: str, fps: float) -> None:
    """Print the hashes of FILES: for an image its PDQ hash (64 hex digits, as
    ThreatExchange writes them) with its quality (0-100), MD5 and SHA-256; for a video
    (by file suffix, .mp4, .webm, ...) MD5, SHA-256 and the PDQ hash of each sampled frame
    with its timestamp. Exits with status 1 if a file could not be decoded."""
    failed = False
    for path in files:
        try:
            record = _hashes(path, fps)
        except UnreadableMediaError as error:
            click.echo(f"{path}: {error}", err=True)
            failed = True
            continue
        click.echo(msgspec.json.encode(record).decode() if output_format == "json" else _text(record))
    if failed:
        raise SystemExit(1)


def _hashes(path: Path, fps: float) -> dict[str, Any]:
    data = path.read_bytes()
    md5, sha256 = exact_hashes(data)
    record: dict[str, Any] = {"file": str(path), "md5": md5, "sha256": sha256}
    if path.suffix.lower() in _VIDEO_SUFFIXES:
        frames = hash_video(data, fps)
        record["kind"] = "video"
        record["frames"] = [{"at": f.at, "pdq": f.pdq.hash, "quality": f.pdq.quality} for f in frames]
    else:
        pdq = pdq_of_image(decode_image(data))
        record.update(kind="image", pdq=pdq.hash, quality=pdq.quality)
    return record


def _text(record: dict[str, Any]) -> str:
    lines = [f"{record['file']} ({record['kind']})", f"  md5     {record['md5']}", f"  sha256  {record['sha256']}"]
    if record["kind"] == "image":
        lines.append(f"  pdq     {record['pdq']} quality {record['quality']}")
    for frame in record.get("frames", []):
        lines.append(f"  {frame['at']:>7.1f}s pdq {frame['pdq']} quality {frame['quality']}")
    return "\n".join(lines)
