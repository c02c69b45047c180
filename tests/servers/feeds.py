"""A loopback HTTP server for digest tests: feeds that change between polls, and article pages.

It runs in its own thread (so subprocesses and several event loops can reach it) and honours
conditional GET: each version of a feed has its own ETag and Last-Modified.

Usage::

    with feed_server() as server:
        server.set_feed("/news.xml", rss("News", [FeedItem("a", "Title", ...)]))
        server.url("/news.xml")
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from html import escape

from aiohttp import web

from bot.digest.model import Digest, PostError, Target
from bot.model import Article, Flag, Report, Sourcing


@dataclass(frozen=True)
class FeedItem:
    """One item of a generated feed; `guid=None` leaves the GUID out."""

    slug: str
    title: str
    published: datetime | None
    summary: str = ""
    guid: str | None = ""
    link: str | None = ""


@dataclass
class _Resource:
    body: bytes
    content_type: str
    status: int = 200
    etag: str | None = None
    last_modified: datetime | None = None
    delay: float = 0.0
    hold: Hold | None = None


class Hold:
    """Keeps the answers to one path waiting until `release()`; counts the requests that arrived."""

    def __init__(self) -> None:
        self._released = threading.Event()
        self._lock = threading.Lock()
        self._arrived = 0

    def release(self) -> None:
        """Answer every waiting and later request."""
        self._released.set()

    async def arrived(self, count: int = 1, timeout: float = 10.0) -> None:
        """Wait until `count` requests have arrived (and are being held)."""

        async def enough() -> None:
            while True:
                with self._lock:
                    if self._arrived >= count:
                        return
                await asyncio.sleep(0.01)

        await asyncio.wait_for(enough(), timeout)

    async def _wait(self) -> None:
        with self._lock:
            self._arrived += 1
        while not self._released.is_set():
            await asyncio.sleep(0.01)


@dataclass
class FeedServer:
    """What the server serves, and what it was asked."""

    port: int = 0
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    _resources: dict[str, _Resource] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        """The URL of `path` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def set_feed(
        self,
        path: str,
        body: bytes,
        content_type: str = "application/rss+xml; charset=utf-8",
        *,
        validators: bool = True,
        modified: datetime | None = None,
    ) -> str:
        """Serve a new version of the feed at `path` (new ETag and Last-Modified); returns its URL."""
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"' if validators else None
        stamp = (modified or datetime.now(UTC)).replace(microsecond=0) if validators else None
        with self._lock:
            self._resources[path] = _Resource(body, content_type, etag=etag, last_modified=stamp)
        return self.url(path)

    def set_page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8") -> str:
        """Serve a plain page (an article) at `path`; returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._resources[path] = _Resource(data, content_type)
        return self.url(path)

    def set_error(self, path: str, status: int) -> str:
        """Answer `path` with an HTTP error status."""
        with self._lock:
            self._resources[path] = _Resource(b"error", "text/plain", status=status)
        return self.url(path)

    def set_delay(self, path: str, seconds: float) -> None:
        """Wait `seconds` before answering `path` (for timeouts)."""
        with self._lock:
            self._resources[path].delay = seconds

    def hold(self, path: str) -> Hold:
        """Hold the answers to `path` (already served) until the returned Hold is released."""
        hold = Hold()
        with self._lock:
            self._resources[path].hold = hold
        return hold

    def hits(self, path: str) -> int:
        """How many requests `path` received."""
        with self._lock:
            return sum(1 for seen, _ in self.requests if seen == path)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        with self._lock:
            self.requests.append((request.path, dict(request.headers)))
            resource = self._resources.get(request.path)
        if resource is None:
            return web.Response(status=404, text="not found")
        if resource.delay:
            await asyncio.sleep(resource.delay)
        if resource.hold is not None:
            await resource.hold._wait()
        headers: dict[str, str] = {}
        if resource.etag:
            headers["ETag"] = resource.etag
        if resource.last_modified:
            headers["Last-Modified"] = format_datetime(resource.last_modified, usegmt=True)
        if resource.status == 200 and _not_modified(request, resource):
            with self._lock:
                self.not_modified.append(request.path)
            return web.Response(status=304, headers=headers)
        headers["Content-Type"] = resource.content_type
        return web.Response(status=resource.status, body=resource.body, headers=headers)


def _not_modified(request: web.Request, resource: _Resource) -> bool:
    match = request.headers.get("If-None-Match")
    if match is not None:
        return resource.etag is not None and match == resource.etag
    since = request.headers.get("If-Modified-Since")
    if since is None or resource.last_modified is None:
        return False
    try:
        return resource.last_modified <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    """A FeedServer on 127.0.0.1 (a free port), in a background thread, until the block ends."""
    server = FeedServer()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    app = web.Application()
    app.router.add_route("GET", "/{path:.*}", server._handle)
    runner = web.AppRunner(app, shutdown_timeout=0.2, access_log=None)

    async def start() -> None:
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        server.port = int(runner.addresses[0][1])
        ready.set()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.close()

    thread = threading.Thread(target=serve, name="feed-server", daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield server
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def rss(title: str, items: Sequence[FeedItem], base: str = "http://127.0.0.1") -> bytes:
    """An RSS 2.0 document with `items`; links default to `base`/articles/<slug>."""
    entries = []
    for item in items:
        parts = [f"<title>{escape(item.title)}</title>"]
        link = f"{base}/articles/{item.slug}" if item.link == "" else item.link
        if link:
            parts.append(f"<link>{escape(link)}</link>")
        guid = f"urn:test:{item.slug}" if item.guid == "" else item.guid
        if guid:
            parts.append(f'<guid isPermaLink="false">{escape(guid)}</guid>')
        if item.published:
            parts.append(f"<pubDate>{format_datetime(item.published, usegmt=True)}</pubDate>")
        if item.summary:
            parts.append(f"<description>{escape(item.summary)}</description>")
        entries.append(f"<item>{''.join(parts)}</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{base}/</link><description>test</description>"
        f"{''.join(entries)}</channel></rss>"
    ).encode()


def atom(title: str, items: Sequence[FeedItem], base: str = "http://127.0.0.1") -> bytes:
    """An Atom 1.0 document with `items`; links default to `base`/articles/<slug>."""
    entries = []
    for item in items:
        when = (item.published or datetime(2000, 1, 1, tzinfo=UTC)).isoformat()
        link = f"{base}/articles/{item.slug}" if item.link == "" else item.link
        entries.append(
            f"<entry><title>{escape(item.title)}</title><id>urn:test:{item.slug}</id>"
            + (f'<link href="{escape(link)}"/>' if link else "")
            + f"<updated>{when}</updated><summary>{escape(item.summary)}</summary></entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test:feed</id>"
        f"<updated>2024-01-01T00:00:00Z</updated>{''.join(entries)}</feed>"
    ).encode()


FILLER = (
    "The council met on Tuesday evening to discuss the plan for the river crossing, which has been "
    "debated for years by residents and local businesses alike.",
    "Work is expected to begin next spring if the budget is approved by the regional government in "
    "the coming weeks.",
)


def article_page(title: str, paragraphs: Sequence[str]) -> str:
    """An HTML article page the core's extractor can read: `paragraphs`, then filler paragraphs."""
    body = "".join(f"<p>{escape(text)}</p>" for text in (*paragraphs, *FILLER))
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title></head><body>"
        f"<article><h1>{escape(title)}</h1>{body}</article></body></html>"
    )


