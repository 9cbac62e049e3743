"""`netgov serve` as a real process over real HTTP: it answers, decides posts with a key
issued by `netgov keys issue`, and exits 0 after a graceful shutdown on SIGTERM or SIGINT;
and the shutdown itself, which commits every queued submission before it returns."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from netgov.api import create_app
from netgov.api.serving import uvicorn_config
from netgov.cli.main import cli
from netgov.core.content import Content
from netgov.service.intake_batch import Item
from netgov.store.tables import DecisionRow
from tests.service_world import World


def netgov(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@dataclass
class Server:
    process: subprocess.Popen[str]
    url: str

    def stop(self, sig: signal.Signals) -> tuple[int, str]:
        self.process.send_signal(sig)
        output, _ = self.process.communicate(timeout=30)
        return self.process.returncode, output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def _serving(url: str, data_dir: Path) -> Iterator[Server]:
    port = _free_port()
    command = [sys.executable, "-m", "netgov.cli", "serve", "--db", url, "--port", str(port)]
    env = {**os.environ, "NETGOV_DATA_DIR": str(data_dir)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    server = Server(process, f"http://127.0.0.1:{port}")
    try:
        _wait_until_live(server)
        yield server
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def _wait_until_live(server: Server) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"netgov serve exited early:\n{server.process.communicate()[0]}")
        try:
            if httpx.get(f"{server.url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    pytest.fail("netgov serve did not answer /healthz within 30 s")


@pytest.fixture
def platform_key(tmp_path: Path) -> tuple[str, str]:
    """A migrated SQLite database with the platform chirp, and a key issued by `netgov keys issue`."""
    url = f"sqlite:///{tmp_path / 'served.sqlite'}"
    for args in (
        ("db", "upgrade"),
        ("jurisdictions", "add", "ex", "--name", "Examplia", "--level", "national"),
        ("platforms", "add", "chirp", "--name", "Chirp", "--jurisdiction", "ex"),
    ):
        assert netgov(*args, "--db", url).exit_code == 0
    return url, netgov("keys", "issue", "chirp", "--db", url).stdout.strip()


def test_serve_decides_posts_over_http_and_exits_0_on_sigterm(platform_key: tuple[str, str], tmp_path: Path) -> None:
    url, token = platform_key
    post = {"id": "p1", "text": "send 0.5 ETH and receive 1 ETH back", "account": {"id": "u1"}}
    with _serving(url, tmp_path) as server:
        assert httpx.get(f"{server.url}/readyz").status_code == 200
        answer = httpx.post(f"{server.url}/v1/content", json=post, headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 201, answer.text
        assert answer.json()["action"] == "remove"
        status, output = server.stop(signal.SIGTERM)
    assert status == 0, output
    assert "Application shutdown complete" in output


def test_serve_exits_0_on_sigint_after_a_graceful_shutdown(platform_key: tuple[str, str], tmp_path: Path) -> None:
    with _serving(platform_key[0], tmp_path) as server:
        status, output = server.stop(signal.SIGINT)
    assert status == 0, output
    assert "Traceback" not in output


def test_shutdown_commits_every_queued_submission_before_it_returns(world: World) -> None:
    server = uvicorn.Server(
        uvicorn_config(create_app(world.runtime, close_runtime=True), host="127.0.0.1", port=_free_port())
    )
    thread = threading.Thread(target=server.run)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    queued = [
        world.runtime.intake.submit(
            [
                Item(
                    content=Content(id=f"p{n}", platform="chirp", text=f"post {n}"),
                    jurisdiction="ex",
                    actor="platform:chirp",
                )
            ]
        )
        for n in range(2000)
    ]
    server.should_exit = True
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert all(future.done() and future.exception() is None for future in queued)
    with world.runtime.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(DecisionRow)) == len(queued)
