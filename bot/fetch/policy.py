"""Which IP addresses the fetcher may connect to: public internet addresses only, by default.

An address is blocked when it (or an IPv4 address embedded in it) falls in one of the
special-purpose ranges of `blocked_networks.json`: loopback, private, link-local, multicast,
reserved, unspecified, shared (CGNAT) and cloud-metadata addresses. Networks listed in
NEWSBOT_ALLOW_NETWORKS override the block (tests and local development use this).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_network

from ..errors import BlockedAddress

IPAddress = IPv4Address | IPv6Address
IPNetwork = IPv4Network | IPv6Network

ALLOW_ENV = "NEWSBOT_ALLOW_NETWORKS"

NAT64_PREFIX = IPv6Network("64:ff9b::/96")
"""The well-known NAT64 prefix: the last 32 bits are the IPv4 address reached."""


@dataclass(frozen=True)
class BlockedRange:
    """A range the fetcher never connects to, with the reason shown in errors."""

    network: IPNetwork
    reason: str


@lru_cache(maxsize=1)
def blocked_ranges() -> tuple[BlockedRange, ...]:
    """The blocked ranges shipped with the package, in the order they are checked."""
    raw = json.loads(resources.files("bot.fetch").joinpath("blocked_networks.json").read_text("utf-8"))
    return tuple(BlockedRange(ip_network(entry["network"]), str(entry["reason"])) for entry in raw["blocked"])


def embedded_ipv4(ip: IPAddress) -> tuple[IPv4Address, ...]:
    """The IPv4 addresses an IPv6 address leads to: IPv4-mapped, NAT64 and 6to4 forms."""
    if isinstance(ip, IPv4Address):
        return ()
    found: list[IPv4Address] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip in NAT64_PREFIX:
        found.append(IPv4Address(int(ip) & 0xFFFF_FFFF))
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    return tuple(found)


def special_purpose_reason(ip: IPAddress) -> str | None:
    """What kind of non-public address `ip` is, or None for a public address."""
    for blocked in blocked_ranges():
        if ip.version == blocked.network.version and ip in blocked.network:
            return blocked.reason
    return None


@dataclass(frozen=True)
class NetworkPolicy:
    """Where the fetcher may connect: public addresses, plus the networks in `allow`."""

    allow: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> NetworkPolicy:
        """The policy NEWSBOT_ALLOW_NETWORKS asks for (comma-separated CIDRs; unset = none allowed)."""
        env = os.environ if environ is None else environ
        entries = [part.strip() for part in env.get(ALLOW_ENV, "").split(",") if part.strip()]
        try:
            return cls(allow=tuple(ip_network(entry, strict=False) for entry in entries))
        except ValueError as exc:
            raise ValueError(f"{ALLOW_ENV} must be comma-separated CIDR networks: {exc}") from exc

    def is_allowed_explicitly(self, ip: IPAddress) -> bool:
        """Whether `ip` lies in one of the networks this policy allows despite the block."""
        return any(ip.version == network.version and ip in network for network in self.allow)

    def blocked_reason(self, ip: IPAddress) -> str | None:
        """Why the fetcher must not connect to `ip`, or None when it may."""
        if self.is_allowed_explicitly(ip):
            return None
        reason = special_purpose_reason(ip)
        if reason is not None:
            return f"{ip} is {reason}"
        for inner in embedded_ipv4(ip):
            if self.is_allowed_explicitly(inner):
                continue
            reason = special_purpose_reason(inner)
            if reason is not None:
                return f"{ip} leads to {inner}, which is {reason}"
        return None

    def check(self, ip: IPAddress, host: str) -> None:
        """Raise BlockedAddress unless the fetcher may connect to `ip` (an address of `host`)."""
        reason = self.blocked_reason(ip)
        if reason is not None:
            raise BlockedAddress(f"refusing to connect to {host!r}: {reason}")