class FakeClock:
    """A clock tests move by hand (aware UTC datetimes)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move forward by `timedelta(**delta)`; returns the new time."""
        self.now += timedelta(**delta)
        return self.now


def fake_analyse(article: Article) -> Report:
    """A stand-in for bot.analysis.analyse: the first two sentences, and a high-severity anonymous-source
    flag when the text mentions "officials who asked not to be named"."""
    text = article.text.removeprefix(article.title or "").strip()
    sentences = tuple(part.strip().rstrip(".") + "." for part in text.split(". ") if part.strip())[:2]
    flags: tuple[Flag, ...] = ()
    if "asked not to be named" in article.text:
        flags = (Flag(kind="anonymous", severity="high", text="officials", reasons=("unnamed",), spans=()),)
    return Report(
        text=article.text,
        summary=sentences,
        summary_spans=(),
        title=article.title,
        url=article.url,
        sourcing=Sourcing(flags=flags),
    )


@dataclass
class RecordingPoster:
    """A fake platform: records posts and, like a platform with idempotency keys, posts each key once."""

    posts: list[tuple[Target, Digest, str]] = field(default_factory=list)
    calls: int = 0
    fail_with: PostError | None = None

    async def post_digest(self, target: Target, digest: Digest, idempotency_key: str) -> None:
        self.calls += 1
        if self.fail_with is not None:
            raise self.fail_with
        if any(key == idempotency_key for _, _, key in self.posts):
            return
        self.posts.append((target, digest, idempotency_key))

    def digests(self) -> list[Digest]:
        """The digests posted (not notices), in order."""
        return [digest for _, digest, _ in self.posts if digest.items]
