"""Query codes: what a reporter types to follow a notice without an account.

    code = new_query_code()          # "7KQ2-M9XD-4HTR-0BWE", shown once, on the receipt
    code_hash(code)                  # what is stored: the SHA-256 of its canonical form
    canonical_code(" 7kq2 m9xd-4htr-obwe ") == code   # forgiving when typed back

Sixteen characters from Crockford's base-32 alphabet (no I, L, O or U: nothing to confuse
with 1 or 0), in four groups of four: 80 random bits, too many to guess by trying. Typed back,
case, spaces and dashes do not matter, and O, I and L read as 0, 1 and 1. Only the hash is
stored, so the database alone cannot be used to follow anyone's notice.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 4
GROUP_LENGTH = 4
_LENGTH = GROUPS * GROUP_LENGTH
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_IGNORED = str.maketrans("", "", " -\t")
# Longer input is not a code, and is not worth normalising.
MAX_INPUT = 64


def new_query_code() -> str:
    return _grouped("".join(secrets.choice(ALPHABET) for _ in range(_LENGTH)))


def canonical_code(text: str) -> str | None:
    """The code as it was issued, or None when ``text`` cannot be one."""
    if len(text) > MAX_INPUT:
        return None
    plain = text.upper().translate(_IGNORED).translate(_READ_AS)
    if len(plain) != _LENGTH or any(char not in ALPHABET for char in plain):
        return None
    return _grouped(plain)


def code_hash(code: str) -> str:
    """The SHA-256 (hex) stored for an issued code, in its canonical form."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def lookup_hash(text: str) -> str:
    """The hash to look ``text`` up by. Text that is no code gets the hash of itself, which
    matches nothing stored (stored hashes are of canonical codes), so a malformed code takes
    the same path as an unknown one and the answer tells an enumerator nothing."""
    canonical = canonical_code(text)
    raw = text[:MAX_INPUT].encode("utf-8", "surrogatepass")
    return code_hash(canonical) if canonical is not None else hashlib.sha256(b"not-a-code:" + raw).hexdigest()


def _grouped(plain: str) -> str:
    return "-".join(plain[i : i + GROUP_LENGTH] for i in range(0, _LENGTH, GROUP_LENGTH))
