"""Turning a host name into IP addresses: the system resolver, or one a test injects."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable, Sequence
from ipaddress import ip_address

from ..errors import FetchFailed
from .policy import IPAddress

Resolver = Callable[[str], Awaitable[Sequence[IPAddress]]]
"""An async function from a host name to its IP addresses (raising FetchFailed if it has none)."""


async def system_resolver(host: str) -> list[IPAddress]:
    """The addresses the operating system's resolver gives for `host`, without duplicates."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(f"DNS lookup for {host!r} failed: {exc}") from exc
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canonname, sockaddr in infos:
        address = ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchFailed(f"DNS lookup for {host!r} returned no addresses")
    return addresses
