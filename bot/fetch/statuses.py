"""What an HTTP error status means for the person who sent the link."""

from __future__ import annotations

from ..errors import FetchFailed

_USER_MESSAGES = {
    401: "The site refused to show me that page (HTTP {status}); it may be paywalled or blocked for bots.",
    402: "The site refused to show me that page (HTTP {status}); it may be paywalled or blocked for bots.",
    403: "The site refused to show me that page (HTTP {status}); it may be paywalled or blocked for bots.",
    404: "The site says that page doesn't exist (HTTP {status}).",
    410: "The site says that page doesn't exist any more (HTTP {status}).",
    429: "The site is asking me to slow down (HTTP {status}); please try again later.",
}
_SERVER_ERROR = "The site had an error (HTTP {status}); it may work again later."
_OTHER = "I couldn't load that page: the site answered HTTP {status}."


def status_error(status: int, reason: str, url: str) -> FetchFailed:
    """The FetchFailed error for a response with an unusable status."""
    template = _USER_MESSAGES.get(status, _SERVER_ERROR if status >= 500 else _OTHER)
    detail = f"HTTP {status} {reason}".rstrip() + f" from {url}"
    return FetchFailed(detail, user_message=template.format(status=status))
