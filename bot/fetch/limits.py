"""How long and how much the fetcher may read, and reading a body within that cap."""

from __future__ import annotations

from collections.abc import AsyncIterable
from dataclasses import dataclass

from ..errors import TooLarge
from ..limits import MAX_INPUT_BYTES, format_bytes


@dataclass(frozen=True)
class FetchLimits:
    """Time limits in seconds, the body cap in bytes and the redirect budget of one fetch.

    The default body cap is the input cap every other way in shares (`bot.limits`).
    """

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 20.0
    max_bytes: int = MAX_INPUT_BYTES
    max_redirects: int = 5


def too_large_sentence(max_bytes: int) -> str:
    """What a person is told about a page over the body cap."""
    return f"That page is too large for me to read: I read at most {format_bytes(max_bytes)} of a page."


def check_announced_length(content_length: str | None, max_bytes: int) -> None:
    """Raise TooLarge when a Content-Length header announces more than `max_bytes`."""
    if content_length is None or not content_length.strip().isdigit():
        return
    announced = int(content_length)
    if announced > max_bytes:
        raise TooLarge(
            f"the response announces {announced} bytes, more than the {max_bytes}-byte cap",
            user_message=too_large_sentence(max_bytes),
        )


async def read_capped(chunks: AsyncIterable[bytes], max_bytes: int) -> bytes:
    """The whole body, or TooLarge as soon as it grows past `max_bytes` (nothing more is read)."""
    body = bytearray()
    async for chunk in chunks:
        body.extend(chunk)
        if len(body) > max_bytes:
            raise TooLarge(
                f"the body is larger than the {max_bytes}-byte cap", user_message=too_large_sentence(max_bytes)
            )
    return bytes(body)
