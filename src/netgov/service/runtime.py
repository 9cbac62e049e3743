"""The composition root of the service: settings in, every collaborator wired once.

The API app, the console and the CLI commands that touch the database all build one
``Runtime`` and pass it down; nothing else creates engines, clocks or caches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from types import TracebackType

from sqlalchemy import Engine as Database

from netgov.core.engine import Engine
from netgov.core.rulebook.model import Rulebook
from netgov.identity.lockout import LockoutPolicy
from netgov.identity.secrets import Passwords
from netgov.rulebook import load_rulebook
from netgov.service.api_keys import KeyCache
from netgov.service.clock import Clock, system_clock
from netgov.service.group_writer import GroupWriter, wave_tracker
from netgov.service.intake import ContentIntake, Writer
from netgov.service.intake_process import ProcessWriter
from netgov.service.notice_gate import NoticeGate
from netgov.service.rulebook_versions import register_rulebook
from netgov.service.statement_grounds import StatementPolicy
from netgov.settings import Settings
from netgov.store.database import connect
from netgov.store.schema import require_current
from netgov.store.unit_of_work import UnitOfWork


@dataclass
class Runtime:
    settings: Settings
    database: Database
    rulebook: Rulebook
    engine: Engine
    intake: ContentIntake
    clock: Clock
    # The public notice endpoints' limits and reporter keys: one per process, shared by API and portal.
    notice_gate: NoticeGate
    passwords: Passwords = field(default_factory=Passwords)
    keys: KeyCache = field(default_factory=KeyCache)

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        clock: Clock = system_clock,
        rulebook: Rulebook | None = None,
        passwords: Passwords | None = None,
    ) -> Runtime:
        """Connect, refuse an un-migrated database (SchemaError), load the rulebook, start the writer."""
        notice_gate = NoticeGate.open(settings)
        database = connect(settings.resolved_database_url)
        try:
            require_current(database, shown_url(settings.resolved_database_url))
            rulebook = rulebook or load_rulebook(settings.rules)
        except Exception:
            database.dispose()
            raise
        engine = Engine(rulebook)
        writer: Writer
        if settings.intake_process:
            writer = ProcessWriter(settings)
        else:
            writer = GroupWriter(
                database=database,
                engine=engine,
                clock=clock,
                tracker=wave_tracker(settings),
                strike_days=settings.strike_days,
            )
        intake = ContentIntake(writer=writer, engine=engine, batch_max=settings.commit_batch_max)
        runtime = cls(
            settings=settings,
            database=database,
            rulebook=rulebook,
            engine=engine,
            intake=intake,
            clock=clock,
            notice_gate=notice_gate,
            passwords=passwords or Passwords(),
        )
        with runtime.uow(write=True) as uow:
            if register_rulebook(uow, rulebook, at=clock()):
                uow.commit()
        intake.start()
        return runtime

    def uow(self, *, write: bool = False) -> UnitOfWork:
        return UnitOfWork(self.database, write=write)

    @property
    def lockout(self) -> LockoutPolicy:
        return LockoutPolicy(
            attempts=self.settings.lockout_attempts, duration=timedelta(minutes=self.settings.lockout_minutes)
        )

    @property
    def statement_policy(self) -> StatementPolicy:
        """The rulebook's regulations and the redress settings, for statements people issue."""
        return StatementPolicy(
            regulations=self.rulebook.regulations,
            appeal_window_days=self.settings.appeal_window_days,
            strike_days=self.settings.strike_days,
        )

    @property
    def session_lifetime(self) -> timedelta:
        return timedelta(hours=self.settings.session_hours)

    def close(self) -> None:
        self.intake.stop()
        if isinstance(self.intake.writer, ProcessWriter):
            self.intake.writer.close()
        self.database.dispose()

    def __enter__(self) -> Runtime:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def shown_url(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
