"""One ``Settings`` object, built at the composition root (CLI or app factory) and passed down.

Every value can come from an environment variable named ``NETGOV_<FIELD>``; nothing reads
the environment anywhere else in the service.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    return user_data_path("netgov", appauthor=False)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NETGOV_", extra="ignore", frozen=True)

    data_dir: Path = Field(default_factory=default_data_dir)
    # Empty means the embedded default: a SQLite file in ``data_dir``.
    database_url: str = ""
    # The rulebook directory; empty means the bundled rulebook.
    rules: Path | None = None
    # Name of this installation: shown in the console and signed into audit checkpoints.
    installation: str = "netgov"
    max_body_bytes: int = 1_048_576
    max_batch_items: int = 1000
    # Cookies need Secure outside plain-HTTP loopback demos; behind TLS keep the default.
    cookie_secure: bool = True
    session_hours: float = 8.0
    lockout_attempts: int = 5
    lockout_minutes: float = 15.0
    # Group commit: the most items one commit takes (everything queued, up to this).
    commit_batch_max: int = 512
    # Decide and store submitted content in a process of its own (the serving process's
    # event loop then keeps its core); the writer process loads the rulebook from `rules`
    # and reads the clock itself. `netgov serve` turns it on; the library default is a thread.
    intake_process: bool = False
    # Near-duplicate waves and account velocity: "memory" (this process) or a Redis URL
    # shared by every process of the service.
    waves: str = "memory"
    # The sweep (held decisions into cases, deadline warnings and escalations, order
    # reminders): `netgov serve` runs it every this many seconds; 0 turns it off.
    sweep_seconds: float = Field(default=60.0, ge=0)
    # The most items each sweep step handles in one run (one unit of work).
    sweep_batch: int = Field(default=500, ge=1)
    # The public address of the portal, put in front of links handed to the public (a
    # statement's page, a notice's status page); empty gives paths relative to this server.
    public_url: str = ""
    # How long after a statement of reasons (or a decision not to act on a notice) an appeal
    # may be filed: DSA Art. 20(1) asks for at least six months.
    appeal_window_days: float = Field(default=183.0, gt=0)
    # How long a strike counts against an account after the decision that added it.
    strike_days: float = Field(default=365.0, gt=0)
    # Public notice endpoints: the most notices per network address and per reporter in an
    # hour, the most items one notice may name, and the largest body accepted.
    notice_rate_per_ip: int = Field(default=30, ge=1)
    notice_rate_per_reporter: int = Field(default=10, ge=1)
    notice_max_items: int = Field(default=50, ge=1)
    notice_max_bytes: int = Field(default=65_536, ge=1024)
    # Mass-report detection: at least this many notices on one item or account within the
    # window, most (the share) from new or historically inaccurate reporters, is a possible brigade.
    brigade_window_minutes: float = Field(default=60.0, gt=0)
    brigade_min_notices: int = Field(default=8, ge=2)
    brigade_suspect_share: float = Field(default=0.6, gt=0, le=1)

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or sqlite_url(self.data_dir / "netgov.sqlite")

    @property
    def audit_key_path(self) -> Path:
        return self.data_dir / "audit-signing-key.pem"
