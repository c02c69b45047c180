"""Fetching one web resource safely: checked URLs and addresses, limits, redirects, decoding.

Every request goes through `guarded_transport`, which resolves each host once, checks every
address against the NetworkPolicy and connects only to a checked address. Redirects are
followed here, one request per hop, each hop's URL checked before it is requested.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from ipaddress import ip_address

import httpx

from ..errors import FetchFailed, FetchTimeout, InvalidURL, NotAnArticle, TooManyRedirects
from .backend import guarded_transport
from .charset import decode_body
from .limits import FetchLimits, check_announced_length, read_capped
from .media import parse_content_type
from .policy import NetworkPolicy
from .resolver import Resolver, system_resolver
from .statuses import status_error

USER_AGENT = "newsbot/0.1 (+https://github.com/newsbot)"
ALLOWED_SCHEMES = frozenset({"http", "https"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Resource:
    """A fetched response: where it ended up, what it is, and its body as bytes and text.

    `not_modified` is True for a 304 answer to a conditional request; the body is then empty.
    """

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    text: str
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def checked_url(url: str | httpx.URL, policy: NetworkPolicy) -> httpx.URL:
    """`url` parsed, if it is an http(s) URL with a host; a literal IP address must be allowed."""
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url.strip())
    except httpx.InvalidURL as exc:
        raise InvalidURL(f"cannot parse {url!r}: {exc}") from exc
    if parsed.scheme not in ALLOWED_SCHEMES:
        scheme = parsed.scheme or "no scheme"
        raise InvalidURL(f"only http and https links are fetched, not {scheme} ({url})")
    if not parsed.host:
        raise InvalidURL(f"the link {url!r} has no host name")
    try:
        literal = ip_address(parsed.host)
    except ValueError:
        return parsed
    policy.check(literal, parsed.host)
    return parsed


def request_headers(
    accept: frozenset[str], user_agent: str, etag: str | None, last_modified: str | None
) -> dict[str, str]:
    """The headers of every request: who we are, what we read, a conditional GET's validators."""
    headers = {"User-Agent": user_agent, "Accept": ", ".join([*sorted(accept), "*/*;q=0.1"])}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


async def fetch_resource(
    url: str,
    *,
    accept: frozenset[str],
    policy: NetworkPolicy | None = None,
    limits: FetchLimits | None = None,
    resolver: Resolver | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    user_agent: str = USER_AGENT,
) -> Resource:
    """GET `url` (following up to `limits.max_redirects` redirects) if it is one of the `accept` types.

    Raises InvalidURL, BlockedAddress, TooManyRedirects, FetchTimeout, TooLarge, NotAnArticle
    (a content type outside `accept`) or FetchFailed (HTTP error status, DNS or network failure).
    """
    policy = policy if policy is not None else NetworkPolicy.from_env()
    limits = limits or FetchLimits()
    timeout = httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout)
    transport = guarded_transport(policy, resolver or system_resolver)
    headers = request_headers(accept, user_agent, etag, last_modified)
    try:
        async with asyncio.timeout(limits.total_timeout):
            async with httpx.AsyncClient(
                transport=transport, timeout=timeout, trust_env=False, follow_redirects=False
            ) as client:
                return await _follow(client, checked_url(url, policy), accept, policy, limits, headers)
    except TimeoutError as exc:
        raise FetchTimeout(f"fetching {url} took longer than {limits.total_timeout} s in total") from exc
    except httpx.TimeoutException as exc:
        raise FetchTimeout(f"fetching {url} timed out: {type(exc).__name__}") from exc
    except httpx.HTTPError as exc:
        raise FetchFailed(f"fetching {url} failed: {type(exc).__name__}: {exc}") from exc


async def _follow(
    client: httpx.AsyncClient,
    url: httpx.URL,
    accept: frozenset[str],
    policy: NetworkPolicy,
    limits: FetchLimits,
    headers: dict[str, str],
) -> Resource:
    """Request `url`, then each redirect target in turn (checked first), and read the final answer."""
    for _hop in range(limits.max_redirects + 1):
        async with client.stream("GET", url, headers=headers) as response:
            location = response.headers.get("location")
            if response.status_code not in REDIRECT_STATUSES or location is None:
                return await _read(response, accept, limits)
        url = checked_url(_join(url, location), policy)
    raise TooManyRedirects(f"more than {limits.max_redirects} redirects (the last one to {url})")


def _join(base: httpx.URL, location: str) -> httpx.URL:
    """The absolute URL a Location header points to."""
    try:
        return base.join(location.strip())
    except httpx.InvalidURL as exc:
        raise InvalidURL(f"{base} redirects to an invalid location {location!r}: {exc}") from exc


async def _read(response: httpx.Response, accept: frozenset[str], limits: FetchLimits) -> Resource:
    """The final response as a Resource, if its status and type are usable and its body fits the cap."""
    final_url = str(response.url)
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    content_type = parse_content_type(response.headers.get("content-type"))
    if response.status_code == 304:
        return Resource(
            url=final_url,
            status=304,
            content_type=content_type.media_type,
            charset=None,
            body=b"",
            text="",
            etag=etag,
            last_modified=last_modified,
            not_modified=True,
        )
    if not 200 <= response.status_code < 300:
        raise status_error(response.status_code, response.reason_phrase, final_url)
    if content_type.media_type not in accept:
        wanted = ", ".join(sorted(accept))
        raise NotAnArticle(f"{final_url} is {content_type.media_type}, not one of {wanted}")
    check_announced_length(response.headers.get("content-length"), limits.max_bytes)
    body = await read_capped(response.aiter_bytes(), limits.max_bytes)
    decoded = decode_body(body, content_type.charset)
    return Resource(
        url=final_url,
        status=response.status_code,
        content_type=content_type.media_type,
        charset=decoded.charset,
        body=body,
        text=decoded.text,
        etag=etag,
        last_modified=last_modified,
    )
