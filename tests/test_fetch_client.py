"""The safe fetcher against real HTTP servers on 127.0.0.1: redirects, limits, types, errors, policy."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import AsyncIterator, Iterator
from ipaddress import ip_address, ip_network

import pytest
from aiohttp import web

from bot.errors import (
    BlockedAddress,
    FetchFailed,
    FetchTimeout,
    InvalidURL,
    NotAnArticle,
    TooLarge,
    TooManyRedirects,
)
from bot.fetch import (
    FEED_TYPES,
    HTML_TYPES,
    USER_AGENT,
    FetchLimits,
    NetworkPolicy,
    Resolver,
    Resource,
    fetch_resource,
)
from bot.fetch.policy import IPAddress
from bot.fetch.resolver import system_resolver
from tests.servers.http_pages import FakeDNS, PageServer, page, redirect, serving, streamed

LOOPBACK_ALLOWED = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))
FAST = FetchLimits(connect_timeout=2.0, read_timeout=2.0, total_timeout=5.0, max_bytes=10_000)
HTML = "<html><head><title>Hello</title></head><body><p>Bonjour, café “crème”.</p></body></html>"


@pytest.fixture
async def server() -> AsyncIterator[PageServer]:
    async with serving() as started:
        yield started


@pytest.fixture
def dns() -> FakeDNS:
    return FakeDNS({"news.test": "127.0.0.1", "other.test": "127.0.0.1", "internal.test": "10.1.2.3"})


async def fetch(
    url: str,
    resolver: Resolver,
    *,
    policy: NetworkPolicy = LOOPBACK_ALLOWED,
    limits: FetchLimits = FAST,
    last_modified: str | None = None,
) -> Resource:
    """fetch_resource for HTML, with the test policy and limits unless a test says otherwise."""
    return await fetch_resource(
        url, accept=HTML_TYPES, policy=policy, limits=limits, resolver=resolver, last_modified=last_modified
    )


# --- success ------------------------------------------------------------------------------------


async def test_fetches_a_page_with_its_host_name_and_user_agent(server: PageServer, dns: FakeDNS) -> None:
    url = server.add("/story", page(HTML, headers={"ETag": '"v1"', "Last-Modified": "Tue, 05 Mar 2024"}))
    resource = await fetch_resource(
        url, accept=HTML_TYPES, policy=LOOPBACK_ALLOWED, limits=FAST, resolver=dns
    )
    assert resource.url == url
    assert resource.status == 200
    assert resource.content_type == "text/html"
    assert resource.charset == "utf-8"
    assert resource.text == HTML
    assert resource.body == HTML.encode("utf-8")
    assert (resource.etag, resource.last_modified, resource.not_modified) == (
        '"v1"',
        "Tue, 05 Mar 2024",
        False,
    )
    seen = server.requests[-1]
    assert seen.host == f"news.test:{server.port}"
    assert seen.headers["User-Agent"] == USER_AGENT
    assert dns.lookups == ["news.test"]


async def test_conditional_get_reports_not_modified(server: PageServer, dns: FakeDNS) -> None:
    async def feed(request: web.Request) -> web.StreamResponse:
        if request.headers.get("If-None-Match") == '"v2"':
            return web.Response(status=304, headers={"ETag": '"v2"'})
        body = b"<?xml version='1.0'?><rss><channel/></rss>"
        return web.Response(body=body, content_type="application/rss+xml", headers={"ETag": '"v2"'})

    url = server.add("/feed.xml", feed)
    first = await fetch_resource(url, accept=FEED_TYPES, policy=LOOPBACK_ALLOWED, limits=FAST, resolver=dns)
    assert first.etag == '"v2"' and not first.not_modified and b"<rss>" in first.body
    again = await fetch_resource(
        url, accept=FEED_TYPES, policy=LOOPBACK_ALLOWED, limits=FAST, resolver=dns, etag=first.etag
    )
    assert again.not_modified and again.status == 304 and again.body == b""
    assert server.requests[-1].headers["If-None-Match"] == '"v2"'


async def test_if_modified_since_is_sent(server: PageServer, dns: FakeDNS) -> None:
    url = server.add("/story", page(HTML))
    await fetch(url, dns, last_modified="Tue, 05 Mar 2024 10:00:00 GMT")
    assert server.requests[-1].headers["If-Modified-Since"] == "Tue, 05 Mar 2024 10:00:00 GMT"


# --- redirects ----------------------------------------------------------------------------------


async def test_follows_a_redirect_chain_across_hosts(server: PageServer, dns: FakeDNS) -> None:
    server.add("/a", redirect("/b", 301))
    server.add("/b", redirect(server.url("/c", host="other.test"), 307))
    server.add("/c", redirect("d", 308))
    final = server.url("/d", host="other.test")
    server.add("/d", page(HTML))
    resource = await fetch(server.url("/a"), dns)
    assert resource.url == final
    assert [r.path for r in server.requests] == ["/a", "/b", "/c", "/d"]
    assert server.requests[-1].host == f"other.test:{server.port}"
    assert dns.lookups == ["news.test", "news.test", "other.test", "other.test"]  # one per hop


async def test_exactly_five_redirects_are_followed(server: PageServer, dns: FakeDNS) -> None:
    for hop in range(5):
        server.add(f"/r{hop}", redirect(f"/r{hop + 1}"))
    server.add("/r5", page(HTML))
    resource = await fetch(server.url("/r0"), dns)
    assert resource.url.endswith("/r5")


async def test_more_than_five_redirects_are_refused(server: PageServer, dns: FakeDNS) -> None:
    for hop in range(7):
        server.add(f"/r{hop}", redirect(f"/r{hop + 1}"))
    server.add("/r7", page(HTML))
    with pytest.raises(TooManyRedirects):
        await fetch(server.url("/r0"), dns)
    assert [r.path for r in server.requests] == [f"/r{hop}" for hop in range(6)]


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://internal.test/",
    ],
)
async def test_redirect_to_a_private_address_is_blocked(
    server: PageServer, dns: FakeDNS, target: str
) -> None:
    url = server.add("/go", redirect(target))
    with pytest.raises(BlockedAddress):
        await fetch(url, dns, policy=NetworkPolicy(allow=(ip_network("127.0.0.1/32"),)))
    assert [r.path for r in server.requests] == ["/go"]


async def test_redirect_to_another_scheme_is_refused(server: PageServer, dns: FakeDNS) -> None:
    url = server.add("/go", redirect("file:///etc/passwd"))
    with pytest.raises(InvalidURL):
        await fetch(url, dns)


# --- the address policy -------------------------------------------------------------------------


async def test_default_policy_refuses_loopback_and_never_connects(server: PageServer, dns: FakeDNS) -> None:
    url = server.add("/story", page(HTML))
    with pytest.raises(BlockedAddress, match="loopback"):
        await fetch(url, dns, policy=NetworkPolicy())
    assert server.requests == []


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "[::1]", "10.0.0.1", "169.254.169.254", "[::ffff:127.0.0.1]", "[64:ff9b::7f00:1]"]
)
async def test_default_policy_refuses_literal_addresses(server: PageServer, dns: FakeDNS, host: str) -> None:
    with pytest.raises(BlockedAddress):
        await fetch(f"http://{host}:{server.port}/", dns, policy=NetworkPolicy())
    assert server.requests == [] and dns.lookups == []


@pytest.mark.parametrize(
    "address", ["::ffff:127.0.0.1", "64:ff9b::7f00:1", "169.254.169.254", "fd00:ec2::254"]
)
async def test_default_policy_refuses_names_resolving_to_blocked_addresses(address: str) -> None:
    with pytest.raises(BlockedAddress):
        await fetch("http://sneaky.test/", FakeDNS({"sneaky.test": address}), policy=NetworkPolicy())


async def test_a_host_with_any_blocked_address_is_refused_whole(server: PageServer) -> None:
    mixed = FakeDNS({"mixed.test": ["127.0.0.1", "10.0.0.7"]})
    url = server.add("/story", page(HTML))
    with pytest.raises(BlockedAddress, match=r"10\.0\.0\.7"):
        await fetch(url.replace("news.test", "mixed.test"), mixed)
    assert server.requests == []


async def test_localhost_through_the_system_resolver_is_refused(server: PageServer) -> None:
    assert any(address.is_loopback for address in await system_resolver("localhost"))
    server.add("/story", page(HTML))
    with pytest.raises(BlockedAddress):
        await fetch_resource(
            f"http://localhost:{server.port}/story", accept=HTML_TYPES, policy=NetworkPolicy(), limits=FAST
        )
    assert server.requests == []


@pytest.mark.parametrize("host", ["2130706433", "0x7f.1", "127.1", "017700000001"])
async def test_numeric_host_spellings_of_loopback_are_refused(server: PageServer, host: str) -> None:
    """The system resolver reads these as 127.0.0.1, and the check sees what it resolved to."""
    with pytest.raises(BlockedAddress, match="loopback"):
        await fetch_resource(
            f"http://{host}:{server.port}/", accept=HTML_TYPES, policy=NetworkPolicy(), limits=FAST
        )
    assert server.requests == []


async def test_policy_defaults_to_the_environment(
    server: PageServer, dns: FakeDNS, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.add("/story", page(HTML))
    monkeypatch.setenv("NEWSBOT_ALLOW_NETWORKS", "")
    with pytest.raises(BlockedAddress):
        await fetch_resource(url, accept=HTML_TYPES, limits=FAST, resolver=dns)
    monkeypatch.setenv("NEWSBOT_ALLOW_NETWORKS", "127.0.0.0/8")
    assert (await fetch_resource(url, accept=HTML_TYPES, limits=FAST, resolver=dns)).text == HTML


class RebindingDNS:
    """A resolver whose answer for every name changes after the first lookup."""

    def __init__(self, first: str, later: str) -> None:
        self.answers: Iterator[str] = iter([first])
        self.later = later
        self.lookups = 0

    async def __call__(self, host: str) -> list[IPAddress]:
        self.lookups += 1
        return [ip_address(next(self.answers, self.later))]


async def test_dns_rebinding_cannot_redirect_the_connection() -> None:
    """The checked answer (127.0.0.1, the only allowed address here) is the one connected to.

    A second server listens on the same port of 127.0.0.2, the "internal" address the name
    rebinds to; a fetcher that looked the name up again before connecting would reach it.
    """
    only_first = NetworkPolicy(allow=(ip_network("127.0.0.1/32"),))
    async with serving("127.0.0.1") as public, serving("127.0.0.2", public.port) as internal:
        public.add("/story", page("<p>public</p>"))
        internal.add("/story", page("<p>internal</p>"))
        rebinding = RebindingDNS(first="127.0.0.1", later="127.0.0.2")
        url = f"http://rebind.test:{public.port}/story"
        resource = await fetch_resource(
            url, accept=HTML_TYPES, policy=only_first, limits=FAST, resolver=rebinding
        )
        assert resource.text == "<p>public</p>"
        assert rebinding.lookups == 1
        assert internal.requests == []


async def test_rebinding_between_redirect_hops_is_caught() -> None:
    only_first = NetworkPolicy(allow=(ip_network("127.0.0.1/32"),))
    async with serving("127.0.0.1") as public, serving("127.0.0.2", public.port) as internal:
        public.add("/story", redirect("/next"))
        internal.add("/next", page("<p>internal</p>"))
        rebinding = RebindingDNS(first="127.0.0.1", later="127.0.0.2")
        url = f"http://rebind.test:{public.port}/story"
        with pytest.raises(BlockedAddress, match=r"127\.0\.0\.2"):
            await fetch_resource(url, accept=HTML_TYPES, policy=only_first, limits=FAST, resolver=rebinding)
        assert [r.path for r in public.requests] == ["/story"]
        assert internal.requests == []


# --- URLs and DNS -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["ftp://news.test/file", "file:///etc/passwd", "javascript:alert(1)", "news.test/story", "http://"]
)
async def test_non_http_urls_are_refused(dns: FakeDNS, url: str) -> None:
    with pytest.raises(InvalidURL):
        await fetch(url, dns)
    assert dns.lookups == []


async def test_dns_failure_is_a_fetch_failure(dns: FakeDNS) -> None:
    with pytest.raises(FetchFailed, match=r"nowhere\.test"):
        await fetch("http://nowhere.test/", dns)


async def test_slow_dns_times_out() -> None:
    async def hanging(host: str) -> list[IPAddress]:
        await asyncio.sleep(30)
        return []

    with pytest.raises(FetchTimeout):
        await fetch("http://slow.test/", hanging, limits=FetchLimits(connect_timeout=0.2))


async def test_refused_connection_is_a_fetch_failure(dns: FakeDNS) -> None:
    async with serving() as stopped:
        port = stopped.port
    with pytest.raises(FetchFailed, match="ConnectError"):
        await fetch(f"http://news.test:{port}/", dns)


# --- status codes -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [404, 410, 500, 503])
async def test_error_statuses_fail_with_the_status(server: PageServer, dns: FakeDNS, status: int) -> None:
    url = server.add("/story", page("<p>nope</p>", status=status))
    with pytest.raises(FetchFailed) as caught:
        await fetch(url, dns)
    assert str(status) in caught.value.detail
    assert str(status) in caught.value.user_message


@pytest.mark.parametrize("status", [401, 402, 403])
async def test_refusals_mention_paywalls(server: PageServer, dns: FakeDNS, status: int) -> None:
    url = server.add("/story", page("<p>subscribe</p>", status=status))
    with pytest.raises(FetchFailed) as caught:
        await fetch(url, dns)
    assert str(status) in caught.value.detail
    assert "paywall" in caught.value.user_message


# --- content types ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/pdf", b"%PDF-1.7\n..."),
        ("image/png", b"\x89PNG\r\n\x1a\n..."),
        ("application/json", b'{"story": 1}'),
        ("text/plain; charset=utf-8", b"plain text"),
        (None, b"<html>no content type</html>"),
    ],
)
async def test_non_html_types_are_not_articles(
    server: PageServer, dns: FakeDNS, content_type: str | None, body: bytes
) -> None:
    url = server.add("/file", page(body, content_type))
    with pytest.raises(NotAnArticle) as caught:
        await fetch(url, dns)
    expected = content_type.split(";")[0] if content_type else "application/octet-stream"
    assert expected in caught.value.detail


async def test_xhtml_is_accepted(server: PageServer, dns: FakeDNS) -> None:
    url = server.add("/story", page(HTML, "application/xhtml+xml"))
    assert (await fetch(url, dns)).content_type == "application/xhtml+xml"


# --- size and time limits -----------------------------------------------------------------------


async def test_announced_oversize_body_is_refused_before_reading(server: PageServer, dns: FakeDNS) -> None:
    url = server.add("/big", page(b"x" * 20_000))
    with pytest.raises(TooLarge, match="announces 20000 bytes"):
        await fetch(url, dns)


async def test_unannounced_oversize_body_stops_at_the_cap(server: PageServer, dns: FakeDNS) -> None:
    endless = (b"<p>" + b"x" * 1000 + b"</p>" for _ in range(1_000_000))
    url = server.add("/endless", streamed(endless))
    with pytest.raises(TooLarge, match="larger than the 10000-byte cap"):
        await fetch(url, dns)


async def test_a_compressed_body_is_capped_after_decompression(server: PageServer, dns: FakeDNS) -> None:
    bomb = gzip.compress(b"<p>" + b"0" * 1_000_000 + b"</p>")
    assert len(bomb) < FAST.max_bytes
    url = server.add("/bomb", page(bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(TooLarge, match="larger than"):
        await fetch(url, dns)


async def test_a_body_at_the_cap_is_read(server: PageServer, dns: FakeDNS) -> None:
    url = server.add("/exact", streamed([b"y" * 5_000, b"y" * 5_000]))
    assert len((await fetch(url, dns)).body) == 10_000


async def test_a_stalled_body_hits_the_read_timeout(server: PageServer, dns: FakeDNS) -> None:
    url = server.add("/stall", streamed([b"<p>start</p>", b"<p>never</p>"], delay=2.0))
    with pytest.raises(FetchTimeout, match="ReadTimeout"):
        await fetch(url, dns, limits=FetchLimits(read_timeout=0.2, total_timeout=5.0))


async def test_a_trickling_body_hits_the_total_timeout(server: PageServer, dns: FakeDNS) -> None:
    trickle = (b"<p>.</p>" for _ in range(10_000))
    url = server.add("/trickle", streamed(trickle, delay=0.02))
    with pytest.raises(FetchTimeout, match="in total"):
        await fetch(url, dns, limits=FetchLimits(read_timeout=1.0, total_timeout=0.3))


# --- charsets through HTTP ----------------------------------------------------------------------


FRENCH = "<p>Le café “Chez Zoé” a rouvert à Noël, a déclaré la propriétaire.</p>" * 5


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html; charset=ISO-8859-1", FRENCH.encode("cp1252")),
        ("text/html; charset=utf-8", FRENCH.encode("cp1252")),
        ("text/html", FRENCH.encode("utf-8")),
        ("text/html", b'<meta charset="windows-1252">' + FRENCH.encode("cp1252")),
    ],
    ids=["latin-1 declared", "wrong declaration", "no declaration", "meta declaration"],
)
async def test_charsets_are_decoded(server: PageServer, dns: FakeDNS, content_type: str, body: bytes) -> None:
    url = server.add("/fr", page(body, content_type))
    assert "“Chez Zoé”" in (await fetch(url, dns)).text


async def test_undecodable_bytes_are_replaced(server: PageServer, dns: FakeDNS) -> None:
    url = server.add("/bad", page(b"<p>caf\xc3</p>" + bytes(range(128, 256)), "text/html; charset=utf-8"))
    text = (await fetch(url, dns)).text
    assert text.startswith("<p>caf")
