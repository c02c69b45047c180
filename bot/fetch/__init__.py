"""The safe fetcher: the only way newsbot reads a URL a user sent.

Only http(s), only public addresses (checked on every hop and at connect time), bounded in
time and size, and only the content types the caller accepts.
"""

from __future__ import annotations

import asyncio

from ..extract import extract_html
from ..model import Article
from .client import USER_AGENT, Resource, fetch_resource
from .limits import FetchLimits
from .media import FEED_TYPES, HTML_TYPES
from .policy import NetworkPolicy
from .resolver import Resolver

__all__ = [
    "FEED_TYPES",
    "HTML_TYPES",
    "USER_AGENT",
    "FetchLimits",
    "NetworkPolicy",
    "Resolver",
    "Resource",
    "fetch_article",
    "fetch_resource",
]


async def fetch_article(
    url: str,
    *,
    policy: NetworkPolicy | None = None,
    limits: FetchLimits | None = None,
    resolver: Resolver | None = None,
    user_agent: str = USER_AGENT,
    id: str | None = None,
) -> Article:
    """The article at `url`: fetched as HTML, then its main text and metadata extracted.

    Raises the errors of `fetch_resource`, and NoArticleText when the page has no article text.
    """
    page = await fetch_resource(
        url, accept=HTML_TYPES, policy=policy, limits=limits, resolver=resolver, user_agent=user_agent
    )
    return await asyncio.to_thread(extract_html, page.text, page.url, id=id, origin="url")
