"""Prometheus metrics of one app, in a registry of its own (never the process-global one,
so two apps in one process, as in tests, keep separate figures).

Requests are counted and timed by route template (``/v1/decisions/{decision_id}``, never
the raw path, which would make a series per id), method and status. Decisions are counted
by action as they are stored; group commits report their size and time through the
intake's ``on_commit`` observer.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import msgspec
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from netgov.service.intake_batch import Outcome

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
UNMATCHED = "<unmatched>"
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# Any other method is counted as OTHER: a client must not be able to mint new series.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)


class _Action(msgspec.Struct):
    action: str


_ACTION = msgspec.json.Decoder(_Action)


class ApiMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._series: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}
        self.requests = Counter(
            "netgov_http_requests",
            "HTTP requests answered, by route template, method and status",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "netgov_http_request_duration_seconds",
            "Time from request to the end of the answer, by route template, method and status",
            ["route", "method", "status"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.decisions = Counter(
            "netgov_decisions_stored",
            "New decisions stored through this app, by action",
            ["action"],
            registry=self.registry,
        )
        self.commit_items = Histogram(
            "netgov_intake_commit_items",
            "Items decided and stored per group commit",
            buckets=_BATCH_BUCKETS,
            registry=self.registry,
        )
        self.commit_seconds = Histogram(
            "netgov_intake_commit_seconds",
            "Time to decide, write and commit one group",
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        key = (route, method, status)
        series = self._series.get(key)
        if series is None:
            # labels() takes a lock and builds a tuple per call: resolve each series once.
            code = str(status)
            series = self._series[key] = (
                self.requests.labels(route, method, code),
                self.latency.labels(route, method, code),
            )
        series[0].inc()
        series[1].observe(seconds)

    def observe_commit(self, items: int, seconds: float) -> None:
        """The intake's ``on_commit`` observer; called on the writer thread."""
        self.commit_items.observe(items)
        self.commit_seconds.observe(seconds)

    def count_stored(self, outcomes: Sequence[Outcome]) -> None:
        for outcome in outcomes:
            if outcome.created:
                self.decisions.labels(_ACTION.decode(outcome.document).action).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MetricsMiddleware:
    """Times every HTTP request; outermost, so refusals (413) and errors are counted too."""

    def __init__(self, app: ASGIApp, *, metrics: ApiMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def observed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, observed_send)
        finally:
            seconds = time.perf_counter() - started
            method = scope["method"] if scope["method"] in _METHODS else "OTHER"
            self.metrics.observe_request(_route_of(scope), method, status, seconds)


def _route_of(scope: Scope) -> str:
    route = scope.get("route")
    if route is None:
        # Refused before routing (a body over the limit): find the route it was meant for.
        app = scope.get("app")
        routes = getattr(getattr(app, "router", None), "routes", ())
        route = next((r for r in routes if r.matches(scope)[0] is Match.FULL), None)
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED
