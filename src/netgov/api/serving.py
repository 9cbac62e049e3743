"""Running the API app under uvicorn: one configuration for `netgov serve`, `netgov demo`
and the benchmarks, so every way of starting the service measures and behaves the same.

    serve(create_app(runtime, close_runtime=True), host="127.0.0.1", port=8000)

Shutdown is graceful: on SIGINT or SIGTERM uvicorn stops accepting connections, lets
requests in flight finish (up to ``grace`` seconds), then runs the app's lifespan shutdown,
which closes the runtime; closing the runtime lets the content writer commit everything
already queued before the process exits.
"""

from __future__ import annotations

import gc
import signal
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import uvicorn
from starlette.types import ASGIApp

# uvicorn handles these two; after its graceful shutdown it raises them again.
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def uvicorn_config(
    app: ASGIApp, *, host: str, port: int, access_log: bool = False, grace: int = 30, log_level: str = "info"
) -> uvicorn.Config:
    """The service's uvicorn settings: httptools and uvloop; the access log is opt-in (it costs throughput)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http="httptools",
        loop="uvloop",
        lifespan="on",
        access_log=access_log,
        log_level=log_level,
        server_header=False,
        timeout_graceful_shutdown=grace,
    )


@contextmanager
def serving_in_thread(app: ASGIApp, *, start_timeout: float = 10.0) -> Iterator[str]:
    """Serve ``app`` on a free loopback port from a background thread, with the service's
    settings; yields the base URL and stops the server on exit. For tests and tools."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn_config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, name="netgov-server", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + start_timeout
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError(f"uvicorn did not start within {start_timeout:g} s")
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()


def serve(app: ASGIApp, *, host: str, port: int, access_log: bool = False, grace: int = 30) -> None:
    """Serve until SIGINT or SIGTERM, then shut down gracefully and return normally."""
    server = uvicorn.Server(uvicorn_config(app, host=host, port=port, access_log=access_log, grace=grace))
    # Everything loaded so far (rulebook, automata, modules) lives as long as the process:
    # moving it out of the collector's reach turns 80-100 ms full collections under load
    # into a few ms, which was most of p99 (bench/api.py: SQLite p99 at 32 connections
    # 123 -> 34 ms).
    gc.collect()
    gc.freeze()
    with _stop_signals_end_normally():
        server.run()
    if not server.started:
        # uvicorn logged why (the port is taken, the lifespan failed); say it with the exit status too.
        raise SystemExit(1)


@contextmanager
def _stop_signals_end_normally() -> Iterator[None]:
    # uvicorn re-raises the stop signal after its shutdown so that the handler that was in
    # place before it runs; with the defaults that handler kills the process (SIGTERM) or
    # raises KeyboardInterrupt (SIGINT). The shutdown already happened, so swallow it.
    if threading.current_thread() is not threading.main_thread():
        # Only the main thread receives signals; uvicorn then installs no handlers either.
        yield
        return
    previous = {sig: signal.signal(sig, _ignore) for sig in _STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _ignore(_sig: int, _frame: FrameType | None) -> None:
    return None
