"""How long and how much the fetcher may read, and reading a body within that cap."""

from __future__ import annotations

from collections.abc import AsyncIterable
from dataclasses import dataclass

from ..errors import TooLarge

MEGABYTE = 1_000_000


@dataclass(frozen=True)
class FetchLimits:
    """Time limits in seconds, the body cap in bytes and the redirect budget of one fetch."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 20.0
    max_bytes: int = 5 * MEGABYTE
    max_redirects: int = 5


def check_announced_length(content_length: str | None, max_bytes: int) -> None:
    """Raise TooLarge when a Content-Length header announces more than `max_bytes`."""
    if content_length is None or not content_length.strip().isdigit():
        return
    announced = int(content_length)
    if announced > max_bytes:
        raise TooLarge(f"the response announces {announced} bytes, more than the {max_bytes}-byte cap")


async def read_capped(chunks: AsyncIterable[bytes], max_bytes: int) -> bytes:
    """The whole body, or TooLarge as soon as it grows past `max_bytes` (nothing more is read)."""
    body = bytearray()
    async for chunk in chunks:
        body.extend(chunk)
        if len(body) > max_bytes:
            raise TooLarge(f"the body is larger than the {max_bytes}-byte cap")
    return bytes(body)
