"""The server side of bench/api.py: a fresh database per backend, seeded through the
services, and ``netgov serve`` on it in a process of its own.

    with fresh_database("sqlite", workdir, postgres_url) as url:
        keys = seed(url)
        with served(url, workdir) as server:
            ...

SQLite lives in the work directory; PostgreSQL gets a database of its own, created next to
the one in ``postgres_url`` and dropped afterwards.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.engine import make_url

from netgov.demo.world import demo_world
from netgov.service.api_keys import issue_key
from netgov.service.permissions import SYSTEM
from netgov.service.places import add_jurisdiction, add_platform
from netgov.settings import sqlite_url
from netgov.store.database import connect
from netgov.store.schema import upgrade
from netgov.store.unit_of_work import UnitOfWork


class BackendUnavailableError(Exception):
    """The backend cannot be used here (PostgreSQL unreachable); the benchmark skips it."""


@contextmanager
def fresh_database(backend: str, workdir: Path, postgres_url: str) -> Iterator[str]:
    if backend == "sqlite":
        yield sqlite_url(workdir / "netgov.sqlite")
        return
    admin = make_url(postgres_url).set(drivername="postgresql")
    name = f"netgov_bench_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        reason = str(error).strip().splitlines()[0]
        raise BackendUnavailableError(f"PostgreSQL at {admin.render_as_string()} is unreachable: {reason}") from error
    try:
        yield make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(url: str) -> dict[str, str]:
    """Migrate, then add the demo world's jurisdictions and platforms and one API key per
    platform, through the services as the system principal. Returns platform -> key."""
    database = connect(url)
    now = datetime.now(UTC)
    world = demo_world()
    try:
        upgrade(database)
        with UnitOfWork(database, write=True) as uow:
            for node in world.jurisdictions:
                add_jurisdiction(
                    uow, actor=SYSTEM, code=node.code, name=node.name, level=node.level, parent=node.parent, at=now
                )
            keys = {}
            for platform in world.platforms:
                add_platform(
                    uow,
                    actor=SYSTEM,
                    platform_id=platform.id,
                    name=platform.name,
                    jurisdiction=platform.jurisdiction,
                    at=now,
                )
                keys[platform.id] = issue_key(uow, actor=SYSTEM, platform_id=platform.id, name="bench", at=now)
            uow.commit()
    finally:
        database.dispose()
    return keys


def durability(url: str) -> str:
    """The settings that make a commit durable, as the service's own connections see them."""
    database = connect(url)
    try:
        with database.connect() as connection:
            if database.dialect.name == "sqlite":
                mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
                level = int(connection.exec_driver_sql("PRAGMA synchronous").scalar() or 0)
                return f"journal_mode={mode}, synchronous={_SQLITE_SYNCHRONOUS.get(level, level)}"
            names = ("fsync", "synchronous_commit", "wal_sync_method", "full_page_writes")
            return ", ".join(f"{n}={connection.exec_driver_sql(f'SHOW {n}').scalar()}" for n in names)
    finally:
        database.dispose()


_SQLITE_SYNCHRONOUS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def metrics(self) -> dict[str, float]:
        """The server's Prometheus samples, by name and labels (``name{label=value}``)."""
        with urllib.request.urlopen(f"{self.url}/metrics", timeout=10) as answer:
            text = answer.read().decode()
        samples: dict[str, float] = {}
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
                samples[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
        return samples


@contextmanager
def served(url: str, workdir: Path) -> Iterator[Server]:
    """``netgov serve --db URL --port P``: exactly how an operator runs the service."""
    port = free_port()
    log = workdir / f"serve-{port}.log"
    command = [sys.executable, "-m", "netgov.cli", "serve", "--db", url, "--port", str(port)]
    env = {**os.environ, "NETGOV_DATA_DIR": str(workdir / "data")}
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    server = Server(process, port, log)
    try:
        _wait_until_live(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_live(server: Server) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"netgov serve exited early:\n{server.log.read_text()}")
        try:
            with urllib.request.urlopen(f"{server.url}/readyz", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"netgov serve did not become ready in 60 s:\n{server.log.read_text()}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def write_keys(keys: dict[str, str], workdir: Path) -> Path:
    path = workdir / "keys.json"
    path.write_text(json.dumps(keys))
    path.chmod(0o600)
    return path
