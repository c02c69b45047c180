"""The address policy: which IPs the fetcher refuses, and how NEWSBOT_ALLOW_NETWORKS overrides it."""

from __future__ import annotations

from ipaddress import ip_address, ip_network

import pytest

from bot.errors import BlockedAddress
from bot.fetch import NetworkPolicy
from bot.fetch.policy import embedded_ipv4

DEFAULT = NetworkPolicy()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.255.255.254",
        "::1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "169.254.170.2",
        "fd00:ec2::254",
        "100.100.100.200",
        "100.64.0.1",
        "0.0.0.0",
        "::",
        "224.0.0.1",
        "ff02::1",
        "255.255.255.255",
        "240.0.0.1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "::127.0.0.1",
        "64:ff9b::7f00:1",
        "64:ff9b::a00:1",
        "64:ff9b:1::808:808",
        "2002:7f00:1::1",
        "2002:a9fe:a9fe::1",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "2001:db8::1",
    ],
)
def test_default_policy_blocks_non_public_addresses(address: str) -> None:
    reason = DEFAULT.blocked_reason(ip_address(address))
    assert reason is not None
    assert address in reason or str(ip_address(address)) in reason
    with pytest.raises(BlockedAddress, match="refusing to connect"):
        DEFAULT.check(ip_address(address), "example.test")


@pytest.mark.parametrize(
    "address",
    [
        "93.184.216.34",
        "8.8.8.8",
        "2606:4700:4700::1111",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "2002:808:808::1",
    ],
)
def test_default_policy_allows_public_addresses(address: str) -> None:
    assert DEFAULT.blocked_reason(ip_address(address)) is None
    DEFAULT.check(ip_address(address), "example.test")


def test_cloud_metadata_addresses_are_named_as_such() -> None:
    for address in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200"):
        reason = DEFAULT.blocked_reason(ip_address(address))
        assert reason is not None and "metadata" in reason


def test_embedded_addresses_are_named_in_the_reason() -> None:
    reason = DEFAULT.blocked_reason(ip_address("64:ff9b::7f00:1"))
    assert reason is not None and "127.0.0.1" in reason and "loopback" in reason


def test_embedded_ipv4_forms() -> None:
    assert embedded_ipv4(ip_address("::ffff:10.0.0.1")) == (ip_address("10.0.0.1"),)
    assert embedded_ipv4(ip_address("64:ff9b::c0a8:101")) == (ip_address("192.168.1.1"),)
    assert embedded_ipv4(ip_address("2002:c0a8:101::5")) == (ip_address("192.168.1.1"),)
    assert embedded_ipv4(ip_address("2606:4700::1")) == ()
    assert embedded_ipv4(ip_address("10.0.0.1")) == ()


def test_allowed_networks_override_the_block() -> None:
    policy = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))
    assert policy.blocked_reason(ip_address("127.0.0.1")) is None
    assert policy.blocked_reason(ip_address("::ffff:127.0.0.1")) is None
    assert policy.blocked_reason(ip_address("64:ff9b::7f00:1")) is None
    assert policy.blocked_reason(ip_address("10.0.0.1")) is not None
    assert policy.blocked_reason(ip_address("::1")) is not None
    assert policy.blocked_reason(ip_address("169.254.169.254")) is not None


def test_from_env_reads_comma_separated_networks() -> None:
    policy = NetworkPolicy.from_env({"NEWSBOT_ALLOW_NETWORKS": " 127.0.0.0/8, fd00::/8 ,"})
    assert policy.allow == (ip_network("127.0.0.0/8"), ip_network("fd00::/8"))
    assert policy.blocked_reason(ip_address("fd12::1")) is None
    assert policy.blocked_reason(ip_address("10.0.0.1")) is not None


def test_from_env_defaults_to_blocking_everything_non_public() -> None:
    assert NetworkPolicy.from_env({}) == NetworkPolicy()
    assert NetworkPolicy.from_env({"NEWSBOT_ALLOW_NETWORKS": ""}).allow == ()


def test_from_env_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_NETWORKS", "10.0.0.0/8")
    assert NetworkPolicy.from_env().blocked_reason(ip_address("10.9.9.9")) is None


def test_from_env_rejects_malformed_networks() -> None:
    with pytest.raises(ValueError, match="NEWSBOT_ALLOW_NETWORKS"):
        NetworkPolicy.from_env({"NEWSBOT_ALLOW_NETWORKS": "127.0.0.0/8,not-a-network"})
