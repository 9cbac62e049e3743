"""Refusing request bodies over the configured size with 413, before they are read whole.

One instance guards every path (``max_body_bytes``); another, given ``paths``, guards only
those with a smaller limit (the public notice endpoints: ``notice_max_bytes``).
"""

from __future__ import annotations

from collections.abc import Collection

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from netgov.api.problems import problem_body


class BodyLimit:
    def __init__(self, app: ASGIApp, *, limit: int, paths: Collection[str] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.paths = None if paths is None else frozenset(paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (self.paths is not None and scope["path"] not in self.paths):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLargeError
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracking_send)
        except _TooLargeError:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = problem_body(
            status=413,
            title="Request body too large",
            detail=f"the body is over the limit of {self.limit} bytes; send fewer items per request",
        )
        headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class _TooLargeError(Exception):
    pass
