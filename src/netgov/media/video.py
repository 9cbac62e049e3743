"""Video frames, sampled at a fixed rate and PDQ-hashed with their timestamps.

Decoding uses PyAV (FFmpeg) from bytes, so nothing is written to disk. A frame is
taken at the first decoded frame at or after each sampling instant (0 s, 1/fps s, ...),
which keeps the sample independent of the video's own frame rate.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import av
import numpy as np

from netgov.media.hashing import Pdq, UnreadableMediaError, pdq_of_image

DEFAULT_FPS = 1.0


@dataclass(frozen=True, slots=True)
class Frame:
    """A sampled frame: its time in seconds from the start of the video, and its PDQ."""

    at: float
    pdq: Pdq


def hash_video(data: bytes, fps: float = DEFAULT_FPS, max_frames: int = 3600) -> list[Frame]:
    """PDQ hashes of frames sampled ``fps`` times a second, at most ``max_frames``."""
    if fps <= 0:
        raise ValueError("fps must be positive")
    try:
        return list(_sampled(data, 1.0 / fps, max_frames))
    except (av.error.FFmpegError, IndexError, ValueError) as error:
        raise UnreadableMediaError(f"not a readable video: {error}") from error


def _sampled(data: bytes, step: float, max_frames: int) -> Iterator[Frame]:
    with av.open(io.BytesIO(data), mode="r") as container:
        stream = container.streams.video[0]
        due, taken = 0.0, 0
        for frame in container.decode(stream):
            at = float(frame.time) if frame.time is not None else due
            if at + 1e-6 < due:
                continue
            rgb = np.ascontiguousarray(frame.to_ndarray(format="rgb24"), dtype=np.uint8)
            yield Frame(round(at, 3), pdq_of_image(rgb))
            taken += 1
            if taken >= max_frames:
                return
            # Skip instants a slow frame rate jumped over, so each frame is taken once.
            while due <= at + 1e-6:
                due += step
