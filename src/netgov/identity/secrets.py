"""Passwords (argon2id) and API keys (random, stored as SHA-256, shown once).

API keys carry 256 bits of randomness, so a fast hash is enough to store them; passwords
are chosen by people and need a slow, salted one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

KEY_PREFIX = "ngk"


class Passwords:
    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        self._dummy: str | None = None

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def dummy_verify(self, password: str) -> None:
        """Spend the same time as a real check, so unknown usernames are not revealed by timing."""
        if self._dummy is None:
            # Hashed with this hasher's own parameters: a hash of other cost would take
            # another time to check, which is what this must not do.
            self._dummy = self._hasher.hash("netgov-timing-equaliser")
        self.verify(self._dummy, password)


def new_password() -> str:
    return secrets.token_urlsafe(12)


class IssuedKey:
    """An API key as shown once: ``ngk_<lookup>_<secret>``; only ``lookup`` and the digest are kept."""

    def __init__(self) -> None:
        self.lookup = secrets.token_hex(6)
        self.token = f"{KEY_PREFIX}_{self.lookup}_{secrets.token_urlsafe(32)}"
        self.digest = digest_token(self.token)


def digest_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def parse_key(token: str) -> str | None:
    """The lookup part of a well-formed key, or None."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or len(parts[1]) != 12:
        return None
    return parts[1]


def same_digest(stored: str, token: str) -> bool:
    return hmac.compare_digest(stored, digest_token(token))


def new_session_token() -> str:
    return secrets.token_urlsafe(32)
