"""A Digest as JSON, so a built run can be posted again unchanged after a crash."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.digest.model import Digest, DigestItem, DigestLink


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
            "more": [{"title": link.title, "url": link.url} for link in digest.more],
            "more_count": digest.more_count,
        }
    )


def digest_from_json(text: str) -> Digest:
    """The digest `digest_to_json` wrote (also by versions without `more`)."""
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
        more=tuple(DigestLink(link["title"], link["url"]) for link in data.get("more", ())),
        more_count=int(data.get("more_count", 0)),
    )
