"""International bank account numbers: the country's format and the ISO 7064 mod-97 check
(python-stdnum's ``iban``, which knows each country's length and structure)."""

from __future__ import annotations

from stdnum import iban as stdnum_iban

_SHORTEST = 15  # Norway


def iban(written: str) -> tuple[int, str] | None:
    """``(length of the IBAN within written, compact IBAN)``. The candidate pattern may
    take a word after a spaced IBAN ("... 0130 00 from"), so whole groups are dropped
    from the end until the rest is valid."""
    groups = written.split(" ")
    while groups:
        number = "".join(groups).upper()
        if len(number) < _SHORTEST:
            return None
        if stdnum_iban.is_valid(number):
            return len(" ".join(groups)), number
        groups.pop()
    return None
