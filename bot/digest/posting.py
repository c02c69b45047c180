"""How every poster sends a digest's messages at most once, whatever the platform.

A digest renders as one or more messages ("parts"), numbered from `first`. Before sending, the
poster finds which parts are already in the channel (from the platform's recent history) and
skips them, so a retried or taken-over run never repeats a part whose answer was lost. A part the
platform refuses as malformed is not retried as it is: when it holds several items they are sent
one per message ("2.1", "2.2", … counted from `first` too), so only the item at fault is left out,
and the refusals are reported in the PostResult.

A part is posted twice only if the earlier copy is no longer in the history window the poster
reads, or the history cannot be read: the poster then posts, as a missed digest is worse than a
repeated one.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from bot.digest.model import PostResult

log = logging.getLogger(__name__)

M = TypeVar("M")
Send = Callable[[M, str], Awaitable[str | None]]
"""Sends message M as part "N" (or "N.n"): None when posted, the reason when refused as malformed;
raises PostError when the channel or the platform fails."""


async def post_parts(
    messages: Sequence[M],
    *,
    key: str,
    first: int,
    already: Callable[[str], bool],
    send: Send[M],
    singles: Callable[[M, str], Sequence[M]],
) -> PostResult:
    """Send `messages` in order, each once: a part `already` in the channel is counted as posted; a
    refused part of several pieces (`singles(message, part)`) is sent again one piece per message."""
    posted, refused = 0, []
    for number, message in enumerate(messages, first):
        part = str(number)
        if already(part):
            log.info("digest %s part %s is already in the channel", key, part)
            posted += 1
            continue
        reason = await send(message, part)
        if reason is None:
            posted += 1
            continue
        pieces = singles(message, part)
        if len(pieces) < 2:
            refused.append(reason)
            continue
        for sub, piece in enumerate(pieces, first):
            name = f"{part}.{sub}"
            if already(name):
                posted += 1
                continue
            reason = await send(piece, name)
            if reason is None:
                posted += 1
            else:
                refused.append(reason)
    return PostResult(posted, tuple(refused))
