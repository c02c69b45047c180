"""A Digest as JSON, so a built run can be posted again unchanged after a crash."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.digest.model import AlsoReported, Digest, DigestItem, DigestLink, EarlierStory


def _also_to_dict(also: AlsoReported) -> dict[str, Any]:
    return {"outlet": also.outlet, "title": also.title, "url": also.url, "badge": also.badge}


def _also_from_dict(data: dict[str, Any]) -> AlsoReported:
    return AlsoReported(data["outlet"], data["title"], data["url"], data["badge"])


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
                    "also": [_also_to_dict(also) for also in item.also],
                }
                for item in digest.items
            ],
            "more": [{"title": link.title, "url": link.url} for link in digest.more],
            "more_count": digest.more_count,
            "earlier": [
                {
                    "title": story.title,
                    "url": story.url,
                    "posted_at": story.posted_at.isoformat(),
                    "also": [_also_to_dict(also) for also in story.also],
                }
                for story in digest.earlier
            ],
        }
    )


def digest_from_json(text: str) -> Digest:
    """The digest `digest_to_json` wrote (also by versions without `more`, `also` or `earlier`)."""
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
                also=tuple(_also_from_dict(also) for also in item.get("also", ())),
            )
            for item in data["items"]
        ),
        more=tuple(DigestLink(link["title"], link["url"]) for link in data.get("more", ())),
        more_count=int(data.get("more_count", 0)),
        earlier=tuple(
            EarlierStory(
                title=story["title"],
                url=story["url"],
                posted_at=datetime.fromisoformat(story["posted_at"]),
                also=tuple(_also_from_dict(also) for also in story["also"]),
            )
            for story in data.get("earlier", ())
        ),
    )
