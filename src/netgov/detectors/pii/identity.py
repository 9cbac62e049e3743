"""National identity numbers: how each scheme is written, and its check.

A scheme written in its distinctive way (``123-45-6789``, ``131052-308T``, 18 digits with
a valid birth date, region and check digit) counts on its own. Schemes that are a plain
run of digits with a weak check (a 9-digit Dutch BSN passes its 11-test one time in
eleven) count only when their own name is near (``bsn``); see ``context.WORDS``.

python-stdnum does the checks, except for the schemes whose stdnum validators compare the
birth date with today's date (a detector reads no clock): their checksums are computed
here, and a birth date only has to be a real calendar date.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from stdnum import luhn
from stdnum.cn import ric
from stdnum.es import dni, nie
from stdnum.fi import hetu
from stdnum.fr import nir
from stdnum.in_ import aadhaar
from stdnum.it import codicefiscale
from stdnum.kr import rrn
from stdnum.nl import bsn
from stdnum.pl import pesel
from stdnum.pt import nif
from stdnum.us import ssn


@dataclass(frozen=True, slots=True)
class Writing:
    """One way a scheme's numbers are written, matched on the folded candidate."""

    scheme: str
    validator: str
    pattern: re.Pattern[str]
    check: Callable[[str], bool]
    needs_context: bool
    # The Finnish century sign (-, +, A) is part of the number, not a separator.
    keeps_signs: bool = False

    def normalised(self, written: str) -> str:
        return written.upper() if self.keeps_signs else compact(written)

    def valid(self, written: str) -> bool:
        return self.check(self.normalised(written))


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _in_some_century(yymmdd: str) -> bool:
    """True if the 2-digit-year date is a real date in the 1900s or the 2000s (29 Feb 00)."""
    year, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
    return _real_date(1900 + year, month, day) or _real_date(2000 + year, month, day)


def _se_personnummer(number: str) -> bool:
    digits = number[-10:]
    date = number[:-4]
    # Coordination numbers add 60 to the day.
    day = int(date[-2:])
    date = date[:-2] + f"{day - 60 if day > 60 else day:02d}"
    real = _real_date(int(date[:4]), int(date[4:6]), int(date[6:])) if len(date) == 8 else _in_some_century(date)
    return real and luhn.is_valid(digits)


_CN_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)


def _cn_ric(number: str) -> bool:
    # stdnum's check also requires the county to have existed in the birth year, which
    # rejects real numbers: the code is the place of registration, and people born before
    # a district was created were registered there later. The province is checked instead.
    if not number[:17].isdigit() or number[:2] not in _CN_PROVINCES or ric.calc_check_digit(number) != number[-1]:
        return False
    return _real_date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def _dk_cpr(number: str) -> bool:
    # No check digit since 2007: only the birth date can be checked.
    return _in_some_century(number[4:6] + number[2:4] + number[:2])


def _be_nn(number: str) -> bool:
    check = int(number[-2:])
    # Born in 2000 or later: the checksum is computed with a leading 2.
    century = any(97 - int(prefix + number[:9]) % 97 == check for prefix in ("", "2"))
    return century and int(number[2:4]) % 20 <= 12


def _w(scheme: str, pattern: str, check: Callable[[str], bool], *, needs_context: bool = False) -> Writing:
    validator = _OWN_CHECKS.get(scheme, f"stdnum.{scheme}")
    return Writing(scheme, validator, re.compile(pattern), check, needs_context, keeps_signs=scheme == "fi.hetu")


_OWN_CHECKS = {
    "cn.ric": "checksum+date+province:cn.ric",
    "se.personnummer": "luhn+date:se.personnummer",
    "dk.cpr": "date:dk.cpr",
    "be.nn": "mod97:be.nn",
}

# In order of preference when one number fits several schemes and no context decides.
WRITINGS: tuple[Writing, ...] = (
    _w("cn.ric", r"\d{6} ?\d{8} ?\d{3}[\dx]", _cn_ric),
    _w("fr.nir", r"[12] ?\d{2} ?\d{2} ?\d{2} ?\d{3} ?\d{3} ?\d{2}", nir.is_valid),
    _w("us.ssn", r"\d{3}-\d{2}-\d{4}", ssn.is_valid),
    _w("es.dni", r"\d{8}[a-z]", dni.is_valid),
    _w("es.nie", r"[xyz]\d{7}[a-z]", nie.is_valid),
    _w("it.codicefiscale", r"[a-z]{6}[0-9a-z]{10}", codicefiscale.is_valid),
    _w("fi.hetu", r"\d{6}[-+a-fu-y]\d{3}[0-9a-y]", hetu.is_valid),
    _w("kr.rrn", r"\d{6}-\d{7}", rrn.is_valid),
    _w("se.personnummer", r"(?:\d{2})?\d{6}-\d{4}", _se_personnummer),
    _w("be.nn", r"\d{2}\.\d{2}\.\d{2}[-.]\d{3}\.\d{2}", _be_nn),
    _w("us.ssn", r"\d{3} \d{2} \d{4}|\d{9}", ssn.is_valid, needs_context=True),
    _w("nl.bsn", r"\d{9}|\d{4}\.\d{2}\.\d{3}", bsn.is_valid, needs_context=True),
    _w("pt.nif", r"\d{9}|\d{3} \d{3} \d{3}", nif.is_valid, needs_context=True),
    _w("pl.pesel", r"\d{11}", pesel.is_valid, needs_context=True),
    _w("se.personnummer", r"(?:\d{2})?\d{10}", _se_personnummer, needs_context=True),
    _w("dk.cpr", r"\d{6}-?\d{4}", _dk_cpr, needs_context=True),
    _w("be.nn", r"\d{11}", _be_nn, needs_context=True),
    _w("kr.rrn", r"\d{13}", rrn.is_valid, needs_context=True),
    _w("in.aadhaar", r"\d{4} ?\d{4} ?\d{4}", aadhaar.is_valid, needs_context=True),
)

_SEPARATORS = str.maketrans("", "", " .-/+")


def compact(written: str) -> str:
    """The number without separators, in upper case: what checks and digests use."""
    return written.translate(_SEPARATORS).upper()


def _by_size() -> dict[int, tuple[Writing, ...]]:
    sizes: dict[int, list[Writing]] = {}
    for writing in WRITINGS:
        for size in _SIZES[writing.scheme]:
            sizes.setdefault(size, []).append(writing)
    return {size: tuple(found) for size, found in sizes.items()}


# Characters of each scheme's compact form, to try only the schemes a number could be.
_SIZES = {
    "cn.ric": (18,),
    "fr.nir": (15,),
    "us.ssn": (9,),
    "es.dni": (9,),
    "es.nie": (9,),
    "it.codicefiscale": (16,),
    "fi.hetu": (10, 11),
    "kr.rrn": (13,),
    "se.personnummer": (10, 12),
    "be.nn": (11,),
    "nl.bsn": (9,),
    "pt.nif": (9,),
    "pl.pesel": (11,),
    "dk.cpr": (10,),
    "in.aadhaar": (12,),
}
_BY_SIZE = _by_size()


def identity_shapes(written: str) -> list[Writing]:
    """Every writing whose shape fits ``written`` (folded), checked or not."""
    return [w for w in _BY_SIZE.get(len(compact(written)), ()) if w.pattern.fullmatch(written)]


def identity_matches(written: str) -> list[Writing]:
    """Every writing whose shape fits ``written`` (folded) and whose check passes."""
    return [w for w in identity_shapes(written) if w.valid(written)]
