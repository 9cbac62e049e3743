"""The gate of the public notice endpoints: who a reporter is (without keeping who), and
whether they may file another notice this hour.

    gate = NoticeGate.open(settings)       # once, in the Runtime
    key = gate.reporter_key(email="Ana@example.org", address="203.0.113.5")
    gate.admit_address("203.0.113.5", at=now)   # RateLimitedError (429, Retry-After) when over

A reporter is known by a keyed hash (HMAC-SHA-256) of their lower-cased email address, or of
their network address when they gave none. The key is a random secret kept beside the audit
signing key, in ``data_dir/reporter-key`` (created on first use, readable by its owner
only); every process of one installation must share it (as they share the data directory),
or the same reporter gets different keys. Without the secret, a stored key cannot be turned
back into an address by hashing candidates. Rate-limit counters are keyed the same way, so
Redis never holds a network address either.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from netgov.errors import RateLimitedError, ServiceUnavailableError
from netgov.governance.brigades import BrigadeRule
from netgov.service.rate_limits import Limiter, open_limiter
from netgov.settings import Settings

SECRET_FILE = "reporter-key"
# Looking a notice up is cheaper than filing one and people check more than once: an
# address may look up this many times as many notices as it may file.
LOOKUPS_PER_NOTICE = 10
_SECRET_BYTES = 32


@dataclass(frozen=True)
class NoticeGate:
    secret: bytes
    limiter: Limiter
    per_address: int
    per_reporter: int
    max_items: int
    brigade: BrigadeRule

    @classmethod
    def open(cls, settings: Settings) -> NoticeGate:
        return cls(
            secret=load_or_create_secret(settings.data_dir / SECRET_FILE),
            limiter=open_limiter(settings.waves),
            per_address=settings.notice_rate_per_ip,
            per_reporter=settings.notice_rate_per_reporter,
            max_items=settings.notice_max_items,
            brigade=brigade_rule(settings),
        )

    def reporter_key(self, *, email: str | None, address: str) -> str:
        if email is not None and email.strip():
            return self._keyed(f"email:{email.strip().lower()}")
        return self._keyed(f"address:{address}")

    def flagger_key(self, flagger_id: str) -> str:
        """A trusted flagger reports as itself, whatever address it sends from."""
        return self._keyed(f"flagger:{flagger_id}")

    def admit_address(self, address: str, *, at: datetime) -> None:
        """Count a notice from ``address``; RateLimitedError (429) over ``per_address`` an hour."""
        self._admit(f"address:{self._keyed(address)}", self.per_address, at, "notices", "your network address")

    def admit_reporter(self, reporter_key: str, *, at: datetime) -> None:
        """Count a notice from the reporter; RateLimitedError (429) over ``per_reporter`` an hour."""
        self._admit(f"reporter:{reporter_key}", self.per_reporter, at, "notices", "you")

    def admit_lookup(self, address: str, *, at: datetime) -> None:
        """Count a status lookup from ``address`` (``LOOKUPS_PER_NOTICE`` times the notice limit)."""
        limit = LOOKUPS_PER_NOTICE * self.per_address
        self._admit(f"lookup:{self._keyed(address)}", limit, at, "status lookups", "your network address")

    def _admit(self, key: str, limit: int, at: datetime, what: str, whose: str) -> None:
        wait = self.limiter.hit(key, limit=limit, at=at)
        if wait is not None:
            raise RateLimitedError(
                f"at most {limit} {what} an hour are accepted from {whose}; try again in {wait} seconds",
                retry_after=wait,
            )

    def _keyed(self, text: str) -> str:
        return hmac.new(self.secret, text.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def brigade_rule(settings: Settings) -> BrigadeRule:
    return BrigadeRule(
        window=timedelta(minutes=settings.brigade_window_minutes),
        min_notices=settings.brigade_min_notices,
        suspect_share=settings.brigade_suspect_share,
    )


def load_or_create_secret(path: Path) -> bytes:
    """The secret at ``path``; on first use a new one is written there (0600). It is written
    whole to a file of its own and then linked into place, which fails when another process
    got there first: both then use that one, and nobody reads a half-written key."""
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    secret = secrets.token_bytes(_SECRET_BYTES)
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(secret.hex().encode("ascii"))
        os.link(draft, path)
    except FileExistsError:
        return _read(path)
    except OSError as error:
        raise ServiceUnavailableError(f"cannot create the reporter key {path}: {error.strerror}") from error
    finally:
        draft.unlink(missing_ok=True)
    return secret


def _read(path: Path) -> bytes:
    text = path.read_text(encoding="ascii").strip()
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) < 16:
        raise ServiceUnavailableError(f"{path} is not a reporter key (expected {2 * _SECRET_BYTES} hex digits)")
    return secret
