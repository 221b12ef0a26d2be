"""uvicorn's httptools protocol with a deadline for request headers.

uvicorn times out a connection only while it is idle between requests (keep-alive). A client that opens
a connection and sends its request line and headers a byte at a time, or nothing at all, holds the
connection for ever, and past `limit_concurrency` open connections uvicorn answers every new request
503: a few hundred such clients (slowloris) would take a worker off the air. Here every request must
finish its headers within the header timeout of its first byte (or of the connection, for the first
request); a client that does not is sent 408 and disconnected. Bodies have their own timeout in the
ASGI application (bot/slack/asgi.py), which sees them; headers never reach it.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from bot.config import load_settings

TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                    b"connection: close\r\ncontent-length: 16\r\n\r\nRequest Timeout\n")


class HeaderDeadlineProtocol(HttpToolsProtocol):
    """HttpToolsProtocol, less the connections that never finish a request's headers."""

    header_seconds = load_settings().header_timeout  # PYFRAMEWORK_HEADER_TIMEOUT, checked at start-up

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._deadline: asyncio.TimerHandle | None = None
        self._arm()  # a connection that sends nothing at all is timed out too

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()  # the next request on a kept-alive connection gets its own deadline

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.header_seconds, self._too_slow)

    def _disarm(self) -> None:
        deadline = getattr(self, "_deadline", None)
        if deadline is not None:
            deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.cycle is None or self.cycle.response_complete:  # no request of ours is being answered
            self.transport.write(TIMEOUT_RESPONSE)
        self.transport.close()
