"""A Digest as JSON, so a built run can be posted again unchanged after a crash."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.digest.model import Digest, DigestItem


def digest_to_json(digest: Digest) -> str:
    """The digest as a JSON document."""
    return json.dumps(
        {
            "title": digest.title,
            "subscription_id": digest.subscription_id,
            "notices": list(digest.notices),
            "items": [
                {
                    "title": item.title,
                    "url": item.url,
                    "summary": list(item.summary),
                    "badge": item.badge,
                    "source": item.source,
                    "published": item.published.isoformat() if item.published else None,
                }
                for item in digest.items
            ],
        }
    )


def digest_from_json(text: str) -> Digest:
    """The digest `digest_to_json` wrote."""
    data: dict[str, Any] = json.loads(text)
    return Digest(
        title=data["title"],
        subscription_id=data["subscription_id"],
        notices=tuple(data["notices"]),
        items=tuple(
            DigestItem(
                title=item["title"],
                url=item["url"],
                summary=tuple(item["summary"]),
                badge=item["badge"],
                source=item["source"],
                published=datetime.fromisoformat(item["published"]) if item["published"] else None,
            )
            for item in data["items"]
        ),
    )
