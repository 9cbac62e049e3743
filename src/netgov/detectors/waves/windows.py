"""Wave windows: the labels a rule writes (``wave: 1h``) and the durations they stand for."""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_WINDOWS = "10m,1h,24h"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_LABEL = re.compile(r"([1-9][0-9]*)([smhd])")


@dataclass(frozen=True, slots=True)
class Window:
    label: str
    seconds: int


def parse_windows(text: str) -> tuple[Window, ...]:
    """``"10m,1h,24h"`` -> windows, shortest first; raises ValueError naming a bad label."""
    windows = {}
    for part in text.split(","):
        label = part.strip()
        match = _LABEL.fullmatch(label)
        if match is None:
            raise ValueError(f"not a wave window: {label!r} (expected e.g. 10m, 1h, 24h)")
        windows[label] = Window(label, int(match[1]) * _UNITS[match[2]])
    return tuple(sorted(windows.values(), key=lambda w: w.seconds))
