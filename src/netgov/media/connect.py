"""Opening the hash banks a scan matches against, from a directory.

The bank store and its Hamming index live in ``netgov.media.banks``, which provides
``open_index(path) -> BankIndex``; it is looked up when asked for, so that hashing and
the matcher work (with any ``BankIndex``) in builds without it.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import cast

from netgov.media.ports import BankIndex


def open_bank_index(path: Path) -> BankIndex:
    """Raises ValueError when the banks cannot be opened."""
    try:
        opener = importlib.import_module("netgov.media.banks").open_index
    except (ImportError, AttributeError) as error:
        raise ValueError(f"hash banks are not available: {error}") from error
    return cast(BankIndex, opener(path))
