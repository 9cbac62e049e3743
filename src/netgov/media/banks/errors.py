"""Errors of the hash banks, under ``NetgovError`` so every edge can map them.

NetgovError
└── BankError          a bank operation cannot be done (unknown bank, bad name or value)
    └── BankImportError  a signal file has invalid rows; carries every "file:line: why"
"""

from __future__ import annotations

from collections.abc import Sequence

from netgov.errors import NetgovError


class BankError(NetgovError):
    """A bank operation failed; the message says why in plain language."""


class BankImportError(BankError):
    """A signal file has invalid rows. ``problems`` lists all of them, not just the first,
    and nothing from the file was imported."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        super().__init__(f"{count} invalid row{'s' if count != 1 else ''}:\n" + "\n".join(self.problems))
