"""A real HTTP server on a loopback address serving whatever pages a test registers, and a fake DNS.

Usage::

    async with serving() as server:
        server.add("/story", page(b"<html>...</html>"))
        await fetch_resource(server.url("/story"), resolver=FakeDNS({"news.test": "127.0.0.1"}), ...)
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from ipaddress import ip_address

from aiohttp import web

from bot.errors import FetchFailed
from bot.fetch.policy import IPAddress

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class SeenRequest:
    """What the server saw of one request."""

    path: str
    host: str
    headers: Mapping[str, str]


class PageServer:
    """An HTTP server on one loopback address answering each path with a registered handler."""

    def __init__(self, host: str) -> None:
        self.host = host
        self.port = 0
        self.requests: list[SeenRequest] = []
        self._handlers: dict[str, Handler] = {}

    def add(self, path: str, handler: Handler) -> str:
        """Serve `path` with `handler`; returns the path's URL on the host name news.test."""
        self._handlers[path] = handler
        return self.url(path)

    def url(self, path: str, host: str = "news.test") -> str:
        """The URL of `path` on this server, reached through the host name `host`."""
        return f"http://{host}:{self.port}{path}"

    async def dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(SeenRequest(request.path, request.host, dict(request.headers)))
        handler = self._handlers.get(request.path)
        if handler is None:
            return web.Response(status=404, text="no such page")
        return await handler(request)


@asynccontextmanager
async def serving(host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[PageServer]:
    """A PageServer listening on `host` (any 127.x.x.x works on Linux) until the block ends."""
    server = PageServer(host)
    app = web.Application()
    app.router.add_route("*", "/{path:.*}", server.dispatch)
    runner = web.AppRunner(app, shutdown_timeout=0.5, handler_cancellation=True, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    server.port = int(runner.addresses[0][1])
    try:
        yield server
    finally:
        await runner.cleanup()


def page(
    body: bytes | str,
    content_type: str | None = "text/html; charset=utf-8",
    *,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Handler:
    """A handler answering with a fixed body (str is sent as UTF-8) and Content-Type."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    async def handle(request: web.Request) -> web.StreamResponse:
        response = web.Response(body=data, status=status, headers=dict(headers or {}))
        if content_type is None:
            response.headers.popall("Content-Type", None)
        else:
            response.headers["Content-Type"] = content_type
        return response

    return handle


def redirect(location: str, status: int = 302) -> Handler:
    """A handler answering with a redirect to `location`."""

    async def handle(request: web.Request) -> web.StreamResponse:
        return web.Response(status=status, headers={"Location": location})

    return handle


def streamed(
    chunks: Iterable[bytes],
    *,
    delay: float = 0.0,
    content_type: str = "text/html; charset=utf-8",
    content_length: int | None = None,
) -> Handler:
    """A handler streaming `chunks` (without Content-Length unless given), pausing `delay` s before each."""

    async def handle(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": content_type})
        if content_length is not None:
            response.content_length = content_length
        await response.prepare(request)
        try:
            for chunk in chunks:
                await asyncio.sleep(delay)
                await response.write(chunk)
        except ConnectionError:
            return response  # the client hung up, as it should when it stops reading
        await response.write_eof()
        return response

    return handle


class FakeDNS:
    """A resolver mapping fixed host names to addresses; other names fail like NXDOMAIN."""

    def __init__(self, records: Mapping[str, str | Sequence[str]]) -> None:
        self.records = {
            host: (addresses,) if isinstance(addresses, str) else tuple(addresses)
            for host, addresses in records.items()
        }
        self.lookups: list[str] = []

    async def __call__(self, host: str) -> list[IPAddress]:
        self.lookups.append(host)
        if host not in self.records:
            raise FetchFailed(f"DNS lookup for {host!r} failed: no such name")
        return [ip_address(address) for address in self.records[host]]


PARAGRAPHS = (
    "The mayor said on Tuesday that the Harbour Bridge would reopen next month, after repairs that "
    "lasted nearly a year and cost the city far more than expected.",
    "“We are on schedule,” the mayor told reporters at City Hall. Officials who asked not to be "
    "named said the work could slip into the summer.",
    "According to a report seen by the Daily Planet, costs rose by a third. A spokesperson for the "
    "contractor declined to comment on the figures.",
)


def article_html(*, site_name: bool = True, extra_body: str = "", head_extra: str = "") -> str:
    """A news article page with metadata, navigation and footer around the PARAGRAPHS."""
    site = '<meta property="og:site_name" content="Daily Planet">' if site_name else ""
    return f"""<!doctype html><html><head>
<title>Mayor says bridge will reopen | Daily Planet</title>{site}
<meta name="author" content="Lois Lane">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">{head_extra}
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Mayor says bridge will reopen</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1].replace(" Officials", "<br>Officials")}</p>
<h2>Costs rising</h2>
<p>{PARAGRAPHS[2].replace("Daily Planet", "<b>Daily Planet</b>")}</p>
{extra_body}
</article>
<footer>Copyright 2024 Daily Planet. All rights reserved.</footer></body></html>"""
