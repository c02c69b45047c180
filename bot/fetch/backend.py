"""The only way the fetcher opens connections: resolve once, check every address, connect to it.

`GuardedBackend` is an httpcore network backend. httpcore calls `connect_tcp` with the host
name of the URL; the backend resolves it through the injected resolver, refuses the whole
host if any address is blocked by the policy, and connects to one of those very addresses.
There is no second lookup, so a DNS answer that changes between the check and the
connection (DNS rebinding) cannot redirect it. TLS still uses the URL's host name for SNI and
certificate checks, and the Host header is unchanged, because httpcore takes both from the URL.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from ipaddress import ip_address

import httpcore
import httpx

from ..errors import BlockedAddress
from .policy import IPAddress, NetworkPolicy
from .resolver import Resolver


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore backend that connects only to addresses the policy allows."""

    def __init__(self, policy: NetworkPolicy, resolver: Resolver) -> None:
        self._policy = policy
        self._resolver = resolver
        self._sockets = httpcore.AnyIOBackend()

    async def vetted_addresses(self, host: str, timeout: float | None) -> list[IPAddress]:
        """The addresses of `host`, each checked; BlockedAddress if any one is not allowed."""
        try:
            addresses: list[IPAddress] = [ip_address(host)]
        except ValueError:
            try:
                async with asyncio.timeout(timeout):
                    addresses = list(await self._resolver(host))
            except TimeoutError as exc:
                raise httpcore.ConnectTimeout(f"DNS lookup for {host!r} timed out") from exc
        for address in addresses:
            self._policy.check(address, host)
        return addresses

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Connect to the first reachable vetted address of `host`."""
        addresses = await self.vetted_addresses(host, timeout)
        failure: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                return await self._sockets.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"no addresses for {host!r}")

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Never: the fetcher only talks to internet hosts."""
        raise BlockedAddress(f"refusing to connect to the unix socket {path!r}")

    async def sleep(self, seconds: float) -> None:
        await self._sockets.sleep(seconds)


def guarded_transport(policy: NetworkPolicy, resolver: Resolver) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose every connection goes through a GuardedBackend.

    Connections are never kept alive, so each request (each redirect hop) opens a new
    connection and has its host resolved and checked afresh.
    """
    transport = httpx.AsyncHTTPTransport(trust_env=False)
    # httpx has no public parameter for a network backend, so its connection pool is replaced.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_keepalive_connections=0,
        network_backend=GuardedBackend(policy, resolver),
    )
    return transport
